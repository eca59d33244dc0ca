// The query strings of the pages that take one: a list's page `?p=` (0-based), and a board's `?cat=`
// and `?sort=` (board-filters.ts) with the date picker's `?d=` and `?kind=`. Read by web/form.ts's
// readQuery for routes/board.tsx, trending.tsx, author.tsx and upvotes.tsx.

import { z } from 'zod';
import { parseDay } from '../../model/board-period.js';
import { parseBoardFilters } from '../board-filters.js';
import { BAD_PAGE_MESSAGE } from '../params.js';
import { choice, refuse } from './fields.js';

/** How a day is written, for the messages about one (board paths and the date picker). */
export const DAY_HINT = 'a valid date. Dates look like 2026-08-21 (YYYY-MM-DD)';

/** `?p=`: absent or empty is the first page; a page past the end is the route's 404. */
const pageField = () =>
  z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (text === undefined || text === '') return 0;
      return /^\d{1,6}$/.test(text) ? Number(text) : refuse(ctx, BAD_PAGE_MESSAGE);
    });

export const PageQuery = z.object({ p: pageField() });

const filterFields = { cat: z.string().optional(), sort: z.string().optional() };

/** A board's page and filters; a filter that is not one is a 400 saying why, never an empty board. */
export const BoardQuery = z.object({ p: pageField(), ...filterFields }).transform(({ p, cat, sort }, ctx) => {
  const parsed = parseBoardFilters(cat, sort);
  return 'error' in parsed ? refuse(ctx, parsed.error) : { page: p, filters: parsed.filters };
});

/** The date picker's GET form: a day, the kind of board to land on, and the filters to keep. */
export const DatePickerQuery = z
  .object({
    d: z
      .string()
      .optional()
      .transform((text, ctx) => {
        if (text === undefined) return undefined;
        return parseDay(text) ?? refuse(ctx, `“${text}” is not ${DAY_HINT}.`);
      }),
    kind: choice(
      ['day', 'week', 'month'],
      'The board kind (?kind=) must be “day”, “week” or “month”.',
      'day',
    ),
    ...filterFields,
  })
  .transform(({ d, kind, cat, sort }, ctx) => {
    const parsed = parseBoardFilters(cat, sort);
    return 'error' in parsed ? refuse(ctx, parsed.error) : { day: d, kind, filters: parsed.filters };
  });
