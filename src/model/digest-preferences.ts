// A subscriber's digest preferences: the schedule, how many papers, whether to include the trending
// papers, and the topics that pick the rest (arXiv categories, saved search queries, followed authors,
// excluded keywords). Defaults and the limits every input is checked against. Pure.

import type { DigestSchedule } from './digest-schedule.js';
import { isValidTimeZone } from './digest-schedule.js';

export interface DigestTopics {
  /** arXiv categories (`cs.CL`) or archives with a wildcard (`cs.*`). */
  categories: string[];
  /** Saved searches in the search query language. */
  queries: string[];
  /** Followed author names, matched like the search's `au:` field. */
  authors: string[];
  /** Papers matching any of these words or phrases are left out. */
  exclude: string[];
}

export interface DigestPreferences extends DigestSchedule {
  maxPapers: number;
  includeTrending: boolean;
  topics: DigestTopics;
}

export const DIGEST_LIMITS = {
  maxPapers: { min: 1, max: 50 },
  categories: 30,
  queries: 10,
  authors: 30,
  exclude: 30,
  /** Characters of one topic entry. */
  entryLength: 200,
} as const;

export const DEFAULT_PREFERENCES: DigestPreferences = {
  frequency: 'daily',
  weeklyDay: 1,
  sendHour: 8,
  timeZone: 'UTC',
  maxPapers: 10,
  includeTrending: true,
  topics: { categories: [], queries: [], authors: [], exclude: [] },
};

const CATEGORY = /^[a-z][a-z-]*(\.([A-Za-z][A-Za-z-]*|\*))?$/;

export function hasTopics(topics: DigestTopics): boolean {
  return topics.categories.length + topics.queries.length + topics.authors.length > 0;
}

/** Problems with a set of preferences, as sentences for the form; empty when they are fine. */
export function preferenceProblems(prefs: DigestPreferences): string[] {
  const problems: string[] = [];
  if (prefs.frequency !== 'daily' && prefs.frequency !== 'weekly') {
    problems.push('Choose a daily or a weekly digest.');
  }
  if (!Number.isInteger(prefs.weeklyDay) || prefs.weeklyDay < 1 || prefs.weeklyDay > 7) {
    problems.push('The weekly digest day must be a day of the week.');
  }
  if (!Number.isInteger(prefs.sendHour) || prefs.sendHour < 0 || prefs.sendHour > 23) {
    problems.push('The send time must be an hour from 0 to 23.');
  }
  if (!isValidTimeZone(prefs.timeZone)) problems.push(`Unknown time zone: ${prefs.timeZone.slice(0, 64)}.`);
  const { min, max } = DIGEST_LIMITS.maxPapers;
  if (!Number.isInteger(prefs.maxPapers) || prefs.maxPapers < min || prefs.maxPapers > max) {
    problems.push(`A digest holds from ${min} to ${max} papers.`);
  }
  const { topics } = prefs;
  const lists = [
    ['categories', topics.categories, DIGEST_LIMITS.categories],
    ['saved searches', topics.queries, DIGEST_LIMITS.queries],
    ['authors', topics.authors, DIGEST_LIMITS.authors],
    ['excluded keywords', topics.exclude, DIGEST_LIMITS.exclude],
  ] as const;
  for (const [label, entries, limit] of lists) {
    if (entries.length > limit) problems.push(`At most ${limit} ${label}.`);
    const long = entries.find((e) => e.length > DIGEST_LIMITS.entryLength);
    if (long !== undefined) {
      problems.push(`Each of the ${label} is at most ${DIGEST_LIMITS.entryLength} characters.`);
    }
  }
  const badCategory = topics.categories.find((c) => !CATEGORY.test(c));
  if (badCategory !== undefined) {
    problems.push(`"${badCategory.slice(0, 40)}" is not an arXiv category (like cs.CL or cs.*).`);
  }
  if (!hasTopics(topics) && !prefs.includeTrending) {
    problems.push('Choose some topics or the trending papers, or the digest would always be empty.');
  }
  return problems;
}

/** Splits a textarea or comma list into trimmed, de-duplicated, non-empty entries. */
export function splitEntries(text: string, separator: RegExp): string[] {
  const seen = new Set<string>();
  for (const raw of text.split(separator)) {
    const entry = raw.replace(/\s+/g, ' ').trim();
    if (entry !== '') seen.add(entry);
  }
  return [...seen];
}
