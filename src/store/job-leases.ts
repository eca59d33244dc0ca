// Time-limited leases on named jobs, so that when several app instances share one PostgreSQL
// database a scheduled job runs on exactly one of them at a time. Works the same on SQLite.

import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/**
 * Takes the lease if it is free or expired; true when we got it. Not even the holder can take it
 * again before it expires, which makes a leased job run at most once per lease period.
 * One conditional upsert, so two instances racing for it cannot both win.
 */
export async function tryAcquireLease(
  db: Kysely<Database>,
  name: string,
  owner: string,
  now: Date,
  ttlMs: number,
): Promise<boolean> {
  const nowIso = now.toISOString();
  const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
  const result = await db
    .insertInto('job_leases')
    .values({ name, owner, expires_at: expiresAt })
    .onConflict((oc) =>
      oc
        .column('name')
        .doUpdateSet({ owner, expires_at: expiresAt })
        .where('job_leases.expires_at', '<=', nowIso),
    )
    .returning(['owner', 'expires_at'])
    .executeTakeFirst();
  return result?.owner === owner && result.expires_at === expiresAt;
}

export async function releaseLease(db: Kysely<Database>, name: string, owner: string): Promise<void> {
  await db.deleteFrom('job_leases').where('name', '=', name).where('owner', '=', owner).execute();
}

/**
 * Extends a lease its owner still holds (a long command renews it as it goes); false when the lease
 * expired and someone else took it, so the caller must stop.
 */
export async function renewLease(
  db: Kysely<Database>,
  name: string,
  owner: string,
  now: Date,
  ttlMs: number,
): Promise<boolean> {
  const result = await db
    .updateTable('job_leases')
    .set({ expires_at: new Date(now.getTime() + ttlMs).toISOString() })
    .where('name', '=', name)
    .where('owner', '=', owner)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** When the lease on a job ends, if someone holds one. */
export async function leaseExpiry(db: Kysely<Database>, name: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('job_leases')
    .select('expires_at')
    .where('name', '=', name)
    .executeTakeFirst();
  return row?.expires_at;
}
