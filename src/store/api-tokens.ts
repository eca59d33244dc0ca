// Personal access tokens: create (the caller hashes the secret), list a reader's tokens, revoke, and
// find who a presented token belongs to (recording its last use). Called by the tokens page
// (web/routes/account-tokens.tsx) and the API's token check (api/token-auth.ts).

import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { toUser, type User } from './users.js';

export type TokenScope = 'read' | 'write';

export interface ApiToken {
  id: number;
  userId: number;
  name: string;
  scope: TokenScope;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** Tokens a reader may hold at once (revoked ones do not count): plenty for scripts and agents. */
export const MAX_TOKENS_PER_READER = 20;

function toToken(row: {
  id: number;
  user_id: number;
  name: string;
  scope: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}): ApiToken {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    scope: row.scope === 'write' ? 'write' : 'read',
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

/** A new token row; undefined when the reader already holds MAX_TOKENS_PER_READER live tokens. */
export async function createApiToken(
  db: Kysely<Database>,
  token: { userId: number; name: string; scope: TokenScope; tokenHash: string; now: string },
): Promise<ApiToken | undefined> {
  return db.transaction().execute(async (trx) => {
    const live = await trx
      .selectFrom('api_tokens')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', token.userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirstOrThrow();
    if (Number(live.n) >= MAX_TOKENS_PER_READER) return undefined;
    const row = await trx
      .insertInto('api_tokens')
      .values({
        user_id: token.userId,
        name: token.name,
        token_hash: token.tokenHash,
        scope: token.scope,
        created_at: token.now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toToken(row);
  });
}

/** A reader's tokens, live ones first, newest first. */
export async function listUserTokens(db: Kysely<Database>, userId: number): Promise<ApiToken[]> {
  const rows = await db
    .selectFrom('api_tokens')
    .select(['id', 'user_id', 'name', 'scope', 'created_at', 'last_used_at', 'revoked_at'])
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .execute();
  const tokens = rows.map(toToken);
  return [...tokens.filter((t) => !t.revokedAt), ...tokens.filter((t) => t.revokedAt)];
}

/** Revokes one of a reader's own tokens; false when there is no such live token of theirs. */
export async function revokeApiToken(
  db: Kysely<Database>,
  revoke: { id: number; userId: number; now: string },
): Promise<boolean> {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: revoke.now })
    .where('id', '=', revoke.id)
    .where('user_id', '=', revoke.userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * The live token with this hash and its owner (banned owners included: the caller answers 403 for
 * them rather than the 401 of an unknown token), marking it used now.
 */
export async function useApiToken(
  db: Kysely<Database>,
  tokenHash: string,
  now: string,
): Promise<{ token: ApiToken; user: User } | undefined> {
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .selectAll('users')
    .select([
      'api_tokens.id as token_id',
      'api_tokens.name as token_name',
      'api_tokens.scope',
      'api_tokens.created_at as token_created_at',
      'api_tokens.revoked_at',
    ])
    .where('api_tokens.token_hash', '=', tokenHash)
    .where('api_tokens.revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.token_id).execute();
  const token = toToken({
    id: row.token_id,
    user_id: row.id,
    name: row.token_name,
    scope: row.scope,
    created_at: row.token_created_at,
    last_used_at: now,
    revoked_at: null,
  });
  return { token, user: toUser(row) };
}
