// COPY … FROM STDIN for PostgreSQL bulk writes. COPY's text format costs the server far less than
// parsing the same values out of unnest()ed array literals (measured 2.2× faster for papers rows),
// and needs no array escaping on our side. Spec: https://www.postgresql.org/docs/current/sql-copy.html

import { once } from 'node:events';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

export type CopyValue = string | number | null | undefined;

// Text format: backslash, newline, carriage return and tab are the only characters with meaning.
const SPECIAL = /[\\\n\r\t]/;
const SPECIAL_ALL = /[\\\n\r\t]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

export function copyTextValue(value: CopyValue): string {
  if (value === null || value === undefined) return '\\N';
  const text = typeof value === 'string' ? value : String(value);
  return SPECIAL.test(text) ? text.replace(SPECIAL_ALL, (c) => ESCAPES[c] as string) : text;
}

/** One COPY text-format line per row, values in column order. */
export function copyText(rows: Iterable<readonly CopyValue[]>): string {
  let text = '';
  for (const row of rows) text += `${row.map(copyTextValue).join('\t')}\n`;
  return text;
}

/** Streams rows into `table (columns)` on the client's open transaction. */
export async function copyRows(
  client: pg.PoolClient,
  table: string,
  columns: readonly string[],
  rows: Iterable<readonly CopyValue[]>,
): Promise<void> {
  const stream = client.query(copyFrom(`copy ${table} (${columns.join(', ')}) from stdin`));
  const finished = once(stream, 'finish');
  stream.end(copyText(rows));
  await finished;
}
