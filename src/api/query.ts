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

export interface DailyPapersQuery {
  period?: BoardPeriod;
  /** Zero-based page number (HF's `p`). */
  page: number;
  limit: number;
  sort: 'upvotes' | 'trending';
}

export function parseDailyPapersQuery(query: QueryValues): DailyPapersQuery {
  const period = parsePeriodParams(query);
  const page = parseIntParam(query, 'p', 0, MAX_PAGE, 0);
  const limit = parseIntParam(query, 'limit', 1, MAX_LIMIT, DEFAULT_LIMIT);
  const sortText = singleParam(query, 'sort') ?? 'upvotes';
  if (sortText !== 'upvotes' && sortText !== 'trending') {
    throw invalid(`sort must be upvotes or trending, got ${JSON.stringify(sortText.slice(0, 40))}`);
  }
  return period ? { period, page, limit, sort: sortText } : { page, limit, sort: sortText };
}

export const SEARCH_DEFAULT_LIMIT = 20;
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
    limit: parseIntParam(query, 'limit', 1, MAX_LIMIT, SEARCH_DEFAULT_LIMIT),
    mode: parseModeParam(query),
  };
}

export function parseSimilarLimit(query: QueryValues): number {
  return parseIntParam(query, 'limit', 1, SIMILAR_MAX_LIMIT, SIMILAR_DEFAULT_LIMIT);
}
