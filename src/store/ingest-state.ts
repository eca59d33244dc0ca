// Small key/value bookkeeping for resumable ingests: OAI resumption tokens, last harvest dates.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

export async function getIngestState(db: Kysely<Database>, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('ingest_state').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

export async function setIngestState(
  db: Kysely<Database>,
  key: string,
  value: string,
  now: string = new Date().toISOString(),
): Promise<void> {
  await db
    .insertInto('ingest_state')
    .values({ key, value, updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now }))
    .execute();
}

export async function deleteIngestState(db: Kysely<Database>, key: string): Promise<void> {
  await db.deleteFrom('ingest_state').where('key', '=', key).execute();
}
