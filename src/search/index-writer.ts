// Writes papers into the search index: replace the FTS row and the filter columns, or remove a
// withdrawn paper. Used by the change-log follower and by the full rebuild.

import type SQLite from 'better-sqlite3';
import type { IndexablePaper } from '../store/search-feed.js';
import { setMeta } from './index-db.js';

interface Statements {
  deleteFts: SQLite.Statement;
  insertFts: SQLite.Statement;
  deleteDoc: SQLite.Statement;
  insertDoc: SQLite.Statement;
}

const cache = new WeakMap<SQLite.Database, Statements>();

function statements(sqlite: SQLite.Database): Statements {
  let s = cache.get(sqlite);
  if (!s) {
    s = {
      deleteFts: sqlite.prepare('delete from papers_fts where rowid = ?'),
      insertFts: sqlite.prepare(
        'insert into papers_fts (rowid, title, authors, abstract, categories) values (?, ?, ?, ?, ?)',
      ),
      deleteDoc: sqlite.prepare('delete from search_docs where rowid = ?'),
      insertDoc: sqlite.prepare(
        'insert into search_docs (rowid, arxiv_id, published_date, year, upvotes, has_code) values (?, ?, ?, ?, ?, ?)',
      ),
    };
    cache.set(sqlite, s);
  }
  return s;
}

/** Replaces (or, for withdrawn papers, removes) each paper's index entry. */
export function writePapers(
  sqlite: SQLite.Database,
  papers: IndexablePaper[],
  options: { isFresh?: boolean } = {},
): void {
  const s = statements(sqlite);
  for (const paper of papers) {
    // A fresh rebuild inserts each id once, so it skips the deletes.
    if (!options.isFresh) {
      s.deleteFts.run(paper.id);
      s.deleteDoc.run(paper.id);
    }
    if (paper.isWithdrawn) continue;
    s.insertFts.run(
      paper.id,
      paper.title,
      paper.authors.join(', '),
      paper.abstract,
      paper.categories.join(' '),
    );
    const date = paper.publishedAt?.slice(0, 10) ?? null;
    const year = date ? Number(date.slice(0, 4)) : null;
    s.insertDoc.run(paper.id, paper.arxivId, date, year, paper.upvotes, paper.hasCode ? 1 : 0);
  }
}

/** Removes entries by paper id (papers no longer in the store). */
export function removePapers(sqlite: SQLite.Database, ids: number[]): void {
  const s = statements(sqlite);
  for (const id of ids) {
    s.deleteFts.run(id);
    s.deleteDoc.run(id);
  }
}

export function recordRevision(sqlite: SQLite.Database, revision: number): void {
  setMeta(sqlite, 'revision', String(revision));
}
