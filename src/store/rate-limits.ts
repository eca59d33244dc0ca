// Fixed-window rate-limit counters in the database, so every app instance counts against the same
// limit. One upsert per hit: a new window starts when the old one has passed.

import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.js';

export interface RateLimitHit {
  allowed: boolean;
  /** Seconds until the window resets (for Retry-After). */
  retryAfterSeconds: number;
}

export async function hitRateLimit(
  db: Kysely<Database>,
  limit: { key: string; max: number; windowMs: number },
  now: Date,
): Promise<RateLimitHit> {
  const nowIso = now.toISOString();
  const windowOpenedAfter = new Date(now.getTime() - limit.windowMs).toISOString();
  const row = await db
    .insertInto('rate_limits')
    .values({ key: limit.key, window_start: nowIso, count: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        count: sql`case when rate_limits.window_start <= ${windowOpenedAfter} then 1 else rate_limits.count + 1 end`,
        window_start: sql`case when rate_limits.window_start <= ${windowOpenedAfter} then ${nowIso} else rate_limits.window_start end`,
      }),
    )
    .returning(['count', 'window_start'])
    .executeTakeFirstOrThrow();
  const resetsAt = Date.parse(row.window_start) + limit.windowMs;
  return {
    allowed: row.count <= limit.max,
    retryAfterSeconds: Math.max(1, Math.ceil((resetsAt - now.getTime()) / 1000)),
  };
}
