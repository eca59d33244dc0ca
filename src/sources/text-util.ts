// Small helpers shared by the JSON source parsers (HF daily, Kaggle snapshot, listings):
// whitespace, dates, typed field reads and the per-record error that line parsers throw.
// Pure functions; no I/O.

import type { RecordIssue } from '../model/paper.js';

/** A single record (one JSON line) that cannot be used. Ingest turns it into a RecordIssue and goes on. */
export class RecordError extends Error {
  override name = 'RecordError';
  constructor(
    /** Where in the input, e.g. `line 12`. */
    readonly position: string,
    /** What is wrong, without the position. */
    readonly reason: string,
    /** arXiv id, when it could be read before the record failed. */
    readonly id?: string,
  ) {
    super(`${position}${id ? ` (${id})` : ''}: ${reason}`);
  }

  toIssue(): RecordIssue {
    const issue: RecordIssue = { position: this.position, message: this.reason };
    if (this.id !== undefined) issue.id = this.id;
    return issue;
  }
}

/**
 * Collapses runs of XML/JSON whitespace (space, tab, CR, LF: https://www.w3.org/TR/xml/#NT-S) to one
 * space and trims: arXiv hard-wraps titles and abstracts at ~80 columns and indents them, and
 * pretty-printed OAI files add more. Other Unicode spaces (no-break space) are content and are kept.
 */
export function collapseWhitespace(text: string): string {
  // Only runs that are not already a single space are rewritten: most gaps in prose are one space,
  // and rewriting each of them made this the hottest function of a bulk import.
  return text.replace(/[ \t\r\n]{2,}|[\t\r\n]/g, ' ').trim();
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

// RFC 2822 §3.3 date-time as arXiv writes it: `Mon, 2 Apr 2007 19:18:42 GMT` (weekday and seconds optional).
const RFC2822 =
  /^(?:[A-Z][a-z]{2},\s*)?(\d{1,2})\s+([A-Z][a-z]{2})\s+(\d{4})\s+(\d{2}):(\d{2})(?::(\d{2}))?\s+(GMT|UTC?|Z|[+-]\d{4})$/;

/** `Mon, 2 Apr 2007 19:18:42 GMT` → `2007-04-02T19:18:42.000Z`; undefined when it is not such a date. */
export function rfc2822ToIso(text: string): string | undefined {
  const m = RFC2822.exec(text.trim());
  if (!m) return undefined;
  const [, day, monthName, year, hour, minute, second, zone] = m;
  const month = MONTHS.indexOf(monthName ?? '');
  const [y = 0, d = 0, h = 0, min = 0, s = 0] = [year, day, hour, minute, second ?? '0'].map(Number);
  if (month < 0 || !isRealDay(y, month, d) || h > 23 || min > 59 || s > 60) return undefined;
  return new Date(Date.UTC(y, month, d, h, min, s) - zoneOffsetMinutes(zone) * 60_000).toISOString();
}

// Date.UTC would silently roll 31 Apr over to 1 May.
function isRealDay(year: number, month: number, day: number): boolean {
  return day >= 1 && new Date(Date.UTC(year, month, day)).getUTCDate() === day;
}

/** `+0200` → 120; GMT/UT/UTC/Z → 0. */
function zoneOffsetMinutes(zone: string | undefined): number {
  if (!zone || !/^[+-]\d{4}$/.test(zone)) return 0;
  const minutes = Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5));
  return zone.startsWith('-') ? -minutes : minutes;
}

// ISO-8601 date-time with an explicit zone, as JSON APIs send it.
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;

