// Emailed sign-in links: stored as hashes, usable once, before they expire, from the browser that
// asked for them.

import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

export async function insertSignInToken(
  db: Kysely<Database>,
  token: { tokenHash: string; email: string; browserHash: string; now: string; expiresAt: string },
): Promise<void> {
  await db
    .insertInto('sign_in_tokens')
    .values({
      token_hash: token.tokenHash,
      email: token.email.toLowerCase(),
      browser_hash: token.browserHash,
      created_at: token.now,
      expires_at: token.expiresAt,
    })
    .execute();
}

export type TokenState = 'usable' | 'used' | 'expired' | 'unknown';

/** What a link's token is now, for a helpful message before anything is consumed. */
export async function signInTokenState(
  db: Kysely<Database>,
  tokenHash: string,
  now: string,
): Promise<TokenState> {
  const row = await db
    .selectFrom('sign_in_tokens')
    .select(['used_at', 'expires_at'])
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row) return 'unknown';
  if (row.used_at !== null) return 'used';
  return row.expires_at > now ? 'usable' : 'expired';
}

/**
 * Uses a token: one conditional UPDATE, so of two simultaneous uses only one succeeds. Returns the
 * email it was issued to, or undefined when it is unknown, used, expired or from another browser.
 */
export async function consumeSignInToken(
  db: Kysely<Database>,
  tokenHash: string,
  browserHash: string,
  now: string,
): Promise<string | undefined> {
  const row = await db
    .updateTable('sign_in_tokens')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('browser_hash', '=', browserHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('email')
    .executeTakeFirst();
  return row?.email;
}
