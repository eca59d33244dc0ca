// Accounts: find, create (the first account becomes an admin), grant admin.

import type { Kysely, Selectable } from 'kysely';
import type { DatabaseHandle } from '../db/connection.js';
import type { Database, UsersTable } from '../db/schema.js';
import { setVote } from './votes.js';

export interface User {
  id: number;
  email: string;
  username: string;
  displayName: string;
  isAdmin: boolean;
  isBanned: boolean;
  createdAt: string;
}

export function toUser(row: Selectable<UsersTable>): User {
  return {
    id: row.id,
    email: row.email,
    username: row.username,
    displayName: row.display_name,
    isAdmin: row.is_admin === 1,
    isBanned: row.banned_at !== null,
    createdAt: row.created_at,
  };
}

export async function findUserByEmail(db: Kysely<Database>, email: string): Promise<User | undefined> {
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', email.toLowerCase())
    .executeTakeFirst();
  return row ? toUser(row) : undefined;
}

export async function findUserById(db: Kysely<Database>, id: number): Promise<User | undefined> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toUser(row) : undefined;
}

export async function findUserByUsername(db: Kysely<Database>, username: string): Promise<User | undefined> {
  const row = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  return row ? toUser(row) : undefined;
}

/** `base`, or `base-2`, `base-3`… whichever no account has yet. */
async function freeUsername(db: Kysely<Database>, base: string): Promise<string> {
  const taken = new Set(
    (await db.selectFrom('users').select('username').where('username', 'like', `${base}%`).execute()).map(
      (r) => r.username,
    ),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/**
 * Creates an account. The oldest account is the admin: deciding after the insert (lowest id)
 * rather than "no users yet" before it keeps two simultaneous first sign-ups from both becoming admin.
 */
export async function createUser(
  db: Kysely<Database>,
  input: { email: string; usernameBase: string; displayName: string; now: string },
): Promise<User> {
  for (let attempt = 0; ; attempt += 1) {
    const username = await freeUsername(db, input.usernameBase);
    try {
      const row = await db
        .insertInto('users')
        .values({
          email: input.email.toLowerCase(),
          username,
          display_name: input.displayName,
          is_admin: 0,
          created_at: input.now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const first = await db
        .selectFrom('users')
        .select((eb) => eb.fn.min('id').as('id'))
        .executeTakeFirst();
      if (first?.id === row.id) {
        await db.updateTable('users').set({ is_admin: 1 }).where('id', '=', row.id).execute();
        return toUser({ ...row, is_admin: 1 });
      }
      return toUser(row);
    } catch (error) {
      // Another sign-up took the same username between our check and insert: pick again.
      if (attempt < 3 && isUniqueViolation(error) && !(await findUserByEmail(db, input.email))) continue;
      throw error;
    }
  }
}

export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return (
    e.code === '23505' ||
    e.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    /UNIQUE constraint failed/.test(e.message ?? '')
  );
}

/** Grants (or revokes) admin by email; false when there is no such account. */
export async function setAdmin(db: Kysely<Database>, email: string, isAdmin: boolean): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ is_admin: isAdmin ? 1 : 0 })
    .where('email', '=', email.toLowerCase())
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function setPasswordHash(
  db: Kysely<Database>,
  userId: number,
  hash: string | null,
): Promise<void> {
  await db.updateTable('users').set({ password_hash: hash }).where('id', '=', userId).execute();
}

/** The account and its password hash, for a password sign-in. */
export async function findPasswordAccount(
  db: Kysely<Database>,
  email: string,
): Promise<{ user: User; passwordHash: string | null } | undefined> {
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', email.toLowerCase())
    .executeTakeFirst();
  return row ? { user: toUser(row), passwordHash: row.password_hash } : undefined;
}

/**
 * Deletes an account. Its upvotes are withdrawn first, one by one through setVote, so papers' counts,
 * trending scores and the change log follow (a crash midway leaves the account with fewer votes, and
 * deleting again finishes). Then its sessions, tokens, comments, reports, lists and private
 * recommendation data (feedback, follows, model) go with it by ON DELETE CASCADE; digest
 * subscriptions are kept, detached (their own unsubscribe link still works). An admin who has acted
 * in the moderation log cannot be deleted this way (the log keeps who acted): the database refuses.
 */
export async function deleteUserAccount(
  database: DatabaseHandle,
  userId: number,
  now: string,
): Promise<boolean> {
  const voted = await database.db
    .selectFrom('votes')
    .select('paper_id')
    .where('user_id', '=', userId)
    .execute();
  for (const { paper_id } of voted) await setVote(database, { userId, paperId: paper_id, isUp: false, now });
  const result = await database.db.deleteFrom('users').where('id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
