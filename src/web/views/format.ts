// Small display helpers shared by the page views: UTC dates, author lists, category order,
// code-link labels. Pure; dates are formatted in UTC so pages match the board's calendar days.

import type { BoardPeriod } from '../../model/board-period.js';
import type { Author, CodeLink } from '../../model/paper.js';

const DAY = new Intl.DateTimeFormat('en-US', {
  timeZone: 'UTC',
  year: 'numeric',
  month: 'short',
  day: 'numeric',
});
const LONG_DAY = new Intl.DateTimeFormat('en-US', {
  timeZone: 'UTC',
  weekday: 'long',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
});
const MONTH = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', year: 'numeric', month: 'long' });
const SHORT = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: 'short', day: 'numeric' });

function toDate(value: string): Date | undefined {
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** `Jan 1, 2024` from an ISO date or timestamp; the input itself when it is not a date. */
export function formatDay(value: string): string {
  const date = toDate(value);
  return date ? DAY.format(date) : value;
}

export function formatLongDay(value: string): string {
  const date = toDate(value);
  return date ? LONG_DAY.format(date) : value;
}

/** The heading of a board period: `Friday, August 21, 2026`, `Week 34, 2026`, `August 2026`. */
export function periodTitle(period: BoardPeriod): string {
  if (period.kind === 'day') return formatLongDay(period.from);
  if (period.kind === 'week') {
    const [year, week] = period.label.split('-W');
    return `Week ${Number(week)}, ${year}`;
  }
  const date = toDate(period.from);
  return date ? MONTH.format(date) : period.label;
}

/** `Aug 17 – Aug 23` for a week; empty for other kinds. */
export function periodRange(period: BoardPeriod): string {
  if (period.kind !== 'week') return '';
  const from = toDate(period.from);
  const to = toDate(period.to);
  return from && to ? `${SHORT.format(from)} – ${SHORT.format(to)}` : '';
}

export interface AuthorSummary {
  shown: string[];
  /** Total number of authors when some are hidden, else 0. */
  hiddenTotal: number;
}

/** First three authors; the rest summarised as "et al." with the total count. */
export function summariseAuthors(authors: Author[], limit = 3): AuthorSummary {
  const names = authors.map((a) => a.name);
  if (names.length <= limit) return { shown: names, hiddenTotal: 0 };
  return { shown: names.slice(0, limit), hiddenTotal: names.length };
}

/** Categories with the primary one first and no duplicates. */
export function orderCategories(primary: string | null, categories: string[]): string[] {
  return [...new Set([...(primary ? [primary] : []), ...categories])];
}

/** `owner/repo` for forge links, the host for project pages. */
export function codeLinkLabel(link: CodeLink): string {
  try {
    const url = new URL(link.url);
    if (link.kind === 'project') return url.host.replace(/^www\./, '');
    const path = url.pathname.replace(/^\/+|\/+$/g, '');
    return path || url.host;
  } catch {
    return link.url;
  }
}

export function formatCount(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/**
 * Who put a paper on the board, as a phrase after "·" ("submitted by Ada", "from the arXiv listing"),
 * or undefined when the placement names no one. A daily arXiv listing is a source, not a person: it
 * does not submit (its placements carry "arXiv listing" as their submitter, for the API's filter).
 */
export function placementCredit(board: {
  source: string;
  submittedBy?: string | null | undefined;
  submitterFullname?: string | null | undefined;
}): string | undefined {
  if (board.source === 'listing') return 'from the arXiv listing';
  if (!board.submittedBy) return undefined;
  return `submitted by ${board.submitterFullname ?? board.submittedBy}`;
}

/** The phrase with its first letter capitalised, to start a line. */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
