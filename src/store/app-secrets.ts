// Site-wide secrets kept in the database, so every app instance signs links with the same key
// without anyone configuring one. Created on first use; the first writer wins a race.

import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/** The secret called `name`, created from `fresh()` if there is none yet. */
export async function getOrCreateSecret(
  db: Kysely<Database>,
  name: string,
  fresh: () => string,
  now: Date,
): Promise<string> {
  await db
    .insertInto('app_secrets')
    .values({ name, value: fresh(), created_at: now.toISOString() })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await db
    .selectFrom('app_secrets')
    .select('value')
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
  return row.value;
}
