// Path parameters shared by routes: a row id in the URL (`/comments/:id/edit`) is matched by one
// pattern and parsed by one function, so no route hands the store a number the database cannot hold.

import type { Context } from 'hono';
import { notFound } from '../lib/errors.js';
import { parseRowId } from '../model/row-id.js';

/** A route pattern's `:id` segment: 1 to 10 digits (the range is checked by rowIdParam). */
export const ROW_ID = ':id{[0-9]{1,10}}';

/** The route's `:id` as a row id; a number no row can have is a 404, like a row that does not exist. */
export function rowIdParam(c: Context, name = 'id'): number {
  const id = parseRowId(c.req.param(name));
  if (id === undefined) throw notFound('There is no such item: its number is out of range.');
  return id;
}

export const BAD_PAGE_MESSAGE = 'The page number (?p=) must be a whole number, starting at 0.';

/** The 404 message for a page past the end of a list. */
export function missingPageMessage(what: string, pageCount: number, page: number): string {
  return `${what} has ${pageCount} page${pageCount === 1 ? '' : 's'}; there is no page ${page}.`;
}
