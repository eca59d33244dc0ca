// The per-reader rate limits on community writes, shared by the web forms and the token API so that a
// reader has one budget whichever way they write (the counters' keys are the same on both surfaces).

import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { hitRateLimit, type RateLimitHit } from '../store/rate-limits.js';

export type CommunityAction =
  | 'comment'
  | 'vote'
  | 'collection-add'
  | 'submit'
  | 'feedback'
  | 'follow'
  | 'recs-account';

/** Writes per reader per minute, and what to tell the reader over the limit. */
export const COMMUNITY_LIMITS: Record<CommunityAction, { perMinute: number; message: string }> = {
  comment: { perMinute: 10, message: 'Too many comments in a minute; wait a little.' },
  // Generous for people, a stop for scripts.
  vote: { perMinute: 60, message: 'Too many votes in a minute; wait a little.' },
  // Papers put on lists (new lists with a first paper count too).
  'collection-add': { perMinute: 30, message: 'Too many papers saved in a minute; wait a little.' },
  // On top of the daily limit: each submission may cost an arXiv request.
  submit: { perMinute: 10, message: 'Too many submissions in a minute; wait a little.' },
  // "More like this" / "Not interested": each one invalidates the reader's model, so scripts are stopped.
  feedback: { perMinute: 60, message: 'Too much feedback in a minute; wait a little.' },
  // Follows and unfollows of authors and categories.
  follow: { perMinute: 30, message: 'Too many follows in a minute; wait a little.' },
  // Feed-URL rotations and clearing of recommendation data on /account/recommendations.
  'recs-account': {
    perMinute: 10,
    message: 'Too many changes to your recommendation data in a minute; wait a little.',
  },
};

/** Counts one write by this reader; `allowed` is false over the limit. */
export function hitCommunityLimit(
  db: Kysely<Database>,
  action: CommunityAction,
  userId: number,
  now: Date,
): Promise<RateLimitHit> {
  return hitRateLimit(
    db,
    { key: `${action}:user:${userId}`, max: COMMUNITY_LIMITS[action].perMinute, windowMs: 60_000 },
    now,
  );
}
