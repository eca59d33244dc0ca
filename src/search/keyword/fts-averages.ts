// Reads FTS5's own collection statistics — the row count and total tokens bm25() uses — from the
// "averages" record (id 1 of the %_data shadow table: a varint row count, then a varint per
// column), so the keyword engine's BM25 uses exactly FTS5's N and average document length.
// Format: https://www.sqlite.org/src/file/ext/fts5/fts5_index.c ("averages record").

import type SQLite from 'better-sqlite3';

export interface CollectionStats {
  rows: number;
  tokens: number;
  /**
   * The natural logarithm of the C library FTS5 itself calls: V8's Math.log can differ from it in
   * the last bit, which would make equal-looking scores compare unequal.
   */
  ln(x: number): number;
}

const lnStatements = new WeakMap<SQLite.Database, SQLite.Statement>();

function sqliteLn(sqlite: SQLite.Database): (x: number) => number {
  let statement = lnStatements.get(sqlite);
  if (!statement) {
    statement = sqlite.prepare('select ln(?)').pluck();
    lnStatements.set(sqlite, statement);
  }
  const prepared = statement;
  return (x) => prepared.get(x) as number;
}

/** SQLite's varint: big-endian 7-bit groups with a continuation bit; a 9th byte carries 8 bits. */
function readVarint(bytes: Uint8Array, at: number): [number, number] {
  let value = 0;
  let i = at;
  for (let n = 0; n < 8; n++) {
    const b = bytes[i++];
    if (b === undefined) throw new Error('FTS5 averages record: truncated varint');
    value = value * 128 + (b & 0x7f);
    if (b < 0x80) return [value, i];
  }
  const last = bytes[i++];
  if (last === undefined) throw new Error('FTS5 averages record: truncated varint');
  return [value * 256 + last, i];
}

export function readCollectionStats(sqlite: SQLite.Database, table = 'papers_fts'): CollectionStats {
  const row = sqlite.prepare(`select block from ${table}_data where id = 1`).get() as
    | { block: Buffer }
    | undefined;
  const ln = sqliteLn(sqlite);
  if (!row || row.block.length === 0) return { rows: 0, tokens: 0, ln };
  let [rows, at] = readVarint(row.block, 0);
  let tokens = 0;
  while (at < row.block.length) {
    const [columnTokens, next] = readVarint(row.block, at);
    tokens += columnTokens;
    at = next;
  }
  rows = Math.max(0, rows);
  return { rows, tokens, ln };
}
