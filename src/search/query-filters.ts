// Search filters — year:, before:, after:, has:code, cat: — validated and merged into QueryFilters.
// Called by query-parser.ts while parsing; query-fts.ts uses the date bounds to build SQL.
import { QueryError, type QueryFilters } from './query-ast.js';

export type FilterKey = 'year' | 'before' | 'after' | 'has' | 'cat';

const EXAMPLES: Record<FilterKey, string> = {
  year: 'a year like year:2024 or a range like year:2020-2023',
  before: 'a date like before:2024, before:2024-06 or before:2024-06-01',
  after: 'a date like after:2023, after:2023-09 or after:2023-09-15',
  has: 'has:code',
  cat: 'an arXiv category like cat:cs.CL, or cat:cs.* for a whole archive',
};

function invalidValue(key: FilterKey, value: string): QueryError {
  if (value === '') return new QueryError(`${key}: needs a value: ${EXAMPLES[key]}.`);
  const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return new QueryError(`${key}: expects ${EXAMPLES[key]} (got "${shown}").`);
}

/** Adds one filter token to `filters`; throws QueryError for a value that cannot be meant. */
export function addFilter(filters: QueryFilters, key: FilterKey, value: string, isNegated: boolean): void {
  if (isNegated && (key === 'year' || key === 'before' || key === 'after')) {
    throw new QueryError(`${key}: can't be negated with - or NOT; use before: or after: instead.`);
  }
  switch (key) {
    case 'year':
      addYears(filters, value);
      break;
    case 'before':
    case 'after':
      addDateBound(filters, key, value);
      break;
    case 'has':
      if (value.toLowerCase() !== 'code') throw invalidValue(key, value);
      filters.hasCode = !isNegated;
      break;
    case 'cat':
      addCategories(filters, value, isNegated);
  }
}

const YEARS = /^([1-9]\d{3})(?:-([1-9]\d{3}))?$/;

/** Repeated year: filters intersect, as every filter is AND-ed; a range may be written backwards. */
function addYears(filters: QueryFilters, value: string): void {
  const match = YEARS.exec(value);
  if (!match) throw invalidValue('year', value);
  const first = Number(match[1]);
  const second = match[2] === undefined ? first : Number(match[2]);
  let from = Math.min(first, second);
  let to = Math.max(first, second);
  if (filters.years) {
    from = Math.max(from, filters.years.from);
    to = Math.min(to, filters.years.to);
    if (from > to) {
      throw new QueryError("The year: filters don't overlap; use one range instead, like year:2020-2023.");
    }
  }
  filters.years = { from, to };
}

const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** `2024`, `2024-06` or a real calendar day `2024-06-01`; undefined otherwise. */
export function parseDateBound(value: string): string | undefined {
  const match = DATE.exec(value);
  if (!match) return undefined;
  const [, year, month, day] = match;
  if (Number(year) < 1000) return undefined;
  if (month !== undefined && (Number(month) < 1 || Number(month) > 12)) return undefined;
  if (day !== undefined && firstDayOf(value) !== lastDayOf(value)) return undefined;
  return value;
}

/** First calendar day of a bound's period, as YYYY-MM-DD. */
export function firstDayOf(bound: string): string {
  const [year, month = '01', day = '01'] = bound.split('-');
  return `${year}-${month}-${day}`;
}

/** Last calendar day of a bound's period; for a full date, the date normalised through the calendar. */
export function lastDayOf(bound: string): string {
  const [year, month, day] = bound.split('-').map(Number);
  if (month === undefined) return `${year}-12-31`;
  // Day 0 of the next month is the last day of this one; Date.UTC also rolls 2023-02-29 over to March.
  const date = new Date(Date.UTC(Number(year), day === undefined ? month : month - 1, day ?? 0));
  return date.toISOString().slice(0, 10);
}

/** A repeated before:/after: keeps the stricter bound. */
function addDateBound(filters: QueryFilters, key: 'before' | 'after', value: string): void {
  const bound = parseDateBound(value);
  if (!bound) throw invalidValue(key, value);
  const current = filters[key];
  if (key === 'before' && current && firstDayOf(current) <= firstDayOf(bound)) return;
  if (key === 'after' && current && lastDayOf(current) >= lastDayOf(bound)) return;
  filters[key] = bound;
}

const CATEGORY = /^([a-z]+(?:-[a-z]+)?)(?:\.([a-z]+(?:-[a-z]+)?)|\.?\*)?$/i;

/**
 * arXiv spelling: archive lower case, two-letter subject classes upper case (cs.CL, math.AG),
 * longer ones lower case (physics.optics, cond-mat.stat-mech); `cs*` and `cs.*` both mean the archive.
 */
export function normalizeCategory(value: string): string | undefined {
  const match = CATEGORY.exec(value);
  if (!match?.[1]) return undefined;
  const archive = match[1].toLowerCase();
  const subject = match[2];
  if (subject !== undefined) {
    return `${archive}.${subject.length === 2 ? subject.toUpperCase() : subject.toLowerCase()}`;
  }
  return value.endsWith('*') ? `${archive}.*` : archive;
}

/** `cat:cs.CL,cs.LG` lists several categories at once. */
function addCategories(filters: QueryFilters, value: string, isNegated: boolean): void {
  const listKey = isNegated ? 'excludedCategories' : 'categories';
  const list = filters[listKey] ?? [];
  for (const part of value.split(',')) {
    const category = normalizeCategory(part);
    if (!category) throw invalidValue('cat', part === '' ? value : part);
    if (!list.includes(category)) list.push(category);
  }
  filters[listKey] = list;
}
