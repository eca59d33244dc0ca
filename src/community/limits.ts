// Every rate limit of the site in one table, and the one helper that applies them. The community
// writes count per reader and are shared by the web forms and the token API, so a reader has one
// budget whichever way they write (the counters' keys are the same on both surfaces); sign-in and
// digest emails count per address and per client IP, so the forms cannot flood a mailbox.
// Called by the web routes and api/write-guards.ts; the counters are store/rate-limits.ts.

import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { rateLimited } from '../lib/errors.js';
import { hitRateLimit } from '../store/rate-limits.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

export interface RateLimit {
  /** The counter's key prefix; with `per` and the subject it makes the key (`vote:user:12`). */
  prefix: string;
  per: 'user' | 'ip' | 'email';
  max: number;
  windowMs: number;
  /** What the reader is told over the limit; given the minutes to wait when it says them. */
  message: string | ((minutes: number) => string);
}

const SIGN_IN_WINDOW_MS = 15 * MINUTE_MS;
const signInLinks = (minutes: number) =>
  `Too many sign-in links asked for; try again in ${minutes} minute(s).`;
const signInAttempts = 'Too many sign-in attempts; try again later, or ask for a link.';
const subscriptions = (minutes: number) =>
  `Too many subscription requests; try again in ${minutes} minute(s).`;

export const RATE_LIMITS = {
  comment: {
    prefix: 'comment',
    per: 'user',
    max: 10,
    windowMs: MINUTE_MS,
    message: 'Too many comments in a minute; wait a little.',
  },
  // Generous for people, a stop for scripts.
  vote: {
    prefix: 'vote',
    per: 'user',
    max: 60,
    windowMs: MINUTE_MS,
    message: 'Too many votes in a minute; wait a little.',
  },
  // Papers put on lists (new lists with a first paper count too).
  'collection-add': {
    prefix: 'collection-add',
    per: 'user',
    max: 30,
    windowMs: MINUTE_MS,
    message: 'Too many papers saved in a minute; wait a little.',
  },
  // On top of the daily limit: each submission may cost an arXiv request.
  submit: {
    prefix: 'submit',
    per: 'user',
    max: 10,
    windowMs: MINUTE_MS,
    message: 'Too many submissions in a minute; wait a little.',
  },
  // Pressing Preview and the re-renders app.js asks for while the reader types, apart from posting.
  'comment-preview': {
    prefix: 'comment-preview',
    per: 'user',
    max: 60,
    windowMs: MINUTE_MS,
    message: 'Too many previews in a minute; wait a little.',
  },
  // "More like this" / "Not interested": each one invalidates the reader's model, so scripts are stopped.
  feedback: {
    prefix: 'feedback',
    per: 'user',
    max: 60,
    windowMs: MINUTE_MS,
    message: 'Too much feedback in a minute; wait a little.',
  },
  // Follows and unfollows of authors and categories.
  follow: {
    prefix: 'follow',
    per: 'user',
    max: 30,
    windowMs: MINUTE_MS,
    message: 'Too many follows in a minute; wait a little.',
  },
  // Feed-URL rotations and clearing of recommendation data on /account/recommendations.
  'recs-account': {
    prefix: 'recs-account',
    per: 'user',
    max: 10,
    windowMs: MINUTE_MS,
    message: 'Too many changes to your recommendation data in a minute; wait a little.',
  },
  report: {
    prefix: 'report',
    per: 'user',
    max: 20,
    windowMs: HOUR_MS,
    message: 'Too many reports in an hour; moderators will get to them.',
  },
  'sign-in-link-ip': {
    prefix: 'signin',
    per: 'ip',
    max: 20,
    windowMs: SIGN_IN_WINDOW_MS,
    message: signInLinks,
  },
  'sign-in-link-email': {
    prefix: 'signin',
    per: 'email',
    max: 5,
    windowMs: SIGN_IN_WINDOW_MS,
    message: signInLinks,
  },
  'password-ip': {
    prefix: 'password',
    per: 'ip',
    max: 20,
    windowMs: SIGN_IN_WINDOW_MS,
    message: signInAttempts,
  },
  'password-email': {
    prefix: 'password',
    per: 'email',
    max: 5,
    windowMs: SIGN_IN_WINDOW_MS,
    message: signInAttempts,
  },
  // Confirmation (or preferences-link) emails: per address a day, per client IP an hour.
  'digest-ip': { prefix: 'digest', per: 'ip', max: 20, windowMs: HOUR_MS, message: subscriptions },
  'digest-email': { prefix: 'digest', per: 'email', max: 3, windowMs: 24 * HOUR_MS, message: subscriptions },
} as const satisfies Record<string, RateLimit>;

export type RateLimitName = keyof typeof RATE_LIMITS;

/** The community writes both surfaces count (the token API's limitWrite takes these). */
export type CommunityAction = 'comment' | 'vote' | 'collection-add' | 'submit';

export interface LimitRefusal {
  message: string;
  retryAfterSeconds: number;
}

/**
 * Counts one request against each named limit for its subject (a user id, a client IP, an
 * address), in order; the first one exceeded is the refusal, undefined when all allow it.
 */
export async function hitLimits(
  db: Kysely<Database>,
  now: Date,
  limits: ReadonlyArray<[name: RateLimitName, subject: string | number]>,
): Promise<LimitRefusal | undefined> {
  for (const [name, subject] of limits) {
    const limit: RateLimit = RATE_LIMITS[name];
    const key = `${limit.prefix}:${limit.per}:${subject}`;
    const hit = await hitRateLimit(db, { key, max: limit.max, windowMs: limit.windowMs }, now);
    if (!hit.allowed) {
      const minutes = Math.ceil(hit.retryAfterSeconds / 60);
      const message = typeof limit.message === 'string' ? limit.message : limit.message(minutes);
      return { message, retryAfterSeconds: hit.retryAfterSeconds };
    }
  }
  return undefined;
}

/** hitLimits, with the refusal thrown as a 429 (code rate_limited, Retry-After) for the error mapper. */
export async function enforceLimits(
  db: Kysely<Database>,
  now: Date,
  limits: ReadonlyArray<[name: RateLimitName, subject: string | number]>,
): Promise<void> {
  const refusal = await hitLimits(db, now, limits);
  if (refusal) throw rateLimited(refusal.message, refusal.retryAfterSeconds);
}
