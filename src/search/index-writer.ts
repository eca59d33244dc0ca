// Writes papers into the search index: replace the FTS row, the filter columns and categories, and
// (for the change-log follower) a keyword-engine segment with the papers whose text changed; or
// remove a withdrawn paper. Used by the follower and by the full rebuild (which builds its keyword
// postings once at the end, see rebuild-index.ts).

import type SQLite from 'better-sqlite3';
import type { IndexablePaper } from '../store/search-feed.js';
import { setMeta } from './index-db.js';
import { removeDocs, writeSegment } from './keyword/segment-writer.js';
import { type OracleDocument, type TokenOracle, tokenOracleFor } from './keyword/token-oracle.js';
import { toIndexedText } from './query-tokenize.js';

interface Statements {
  selectText: SQLite.Statement;
  deleteFts: SQLite.Statement;
  insertFts: SQLite.Statement;
  deleteDoc: SQLite.Statement;
  insertDoc: SQLite.Statement;
  deleteCategories: SQLite.Statement;
  insertCategory: SQLite.Statement;
  oracle: TokenOracle;
}

const cache = new WeakMap<SQLite.Database, Statements>();

function statements(sqlite: SQLite.Database): Statements {
  let s = cache.get(sqlite);
  if (!s) {
    s = {
      selectText: sqlite.prepare('select title, authors, abstract from papers_fts where rowid = ?'),
      deleteFts: sqlite.prepare('delete from papers_fts where rowid = ?'),
      insertFts: sqlite.prepare(
        'insert into papers_fts (rowid, title, authors, abstract) values (?, ?, ?, ?)',
      ),
      deleteDoc: sqlite.prepare('delete from search_docs where rowid = ?'),
      insertDoc: sqlite.prepare(
        'insert into search_docs (rowid, arxiv_id, published_date, year, upvotes, has_code) values (?, ?, ?, ?, ?, ?)',
      ),
      deleteCategories: sqlite.prepare('delete from doc_categories where rowid = ?'),
      insertCategory: sqlite.prepare('insert or ignore into doc_categories (rowid, category) values (?, ?)'),
      oracle: tokenOracleFor(sqlite),
    };
    cache.set(sqlite, s);
  }
  return s;
}

/** The FTS columns of a paper, as indexed (acronyms protected from stemming, see query-tokenize). */
export function indexedColumns(paper: IndexablePaper): [string, string, string] {
  return [toIndexedText(paper.title), paper.authors.join(', '), toIndexedText(paper.abstract)];
}

/**
 * Replaces (or, for withdrawn papers, removes) each paper's index entry. `isFresh` (a rebuild into an
 * empty index) skips the deletes and the keyword segments.
 */
export function writePapers(
  sqlite: SQLite.Database,
  papers: IndexablePaper[],
  options: { isFresh?: boolean } = {},
): void {
  const s = statements(sqlite);
  const retokenize: OracleDocument[] = [];
  const removed: number[] = [];
  for (const paper of papers) {
    const columns = indexedColumns(paper);
    let isSameText = false;
    // A fresh rebuild inserts each id once, so it skips the deletes.
    if (!options.isFresh) {
      const old = s.selectText.get(paper.id) as
        | { title: string; authors: string; abstract: string }
        | undefined;
      isSameText =
        old !== undefined &&
        old.title === columns[0] &&
        old.authors === columns[1] &&
        old.abstract === columns[2];
      s.deleteFts.run(paper.id);
      s.deleteDoc.run(paper.id);
      s.deleteCategories.run(paper.id);
    }
    if (paper.isWithdrawn) {
      if (!options.isFresh) removed.push(paper.id);
      continue;
    }
    s.insertFts.run(paper.id, ...columns);
    const date = paper.publishedAt?.slice(0, 10) ?? null;
    const year = date ? Number(date.slice(0, 4)) : null;
    s.insertDoc.run(paper.id, paper.arxivId, date, year, paper.upvotes, paper.hasCode ? 1 : 0);
    for (const category of paper.categories) s.insertCategory.run(paper.id, category);
    // Votes and code links change often and leave the text alone: the paper keeps its postings.
    if (!options.isFresh && !isSameText) retokenize.push({ id: paper.id, columns });
  }
  removeDocs(sqlite, removed);
  writeSegment(sqlite, s.oracle, retokenize);
}

/** Removes entries by paper id (papers no longer in the store). */
export function removePapers(sqlite: SQLite.Database, ids: number[]): void {
  const s = statements(sqlite);
  for (const id of ids) {
    s.deleteFts.run(id);
    s.deleteDoc.run(id);
    s.deleteCategories.run(id);
  }
  removeDocs(sqlite, ids);
}

export function recordRevision(sqlite: SQLite.Database, revision: number): void {
  setMeta(sqlite, 'revision', String(revision));
}
