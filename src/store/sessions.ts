// Signed-in sessions, looked up by the SHA-256 of the cookie's secret.

import { type Kysely, type Selectable, sql } from 'kysely';
import { rawSqliteOf } from '../db/connection.js';
import { type Marker, preparedPerDatabase } from '../db/prepared-query.js';
import type { Database, UsersTable } from '../db/schema.js';
import { toUser, type User } from './users.js';
import { votedPaperIds } from './votes.js';

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

/** The user of the session `idHash` as a query to select from, unless it expired or the user is banned. */
function liveSessionUser(db: Kysely<Database>, value: Marker) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .where('sessions.id_hash', '=', value('idHash'))
    .where('sessions.expires_at', '>', value('now'))
    .where('users.banned_at', 'is', null);
}

/** The session's user, unless the session expired or the user is banned. */
const sessionUserQuery = preparedPerDatabase<
  Database,
  Selectable<UsersTable>,
  { idHash: string; now: string }
>(liveSessionUser);

/** The signed-in user of a session, if it is live and the user not banned: asked on every request. */
export async function findSessionUser(
  db: Kysely<Database>,
  idHash: string,
  now: string,
): Promise<User | undefined> {
  const [row] = await sessionUserQuery(db).execute({ idHash, now });
  return row ? toUser(row) : undefined;
}

/**
 * The session's user and which of these papers they upvoted, in one round trip on PostgreSQL (what a
 * signed-in reader's copy of a cached page needs before anything else; two queries cost twice the
 * protocol work). SQLite answers both in-process, so there it is the two prepared reads.
 */
const sessionUserVotesQuery = preparedPerDatabase<
  Database,
  Selectable<UsersTable> & { voted_ids: number[] },
  { idHash: string; now: string; paperIds: number[] }
>((db, value) =>
  liveSessionUser(db, value).select(
    sql<
      number[]
    >`coalesce((select array_agg(v.paper_id) from votes v where v.user_id = users.id and v.paper_id = any(${value('paperIds')})), '{}')`.as(
      'voted_ids',
    ),
  ),
);

export async function findSessionUserAndVotes(
  db: Kysely<Database>,
  idHash: string,
  now: string,
  paperIds: number[],
): Promise<{ user: User; votedIds: Set<number> } | undefined> {
  if (rawSqliteOf(db)) {
    const user = await findSessionUser(db, idHash, now);
    return user && { user, votedIds: await votedPaperIds(db, user.id, paperIds) };
  }
  const [row] = await sessionUserVotesQuery(db).execute({ idHash, now, paperIds });
  if (!row) return undefined;
  const { voted_ids, ...user } = row;
  return { user: toUser(user), votedIds: new Set(voted_ids) };
}

export async function deleteSession(db: Kysely<Database>, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

/** Signs a user out everywhere. */
export async function deleteUserSessions(db: Kysely<Database>, userId: number): Promise<number> {
  const result = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}
