// Row ids as requests name them (comments, readers, reading lists, subscribers): the web and API
// request layers parse them here before any query, so a value the database cannot hold is a
// missing row, never a database error.

/**
 * The largest id a row can have: ids are PostgreSQL `integer` (32-bit) columns, and PostgreSQL
 * refuses a larger number in a comparison with "integer out of range" (SQLite would just not find it).
 */
export const MAX_ROW_ID = 2_147_483_647;

/** A row id from a URL or form field: plain decimal digits, 1 to MAX_ROW_ID; anything else is undefined. */
export function parseRowId(value: unknown): number | undefined {
  if (typeof value !== 'string' || !/^\d{1,10}$/.test(value)) return undefined;
  const id = Number(value);
  return id >= 1 && id <= MAX_ROW_ID ? id : undefined;
}
