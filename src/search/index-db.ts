// The search index's own SQLite file: an FTS5 table over title, authors, abstract and categories,
// a side table of filter/sort columns, and the last change-log revision applied. It is derived data:
// `paperboard reindex` rebuilds it from the store, so it can live on each app instance's disk.
// Spec: https://www.sqlite.org/fts5.html

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';

/** Bumped when the index layout changes; an index of another version is rebuilt. */
export const INDEX_FORMAT = 1;

/**
 * unicode61 folds case and (with remove_diacritics 2) accents; porter stems English words.
 * Stemming ranked better on both evaluation collections (see the search issue's note).
 */
export const TOKENIZER = 'porter unicode61 remove_diacritics 2';

export interface IndexDb {
  sqlite: SQLite.Database;
  path: string;
}

export function openIndexDb(path: string, options: { readonly?: boolean; tokenizer?: string } = {}): IndexDb {
  if (path !== ':memory:' && !options.readonly) mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path, { readonly: options.readonly ?? false });
  if (!options.readonly) {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
  }
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('mmap_size = 1073741824');
  sqlite.pragma('cache_size = -131072');
  if (!options.readonly) createSchema(sqlite, options.tokenizer ?? TOKENIZER);
  return { sqlite, path };
}

function createSchema(sqlite: SQLite.Database, tokenizer: string): void {
  if (!/^[a-z0-9_ ]+$/.test(tokenizer)) throw new Error(`bad tokenizer spec: ${tokenizer}`);
  sqlite.exec(`
    create table if not exists index_meta (key text primary key, value text not null);
    create virtual table if not exists papers_fts using fts5(
      title, authors, abstract, categories,
      tokenize = '${tokenizer}', detail = full
    );
    create virtual table if not exists papers_vocab using fts5vocab(papers_fts, 'row');
    create table if not exists search_docs (
      rowid integer primary key,
      arxiv_id text not null unique,
      published_date text,
      year integer,
      upvotes integer not null default 0,
      has_code integer not null default 0
    );
    create index if not exists search_docs_published on search_docs (published_date);
    create index if not exists search_docs_upvotes on search_docs (upvotes);
  `);
  if (getMeta(sqlite, 'format') === undefined) setMeta(sqlite, 'format', String(INDEX_FORMAT));
}

export function getMeta(sqlite: SQLite.Database, key: string): string | undefined {
  const row = sqlite.prepare('select value from index_meta where key = ?').get(key) as
    | { value: string }
    | undefined;
  return row?.value;
}

export function setMeta(sqlite: SQLite.Database, key: string, value: string): void {
  sqlite
    .prepare(
      'insert into index_meta (key, value) values (?, ?) on conflict (key) do update set value = excluded.value',
    )
    .run(key, value);
}

/** The last change-log revision this index has applied (0 for an empty index). */
export function appliedRevision(sqlite: SQLite.Database): number {
  return Number(getMeta(sqlite, 'revision') ?? 0);
}

export function isCurrentFormat(sqlite: SQLite.Database): boolean {
  return getMeta(sqlite, 'format') === String(INDEX_FORMAT);
}
