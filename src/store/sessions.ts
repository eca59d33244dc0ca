// Signed-in sessions, looked up by the SHA-256 of the cookie's secret.

import type { Kysely, Selectable } from 'kysely';
import { preparedPerDatabase } from '../db/prepared-query.js';
import type { Database, UsersTable } from '../db/schema.js';
import { toUser, type User } from './users.js';

export async function createSession(
  db: Kysely<Database>,
  session: { idHash: string; userId: number; now: string; expiresAt: string },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id_hash: session.idHash,
      user_id: session.userId,
      created_at: session.now,
      expires_at: session.expiresAt,
    })
    .execute();
}

/** The session's user, unless the session expired or the user is banned. */
const sessionUserQuery = preparedPerDatabase<
  Database,
  Selectable<UsersTable>,
  { idHash: string; now: string }
>((db, value) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .where('sessions.id_hash', '=', value('idHash'))
    .where('sessions.expires_at', '>', value('now'))
    .where('users.banned_at', 'is', null),
);

/** The signed-in user of a session, if it is live and the user not banned: asked on every request. */
export async function findSessionUser(
  db: Kysely<Database>,
  idHash: string,
  now: string,
): Promise<User | undefined> {
  const [row] = await sessionUserQuery(db).execute({ idHash, now });
  return row ? toUser(row) : undefined;
}

export async function deleteSession(db: Kysely<Database>, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

/** Signs a user out everywhere. */
export async function deleteUserSessions(db: Kysely<Database>, userId: number): Promise<number> {
  const result = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}
