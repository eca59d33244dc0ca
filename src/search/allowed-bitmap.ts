// A query's filters (year:, cat:, has:code …) as a bitmap over paper ids, which the keyword engine
// and the vector scan test per paper instead of joining SQL. Called by search-engine.ts and hybrid search.

import type SQLite from 'better-sqlite3';
import type { ParsedQuery } from './query-ast.js';
import { toFilterSql } from './query-fts.js';

/** Filters as a bitmap over paper ids for the keyword engine and the vector scan (undefined: no filters). */
export function allowedBitmap(
  sqlite: SQLite.Database,
  parsed: ParsedQuery,
  size: number,
): Uint8Array | undefined {
  const filter = toFilterSql(parsed.filters);
  if (filter.sql === '1 = 1') return undefined;
  const allowed = new Uint8Array(size);
  const ids = sqlite
    .prepare(`select d.rowid from search_docs d where ${filter.sql}`)
    .pluck()
    .iterate(...filter.params) as Iterable<number>;
  for (const id of ids) if (id < size) allowed[id] = 1;
  return allowed;
}
