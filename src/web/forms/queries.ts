// The query strings of the pages that take one: a list's page `?p=` (0-based), a board's `?cat=`
// and `?sort=` (board-filters.ts) with the date picker's `?d=` and `?kind=`, the search page's
// `?q=&sort=&mode=&p=`, the sign-in page's `?next=&reason=`, an emailed link's `?token=`, the digest
// preview's `?email=&date=`, a preferences page's `?notice=` and an asset's `?v=`. Read through
// web/form.ts's readQuery/requireQuery by the routes in web/routes/.

import { z } from 'zod';
import { normaliseEmail } from '../../accounts/email-address.js';
import { parseDay } from '../../model/board-period.js';
import { REQUESTED_MODES, type RequestedMode } from '../../search/search-mode.js';
import { COUNT_CAP } from '../../search/search-types.js';
import { parseBoardFilters } from '../board-filters.js';
import { BAD_PAGE_MESSAGE } from '../params.js';
import { SIGN_IN_REASONS } from '../return-path.js';
import { PREFERENCES_NOTICES } from '../views/subscription-pages.js';
import { choice, keysOf, optionalChoice, refuse, returnPath, text } from './fields.js';

/** How a day is written, for the messages about one (board paths and the date picker). */
export const DAY_HINT = 'a valid date. Dates look like 2026-08-21 (YYYY-MM-DD)';

/**
 * `?p=`: absent or empty is the first page; a page past the end is the route's 404 (or, with `max`,
 * this 400, where the page links cannot reach further).
 */
const pageField = (max = 999_999, message = BAD_PAGE_MESSAGE) =>
  z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (text === undefined || text === '') return 0;
      const page = /^\d{1,6}$/.test(text) ? Number(text) : Number.NaN;
      return page <= max ? page : refuse(ctx, message);
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

export const SEARCH_PAGE_SIZE = 20;
/** The count stops at COUNT_CAP, so pages past it cannot be reached from the page links. */
export const SEARCH_MAX_PAGE = Math.ceil(COUNT_CAP / SEARCH_PAGE_SIZE) - 1;
export const SEARCH_SORTS = ['relevance', 'date', 'upvotes'] as const;
const MODES = REQUESTED_MODES as readonly [RequestedMode, ...RequestedMode[]];

/** The search page's query; the query text's own syntax is the search parser's to check. */
export const SearchPageQuery = z.object({
  q: text(),
  sort: optionalChoice(SEARCH_SORTS, 'The sort order (?sort=) must be relevance, date or upvotes.').transform(
    (sort) => sort ?? 'relevance',
  ),
  mode: optionalChoice(MODES, `The search mode (?mode=) must be ${MODES.join(', ')}.`).transform(
    (mode) => mode ?? 'auto',
  ),
  p: pageField(SEARCH_MAX_PAGE, `The page number (?p=) must be a whole number from 0 to ${SEARCH_MAX_PAGE}.`),
});

/**
 * The sign-in page's `?next=` (a path on this site; anything else goes home, as every return path
 * does) and `?reason=` (one this site's links write, else a 400: only a hand-edited URL has another).
 */
export const SignInQuery = z.object({
  next: returnPath().transform((path) => path ?? '/'),
  reason: optionalChoice(
    keysOf(SIGN_IN_REASONS),
    `The sign-in reason (?reason=) must be one of ${keysOf(SIGN_IN_REASONS).join(', ')}.`,
  ),
});

/**
 * An emailed link's `?token=`: the secret as accounts/secrets.ts writes it (base64url). Anything else
 * reads as no token, which the route answers with its own 400 ("this link is not valid", with a way
 * to ask for a new one) without looking it up.
 */
export const LinkTokenQuery = z.object({
  token: text().transform((token) => (/^[A-Za-z0-9_-]{16,128}$/.test(token) ? token : '')),
});

/** The digest preview (admins): the subscriber's address, and the day to preview (default today). */
export const DigestPreviewQuery = z.object({
  email: text().transform(
    (typed, ctx) => normaliseEmail(typed) ?? refuse(ctx, 'Give the subscriber’s email address (?email=).'),
  ),
  date: text().transform((day, ctx) => {
    if (day === '') return undefined;
    return parseDay(day) ? day : refuse(ctx, 'date must be a calendar date (YYYY-MM-DD).');
  }),
});

/** A preferences page's `?notice=`: the word a redirect after a change writes, to say what happened. */
export const PreferencesNoticeQuery = z.object({
  notice: optionalChoice(
    keysOf(PREFERENCES_NOTICES),
    `The notice (?notice=) must be one of ${keysOf(PREFERENCES_NOTICES).join(', ')}.`,
  ),
});

/**
 * An asset's `?v=`: the version its URL was written with (a content hash, or KaTeX's version). An
 * older version is still served, for a day only; text no version could be is a 400.
 */
export const AssetQuery = z.object({
  v: z
    .string()
    .regex(/^[0-9A-Za-z.-]{1,64}$/, 'The asset version (?v=) is letters, digits, dots and dashes.')
    .optional(),
});
