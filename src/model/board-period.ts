// Board periods: a day (YYYY-MM-DD), an ISO week (YYYY-Www) or a month (YYYY-MM), as date ranges,
// with the period containing a given date for previous/next navigation. Pure; web and API use it.

export type PeriodKind = 'day' | 'week' | 'month';

export interface BoardPeriod {
  kind: PeriodKind;
  /** Canonical label: `2026-08-21`, `2026-W34`, `2026-08`. */
  label: string;
  /** Inclusive first and last dates (YYYY-MM-DD). */
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;

function toDateString(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function utcMs(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day);
}

/** Parses `YYYY-MM-DD` strictly (real calendar date); undefined otherwise. */
export function parseDay(text: string): BoardPeriod | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const ms = utcMs(Number(m[1]), Number(m[2]), Number(m[3]));
  if (toDateString(ms) !== text) return undefined;
  return { kind: 'day', label: text, from: text, to: text };
}

/** Monday of ISO week 1: the week containing January 4th (ISO 8601). */
function isoWeekOneMonday(year: number): number {
  const jan4 = utcMs(year, 1, 4);
  const weekday = (new Date(jan4).getUTCDay() + 6) % 7;
  return jan4 - weekday * DAY_MS;
}

export function parseWeek(text: string): BoardPeriod | undefined {
  const m = /^(\d{4})-W(\d{2})$/.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const week = Number(m[2]);
  const weeksInYear = (isoWeekOneMonday(year + 1) - isoWeekOneMonday(year)) / (7 * DAY_MS);
  if (week < 1 || week > weeksInYear) return undefined;
  const monday = isoWeekOneMonday(year) + (week - 1) * 7 * DAY_MS;
  return { kind: 'week', label: text, from: toDateString(monday), to: toDateString(monday + 6 * DAY_MS) };
}

export function parseMonth(text: string): BoardPeriod | undefined {
  const m = /^(\d{4})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (month < 1 || month > 12 || year < 1991) return undefined;
  return {
    kind: 'month',
    label: text,
    from: toDateString(utcMs(year, month, 1)),
    to: toDateString(utcMs(year, month + 1, 1) - DAY_MS),
  };
}

export function parsePeriod(kind: PeriodKind, text: string): BoardPeriod | undefined {
  if (kind === 'day') return parseDay(text);
  return kind === 'week' ? parseWeek(text) : parseMonth(text);
}

/** The ISO week label (`2026-W34`) of a date. */
export function isoWeekOf(date: string): string {
  const ms = Date.parse(`${date}T00:00:00Z`);
  const weekday = (new Date(ms).getUTCDay() + 6) % 7;
  const thursday = ms + (3 - weekday) * DAY_MS;
  const year = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - isoWeekOneMonday(year)) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The period of the given kind that contains a date. */
export function periodContaining(kind: PeriodKind, date: string): BoardPeriod {
  const label = kind === 'day' ? date : kind === 'week' ? isoWeekOf(date) : date.slice(0, 7);
  const period = parsePeriod(kind, label);
  if (!period) throw new Error(`no ${kind} period contains ${date}`);
  return period;
}