/** Normalises an ISO timestamp to `toISOString()` form (UTC, milliseconds); undefined when invalid. */
export function normaliseIsoTimestamp(text: string): string | undefined {
  if (!ISO_TIMESTAMP.test(text)) return undefined;
  const [year = 0, month = 0, day = 0] = text.slice(0, 10).split('-').map(Number);
  if (!isRealDay(year, month - 1, day)) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

// arXiv marks withdrawals in the comments: "This paper has been withdrawn by the authors", "Withdrawn: ...",
// "This submission has been withdrawn by arXiv administrators due to ...".
const WITHDRAWN =
  /^\s*withdrawn\b|\b(?:has been|have been|is|was)\s+withdrawn\b|\bwithdrawn by (?:the )?(?:author|arxiv)/i;

/** True when an arXiv comments field says the paper was withdrawn. */
export function isWithdrawnComment(comments: string | undefined): boolean {
  return comments !== undefined && WITHDRAWN.test(comments);
}

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses one JSON-lines line that must hold an object; throws RecordError naming the line. */
export function parseJsonObjectLine(line: string, lineNumber: number): JsonObject {
  const position = `line ${lineNumber}`;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    throw new RecordError(position, `invalid JSON (${(error as Error).message})`);
  }
  if (!isJsonObject(value)) {
    throw new RecordError(position, `expected a JSON object, got ${describeJson(value)}`);
  }
  return value;
}

/** Short name of a JSON value's type for error messages: `array`, `null`, `string`... */
export function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/**
 * Typed reads of one record's fields. Each failure throws RecordError at the record's position,
 * so a parser reads like a schema and reports the first bad field by name.
 */
export class FieldReader {
  id?: string;

  constructor(
    private readonly obj: JsonObject,
    readonly position: string,
  ) {}

  fail(message: string): never {
    throw new RecordError(this.position, message, this.id);
  }

  requireString(key: string, label = key): string {
    const value = this.obj[key];
    if (typeof value !== 'string') this.fail(`${label} must be a string, got ${describeJson(value)}`);
    return value;
  }

  /** Missing, null and blank all mean "not given". */
  optionalString(key: string, label = key): string | undefined {
    const value = this.obj[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') this.fail(`${label} must be a string or null, got ${describeJson(value)}`);
    return value.trim() === '' ? undefined : value;
  }

  optionalCount(key: string, label = key): number | undefined {
    const value = this.obj[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      this.fail(`${label} must be a non-negative integer, got ${JSON.stringify(value)}`);
    }
    return value;
  }

  requireArray(key: string, label = key): unknown[] {
    const value = this.obj[key];
    if (!Array.isArray(value)) this.fail(`${label} must be an array, got ${describeJson(value)}`);
    return value;
  }

  optionalArray(key: string, label = key): unknown[] | undefined {
    const value = this.obj[key];
    return value === undefined || value === null ? undefined : this.requireArray(key, label);
  }

  requireStringArray(key: string, label = key): string[] {
    const items = this.requireArray(key, label);
    items.forEach((item, i) => {
      if (typeof item !== 'string') this.fail(`${label}[${i}] must be a string, got ${describeJson(item)}`);
    });
    return items as string[];
  }

  optionalStringArray(key: string, label = key): string[] | undefined {
    const value = this.obj[key];
    return value === undefined || value === null ? undefined : this.requireStringArray(key, label);
  }

  optionalObject(key: string, label = key): JsonObject | undefined {
    const value = this.obj[key];
    if (value === undefined || value === null) return undefined;
    if (!isJsonObject(value)) this.fail(`${label} must be an object, got ${describeJson(value)}`);
    return value;
  }

  requireTimestamp(key: string, label = key): string {
    const raw = this.requireString(key, label);
    return (
      normaliseIsoTimestamp(raw) ?? this.fail(`${label} is not an ISO timestamp: ${JSON.stringify(raw)}`)
    );
  }

  optionalTimestamp(key: string, label = key): string | undefined {
    return this.optionalString(key, label) === undefined ? undefined : this.requireTimestamp(key, label);
  }

  /** A non-empty title/abstract-like text with whitespace collapsed. */
  requireText(key: string, label = key): string {
    const text = collapseWhitespace(this.requireString(key, label));
    if (text === '') this.fail(`${label} is empty`);
    return text;
  }
}

/** Drops keys whose value is undefined, so records only carry what the source said. */
export function withoutUndefined<T extends object>(obj: T): T {
  // A plain loop: entries/filter/fromEntries allocated three arrays per record of a bulk import.
  const source = obj as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key in source) if (source[key] !== undefined) out[key] = source[key];
  return out as T;
}
