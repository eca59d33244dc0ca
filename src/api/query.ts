// Strict parsing of API and feed query strings into typed values; every bad value is an `invalid`
// AppError naming the parameter (mapped to 400 by json-error.ts). Called by api/routes and feeds/routes.

import { invalid } from '../lib/errors.js';
import { type BoardPeriod, type PeriodKind, parsePeriod } from '../model/board-period.js';
import { parseRequestedMode, REQUESTED_MODES, type RequestedMode } from '../search/search-mode.js';

/** What `c.req.queries()` returns: every value of every parameter. */
export type QueryValues = Record<string, string[]>;

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 100;
export const MAX_PAGE = 1_000_000;

/** The one value of a parameter, undefined when absent; repeating it is an error. */
export function singleParam(query: QueryValues, name: string): string | undefined {
  const values = query[name];
  if (!values || values.length === 0) return undefined;
  if (values.length > 1) throw invalid(`${name} may be given only once`);
  return values[0];
}

const PERIOD_PARAMS: Array<{ name: string; kind: PeriodKind; format: string }> = [
  { name: 'date', kind: 'day', format: 'YYYY-MM-DD' },
  { name: 'week', kind: 'week', format: 'YYYY-Www (ISO week)' },
  { name: 'month', kind: 'month', format: 'YYYY-MM' },
];

/** The board period from `date`, `week` or `month` (at most one); undefined means "latest day". */
export function parsePeriodParams(
  query: QueryValues,
  allowed = PERIOD_PARAMS.map((p) => p.name),
): BoardPeriod | undefined {
  const given = PERIOD_PARAMS.filter((p) => allowed.includes(p.name) && query[p.name] !== undefined);
  if (given.length > 1) throw invalid(`give at most one of ${given.map((p) => p.name).join(', ')}`);
  const param = given[0];
  if (!param) return undefined;
  const text = singleParam(query, param.name) ?? '';
  const period = parsePeriod(param.kind, text);
  if (!period)
    throw invalid(`${param.name} must be a valid ${param.format}, got ${JSON.stringify(text.slice(0, 40))}`);
  return period;
}

/** A decimal integer parameter within [min, max]; no signs, exponents, fractions or spaces. */
export function parseIntParam(
  query: QueryValues,
  name: string,
  min: number,
  max: number,
  fallback: number,
): number {
  const text = singleParam(query, name);
  if (text === undefined) return fallback;
  const value = /^\d{1,15}$/.test(text) ? Number(text) : Number.NaN;
  if (!(value >= min && value <= max)) throw invalid(`${name} must be an integer from ${min} to ${max}`);
  return value;
}

/** HF's sorts (huggingface_hub `DailyPapersSort_T`), plus `upvotes`: the order with no sort. */
export const DAILY_SORTS = ['upvotes', 'trending', 'publishedAt'] as const;
export type DailySort = (typeof DAILY_SORTS)[number];

export interface DailyPapersQuery {
  period?: BoardPeriod;
  /** Zero-based page number (HF's `p`). */
  page: number;
  limit: number;
  sort: DailySort;
  /** Username of who put the papers on the board. */
  submitter?: string;
}

export const MAX_USERNAME_LENGTH = 100;

export function parseDailyPapersQuery(query: QueryValues): DailyPapersQuery {
  const period = parsePeriodParams(query);
  const page = parseIntParam(query, 'p', 0, MAX_PAGE, 0);
  const limit = parseIntParam(query, 'limit', 1, MAX_LIMIT, DEFAULT_LIMIT);
  const sortText = singleParam(query, 'sort') ?? 'upvotes';
  const sort = DAILY_SORTS.find((s) => s === sortText);
  if (!sort) {
    throw invalid(
      `sort must be one of ${DAILY_SORTS.join(', ')}, got ${JSON.stringify(sortText.slice(0, 40))}`,
    );
  }
  const submitter = singleParam(query, 'submitter');
  // Control characters are refused here rather than reaching the database (PostgreSQL rejects NUL).
  if (submitter !== undefined && !/^[^\p{Cc}\s]{1,100}$/u.test(submitter)) {
    throw invalid(`submitter must be a username (1 to ${MAX_USERNAME_LENGTH} characters, no spaces)`);
  }
  return {
    ...(period ? { period } : {}),
    page,
    limit,
    sort,
    ...(submitter !== undefined ? { submitter } : {}),
  };
}

