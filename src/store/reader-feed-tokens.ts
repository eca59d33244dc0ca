// The secret of a reader's private "For you" feed, kept as a hash: rotate (make or replace) it, find
// the reader a feed URL's secret belongs to, and whether a reader has one. Called by the account's
// recommendations page and the feed route (api/feeds/for-you-feed.ts).

import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/** Stores a new secret's hash for the reader, replacing the old one (whose URL then finds nobody). */
export async function rotateFeedToken(
  db: Kysely<Database>,
  userId: number,
  tokenHash: string,
  now: string,
): Promise<void> {
  await db
    .insertInto('reader_feed_tokens')
    .values({ user_id: userId, token_hash: tokenHash, created_at: now })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ token_hash: tokenHash, created_at: now }))
    .execute();
}

/** The reader whose feed secret has this hash, if any. */
export async function findFeedTokenUser(
  db: Kysely<Database>,
  tokenHash: string,
): Promise<number | undefined> {
  const row = await db
    .selectFrom('reader_feed_tokens')
    .select('user_id')
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  return row?.user_id;
}

/** When the reader's current feed secret was made, or undefined without one. */
export async function feedTokenCreatedAt(db: Kysely<Database>, userId: number): Promise<string | undefined> {
  const row = await db
    .selectFrom('reader_feed_tokens')
    .select('created_at')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.created_at;
}

/** Stops the reader's feed (used when they clear their recommendation data). */
export async function deleteFeedToken(db: Kysely<Database>, userId: number): Promise<void> {
  await db.deleteFrom('reader_feed_tokens').where('user_id', '=', userId).execute();
}
