// The search index's own SQLite file: an FTS5 table over title, authors and abstract, a side table
// of filter/sort columns and one of categories (which answer only `cat:`), the keyword engine's
// posting segments (keyword/), and the last change-log revision applied. It is derived data:
// `paperboard reindex` rebuilds it from the store, so it can live on each app instance's disk.
// Spec: https://www.sqlite.org/fts5.html

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { applySqliteMemory, type SqliteMemory } from '../db/connection.js';

/** Bumped when the index layout changes; an index of another version is rebuilt. */
export const INDEX_FORMAT = 3;

/** The FTS5 columns, in bm25() weight order. */
export const FTS_COLUMNS = ['title', 'authors', 'abstract'] as const;

/**
 * unicode61 folds case and (with remove_diacritics 2) accents; porter stems English words.
 * Stemming ranked better on both evaluation collections (see the search issue's note).
 */
export const TOKENIZER = 'porter unicode61 remove_diacritics 2';

export interface IndexDb {
  sqlite: SQLite.Database;
  path: string;
}

export interface OpenIndexOptions {
  readonly?: boolean;
  tokenizer?: string;
  /** Fail (SQLITE_CANTOPEN) rather than create the file: a generation named by CURRENT may have been replaced and removed. */
  mustExist?: boolean;
  /** Page cache and mmap window (SEARCH_INDEX_CACHE_MB, SEARCH_INDEX_MMAP_MB); the config's defaults if unset. */
  memory?: SqliteMemory;
}

/** The config's defaults for an index connection: FTS5 reads many pages per query. */
export const DEFAULT_INDEX_MEMORY: SqliteMemory = { cacheMb: 128, mmapMb: 1024 };

export function openIndexDb(path: string, options: OpenIndexOptions = {}): IndexDb {
  if (path !== ':memory:' && !options.readonly) mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path, {
    readonly: options.readonly ?? false,
    fileMustExist: options.mustExist ?? false,
  });
  if (!options.readonly) {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
  }
  sqlite.pragma('busy_timeout = 5000');
  applySqliteMemory(sqlite, options.memory ?? DEFAULT_INDEX_MEMORY);
  if (!options.readonly) createSchema(sqlite, options.tokenizer ?? TOKENIZER);
  return { sqlite, path };
}

function createSchema(sqlite: SQLite.Database, tokenizer: string): void {
  if (!/^[a-z0-9_ ]+$/.test(tokenizer)) throw new Error(`bad tokenizer spec: ${tokenizer}`);
  sqlite.exec(`
    create table if not exists index_meta (key text primary key, value text not null);
    create virtual table if not exists papers_fts using fts5(
      ${FTS_COLUMNS.join(', ')},
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
    create table if not exists doc_categories (
      rowid integer not null,
      category text not null,
      primary key (category, rowid)
    ) without rowid;
    create index if not exists doc_categories_rowid on doc_categories (rowid);
    -- The keyword engine's postings (keyword/segment-writer.ts): each write batch adds a segment
    -- holding its papers' postings; a paper's postings are live only in the segment doc_segments
    -- names (0: removed). state_rev orders these changes so readers refresh only what changed.
    create table if not exists postings (
      term text not null,
      seg integer not null,
      data blob not null,
      primary key (term, seg)
    ) without rowid;
    create table if not exists segments (
      seg integer primary key,
      docs integer not null,
      bytes integer not null
    );
    create table if not exists doc_segments (
      rowid integer primary key,
      seg integer not null,
      len integer not null,
      state_rev integer not null
    );
    create index if not exists doc_segments_state on doc_segments (state_rev);
    create index if not exists doc_segments_seg on doc_segments (seg);
    -- Two-word phrases with postings of their own (keyword/phrase-pairs.ts), fixed at rebuild.
    create table if not exists phrase_pairs (pair text primary key) without rowid;
    -- Document count per indexed term, copied from papers_vocab: counting one term through fts5vocab
    -- reads its whole posting list, too slow to do for a hundred words per "similar papers" request.
    create table if not exists term_stats (term text primary key, doc integer not null) without rowid;
  `);
  if (getMeta(sqlite, 'format') === undefined) setMeta(sqlite, 'format', String(INDEX_FORMAT));
  // The keyword engine tokenizes with the same tokenizer the FTS table was made with.
  if (getMeta(sqlite, 'tokenizer') === undefined) setMeta(sqlite, 'tokenizer', tokenizer);
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

/**
 * Recomputes term_stats from the FTS vocabulary (a full scan: seconds at a million papers). Done at
 * rebuild and by the follower when the collection has grown or shrunk by a fifth since last time.
 */
export function refreshTermStats(sqlite: SQLite.Database): void {
  sqlite.transaction(() => {
    sqlite.exec(
      'delete from term_stats; insert into term_stats (term, doc) select term, doc from papers_vocab',
    );
    const { n } = sqlite.prepare('select count(*) as n from search_docs').get() as { n: number };
    setMeta(sqlite, 'term_stats_docs', String(n));
  })();
}

export function isTermStatsStale(sqlite: SQLite.Database): boolean {
  const counted = Number(getMeta(sqlite, 'term_stats_docs') ?? 0);
  const { n } = sqlite.prepare('select count(*) as n from search_docs').get() as { n: number };
  return counted === 0 ? n > 0 : Math.abs(n - counted) > counted / 5;
}

/** The last change-log revision this index has applied (0 for an empty index). */
export function appliedRevision(sqlite: SQLite.Database): number {
  return Number(getMeta(sqlite, 'revision') ?? 0);
}

export function isCurrentFormat(sqlite: SQLite.Database): boolean {
  return getMeta(sqlite, 'format') === String(INDEX_FORMAT);
}