export interface PapersListQuery {
  limit: number;
  /** Where the previous page ended (from its `cursor`). */
  after?: { publishedAt: string | null; id: number };
}

/** The opaque `cursor` of `GET /api/papers`: base64url of `[publishedAt | null, id]`. */
export function encodeCursor(position: { publishedAt: string | null; id: number }): string {
  return Buffer.from(JSON.stringify([position.publishedAt, position.id])).toString('base64url');
}

function decodeCursor(text: string): PapersListQuery['after'] {
  let value: unknown;
  try {
    value = /^[A-Za-z0-9_-]{1,200}$/.test(text)
      ? JSON.parse(Buffer.from(text, 'base64url').toString())
      : undefined;
  } catch {
    value = undefined;
  }
  if (Array.isArray(value) && value.length === 2) {
    const [publishedAt, id] = value as unknown[];
    const isTime =
      publishedAt === null ||
      (typeof publishedAt === 'string' && publishedAt.length <= 40 && !/[\p{Cc}]/u.test(publishedAt));
    if (isTime && Number.isSafeInteger(id) && (id as number) > 0 && (id as number) < 2 ** 31) {
      return { publishedAt: publishedAt as string | null, id: id as number };
    }
  }
  throw invalid('cursor is not one this API gave out: use the URL in the Link header (rel="next")');
}

export function parsePapersListQuery(query: QueryValues): PapersListQuery {
  const limit = parseIntParam(query, 'limit', 1, MAX_LIMIT, DEFAULT_LIMIT);
  const cursor = singleParam(query, 'cursor');
  // An empty cursor (`?cursor=&limit=`, as HF's docs write the first request) is the first page.
  return cursor ? { limit, after: decodeCursor(cursor) } : { limit };
}

export const SEARCH_DEFAULT_LIMIT = 20;
/** HF's search takes up to 120 results (its API docs: limit between 1 and 120). */
export const SEARCH_MAX_LIMIT = 120;
export const SIMILAR_DEFAULT_LIMIT = 10;
export const SIMILAR_MAX_LIMIT = 50;

/** The search text `q`: required and not blank (its syntax is checked by the search service). */
export function requireSearchText(query: QueryValues): string {
  const q = singleParam(query, 'q');
  if (q === undefined || q.trim() === '') throw invalid('q is required: the words or filters to search for');
  return q;
}

/** `mode`: keyword, semantic, hybrid or auto; absent is `fallback`. */
export function parseModeParam(query: QueryValues, fallback: RequestedMode = 'auto'): RequestedMode {
  const text = singleParam(query, 'mode');
  if (text === undefined) return fallback;
  const mode = parseRequestedMode(text);
  if (mode === undefined || text === '') {
    throw invalid(
      `mode must be one of ${REQUESTED_MODES.join(', ')}, got ${JSON.stringify(text.slice(0, 40))}`,
    );
  }
  return mode;
}

export interface SearchApiQuery {
  q: string;
  limit: number;
  mode: RequestedMode;
}

export function parseSearchApiQuery(query: QueryValues): SearchApiQuery {
  return {
    q: requireSearchText(query),
    limit: parseIntParam(query, 'limit', 1, SEARCH_MAX_LIMIT, SEARCH_DEFAULT_LIMIT),
    mode: parseModeParam(query),
  };
}

export function parseSimilarLimit(query: QueryValues): number {
  return parseIntParam(query, 'limit', 1, SIMILAR_MAX_LIMIT, SIMILAR_DEFAULT_LIMIT);
}
