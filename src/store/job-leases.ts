// Time-limited leases on named jobs, so that when several app instances share one PostgreSQL
// database a scheduled job runs on exactly one of them at a time. Works the same on SQLite.

import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/**
 * Takes or renews the lease if it is free, expired, or already ours; true when we hold it.
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
        .where((eb) =>
          eb.or([eb('job_leases.expires_at', '<=', nowIso), eb('job_leases.owner', '=', owner)]),
        ),
    )
    .returning('owner')
    .executeTakeFirst();
  return result?.owner === owner;
}

export async function releaseLease(db: Kysely<Database>, name: string, owner: string): Promise<void> {
  await db.deleteFrom('job_leases').where('name', '=', name).where('owner', '=', owner).execute();
}
