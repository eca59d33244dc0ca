// When a subscriber's digests go out and what each covers. A schedule is "daily on weekdays" or
// "weekly on a chosen day", at a local hour in an IANA time zone; each send instant belongs to one
// period (`daily:2026-11-30`, `weekly:2026-W49`) — the outbox's unique key — and covers the board
// dates since the previous send. Pure: the store computes `next_due_at` with it, the digest job the period.

import { isoWeekOf } from './board-period.js';

export type DigestFrequency = 'daily' | 'weekly';

export interface DigestSchedule {
  frequency: DigestFrequency;
  /** ISO weekday of the weekly digest: 1 = Monday … 7 = Sunday. */
  weeklyDay: number;
  /** Local hour, 0–23. */
  sendHour: number;
  /** IANA time zone name. */
  timeZone: string;
}

export interface DigestPeriod {
  /** Unique per subscriber and period: `daily:YYYY-MM-DD` or `weekly:YYYY-Www` (local calendar). */
  key: string;
  frequency: DigestFrequency;
  /** Board dates covered, inclusive: from the previous scheduled send's local date to this one's. */
  windowFrom: string;
  windowTo: string;
}

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * The runtime's canonical name of a time zone (`europe/berlin` → `Europe/Berlin`, `GMT` → `UTC`), or
 * undefined for a name it does not know. Checked without the formatter cache: names come from forms,
 * and every spelling of every zone (case variants…) would otherwise stay cached for good.
 */
export function canonicalTimeZone(name: string): string | undefined {
  if (name.length === 0 || name.length > 64) return undefined;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** True for a time zone name this runtime knows (`UTC`, `Europe/Berlin`, …). */
export function isValidTimeZone(name: string): boolean {
  return canonicalTimeZone(name) !== undefined;
}

interface LocalTime {
  date: string;
  hour: number;
  /** Milliseconds the zone is ahead of UTC at that instant. */
  offsetMs: number;
}

function localTime(instant: Date, timeZone: string): LocalTime {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts;
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  const wholeSeconds = Math.floor(instant.getTime() / 1000) * 1000;
  return {
    date: new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10),
    hour,
    offsetMs: asUtc - wholeSeconds,
  };
}

/** The local date (YYYY-MM-DD) of an instant in a time zone. */
export function localDateOf(instant: Date, timeZone: string): string {
  return localTime(instant, timeZone).date;
}

/**
 * The instant when the local clock in `timeZone` shows `hour`:00 on `date`. An hour skipped by a
 * daylight-saving jump maps to the instant just after the jump (the clock's next valid reading).
 */
export function zonedInstant(date: string, hour: number, timeZone: string): Date {
  const wallClock = Date.parse(`${date}T00:00:00Z`) + hour * 3_600_000;
  // The offset at the wall-clock reading taken as UTC is at most a DST shift away from the right one;
  // re-reading the offset at the first guess settles it.
  let guess = wallClock - localTime(new Date(wallClock), timeZone).offsetMs;
  const offset = localTime(new Date(guess), timeZone).offsetMs;
  guess = wallClock - offset;
  const check = localTime(new Date(guess), timeZone);
  if (check.date !== date || check.hour !== hour) {
    // In a spring-forward gap: the earlier offset lands after the gap.
    const before = localTime(new Date(guess - 3_600_000), timeZone).offsetMs;
    guess = Math.max(guess, wallClock - before);
  }
  return new Date(guess);
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** Whether the schedule sends on this local date (weekdays for daily, the chosen day for weekly). */
export function isSendDay(schedule: DigestSchedule, date: string): boolean {
  const weekday = isoWeekday(date);
  return schedule.frequency === 'daily' ? weekday <= 5 : weekday === schedule.weeklyDay;
}

/** The first send instant strictly after `after`. */
export function nextSendAfter(schedule: DigestSchedule, after: Date): Date {
  let date = localDateOf(after, schedule.timeZone);
  // A send day comes within a week; the extra day covers "today's hour already passed".
  for (let i = 0; i < 9; i++, date = addDays(date, 1)) {
    if (!isSendDay(schedule, date)) continue;
    const instant = zonedInstant(date, schedule.sendHour, schedule.timeZone);
    if (instant.getTime() > after.getTime()) return instant;
  }
  throw new Error(
    `no send day within nine days of ${after.toISOString()} (schedule ${JSON.stringify(schedule)})`,
  );
}

/** The local date of the previous send day before `date` (not necessarily a send day itself). */
function previousSendDate(schedule: DigestSchedule, date: string): string {
  for (let back = 1; back <= 7; back++) {
    const candidate = addDays(date, -back);
    if (isSendDay(schedule, candidate)) return candidate;
  }
  return addDays(date, -7);
}

/**
 * Days a window reaches back before the previous digest's date. A paper goes on the board under
 * its arXiv date but arrives a day or so later (arXiv announces overnight; the ingest runs every
 * few hours), often after the digest for that date went out — in Tokyo, before arXiv announced it.
 * The overlap catches it in the next digest; the outbox's memory keeps any paper from showing twice.
 */
export const WINDOW_OVERLAP_DAYS = 2;

/**
 * The period a digest sent at `instant` belongs to (by the subscriber's local calendar) and the
 * board dates it covers: since the previous send date, less the overlap above.
 */
export function periodAt(schedule: DigestSchedule, instant: Date): DigestPeriod {
  const date = localDateOf(instant, schedule.timeZone);
  const previous = schedule.frequency === 'weekly' ? addDays(date, -7) : previousSendDate(schedule, date);
  const windowFrom = addDays(previous, -WINDOW_OVERLAP_DAYS);
  return {
    key: schedule.frequency === 'daily' ? `daily:${date}` : `weekly:${isoWeekOf(date)}`,
    frequency: schedule.frequency,
    windowFrom,
    windowTo: date,
  };
}

/**
 * The latest send instant at or before `now`, starting from a due instant (`due` <= `now`): after
 * downtime only the most recent missed digest goes out, not one for every period missed.
 */
export function latestSendBy(schedule: DigestSchedule, due: Date, now: Date): Date {
  let latest = due;
  for (let next = nextSendAfter(schedule, latest); next.getTime() <= now.getTime(); ) {
    latest = next;
    next = nextSendAfter(schedule, latest);
  }
  return latest;
}
