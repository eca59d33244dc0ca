// Comments on papers: add (top level or a reply on the same paper), list a paper's thread, edit
// one's own within a window, delete one's own (the row stays, marked, so replies keep their place).
// The paper's visible-comment count and a 'discussion' change-log entry (render caches follow the log)
// are written in the same transaction.

import { type Kysely, sql } from 'kysely';
import type { DatabaseHandle } from '../db/connection.js';
import { preparedPerDatabase } from '../db/prepared-query.js';
import type { Database } from '../db/schema.js';
import { touchPapers } from './changes.js';
import { inWriteTransaction } from './write-transaction.js';

export interface StoredComment {
  id: number;
  paperId: number;
  parentId: number | null;
  author: { username: string; displayName: string };
  userId: number;
  body: string;
  createdAt: string;
  editedAt: string | null;
  isDeleted: boolean;
  /** Hidden by a moderator: shown as a placeholder (with its text to admins). */
  isHidden: boolean;
}

export type CommentChange =
  | { ok: true; id: number }
  | { ok: false; reason: 'not_found' | 'not_yours' | 'too_late' | 'bad_parent' };

async function countChange(trx: Kysely<Database>, paperId: number, delta: 1 | -1): Promise<void> {
  await trx
    .updateTable('papers')
    .set({ community_comments: sql`community_comments + ${delta}` })
    .where('id', '=', paperId)
    .execute();
}

export async function addComment(
  database: DatabaseHandle,
  comment: { paperId: number; userId: number; parentId: number | null; body: string; now: string },
): Promise<CommentChange> {
  return inWriteTransaction(database, async (trx, writer) => {
    if (comment.parentId !== null) {
      const parent = await trx
        .selectFrom('comments')
        .select(['paper_id', 'deleted_at', 'hidden_at'])
        .where('id', '=', comment.parentId)
        .executeTakeFirst();
      if (
        !parent ||
        parent.paper_id !== comment.paperId ||
        parent.deleted_at !== null ||
        parent.hidden_at !== null
      ) {
        return { ok: false, reason: 'bad_parent' };
      }
    }
    const row = await trx
      .insertInto('comments')
      .values({
        paper_id: comment.paperId,
        user_id: comment.userId,
        parent_id: comment.parentId,
        body: comment.body,
        created_at: comment.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await countChange(trx, comment.paperId, 1);
    await touchPapers(trx, writer, [comment.paperId], 'discussion', comment.now);
    return { ok: true, id: row.id };
  });
}

/** Prepared: every signed-in paper view reads its discussion. */
const paperCommentsQuery = preparedPerDatabase((db: Kysely<Database>, value) =>
  db
    .selectFrom('comments')
    .innerJoin('users', 'users.id', 'comments.user_id')
    .select([
      'comments.id',
      'comments.paper_id',
      'comments.parent_id',
      'comments.user_id',
      'comments.body',
      'comments.created_at',
      'comments.edited_at',
      'comments.deleted_at',
      'comments.hidden_at',
      'users.username',
      'users.display_name',
    ])
    .where('comments.paper_id', '=', value<number>('paperId'))
    .orderBy('comments.created_at')
    .orderBy('comments.id'),
);

export async function listComments(db: Kysely<Database>, paperId: number): Promise<StoredComment[]> {
  const rows = await paperCommentsQuery(db).execute({ paperId });
  return rows.map((r) => ({
    id: r.id,
    paperId: r.paper_id,
    parentId: r.parent_id,
    userId: r.user_id,
    author: { username: r.username, displayName: r.display_name },
    body: r.deleted_at === null && r.hidden_at === null ? r.body : '',
    createdAt: r.created_at,
    editedAt: r.edited_at,
    isDeleted: r.deleted_at !== null,
    isHidden: r.hidden_at !== null,
  }));
}

type OwnComment =
  | { error: 'not_found' | 'not_yours' }
  | { error?: undefined; row: { paper_id: number; created_at: string; hidden_at: string | null } };

async function ownComment(trx: Kysely<Database>, id: number, userId: number): Promise<OwnComment> {
  const row = await trx
    .selectFrom('comments')
    .select(['user_id', 'paper_id', 'created_at', 'deleted_at', 'hidden_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row || row.deleted_at !== null) return { error: 'not_found' };
  if (row.user_id !== userId) return { error: 'not_yours' };
  return { row };
}

/** Edits one's own comment, up to `windowMinutes` after it was written. */
export async function editComment(
  database: DatabaseHandle,
  edit: { id: number; userId: number; body: string; now: Date; windowMinutes: number },
): Promise<CommentChange> {
  return inWriteTransaction(database, async (trx, writer) => {
    const found = await ownComment(trx, edit.id, edit.userId);
    if (found.error) return { ok: false, reason: found.error };
    if (edit.now.getTime() - Date.parse(found.row.created_at) > edit.windowMinutes * 60_000) {
      return { ok: false, reason: 'too_late' };
    }
    await trx
      .updateTable('comments')
      .set({ body: edit.body, edited_at: edit.now.toISOString() })
      .where('id', '=', edit.id)
      .execute();
    await touchPapers(trx, writer, [found.row.paper_id], 'discussion', edit.now.toISOString());
    return { ok: true, id: edit.id };
  });
}

export async function deleteComment(
  database: DatabaseHandle,
  removal: { id: number; userId: number; now: string },
): Promise<CommentChange> {
  return inWriteTransaction(database, async (trx, writer) => {
    const found = await ownComment(trx, removal.id, removal.userId);
    if (found.error) return { ok: false, reason: found.error };
    await trx.updateTable('comments').set({ deleted_at: removal.now }).where('id', '=', removal.id).execute();
    // A hidden comment already left the count.
    if (found.row.hidden_at === null) await countChange(trx, found.row.paper_id, -1);
    await touchPapers(trx, writer, [found.row.paper_id], 'discussion', removal.now);
    return { ok: true, id: removal.id };
  });
}

export interface UserComment {
  id: number;
  arxivId: string;
  paperTitle: string;
  body: string;
  createdAt: string;
}

/** A reader's visible comments, newest first, with the paper each is on. */
export async function listUserComments(
  db: Kysely<Database>,
  userId: number,
  limit: number,
): Promise<UserComment[]> {
  const rows = await db
    .selectFrom('comments')
    .innerJoin('papers', 'papers.id', 'comments.paper_id')
    .select(['comments.id', 'papers.arxiv_id', 'papers.title', 'comments.body', 'comments.created_at'])
    .where('comments.user_id', '=', userId)
    .where('comments.deleted_at', 'is', null)
    .where('comments.hidden_at', 'is', null)
    .orderBy('comments.created_at', 'desc')
    .orderBy('comments.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    arxivId: r.arxiv_id,
    paperTitle: r.title,
    body: r.body,
    createdAt: r.created_at,
  }));
}

/** The arXiv id of the paper a comment is on (deleted or hidden comments too). */
export async function paperOfComment(db: Kysely<Database>, commentId: number): Promise<string | undefined> {
  const row = await db
    .selectFrom('comments')
    .innerJoin('papers', 'papers.id', 'comments.paper_id')
    .select('papers.arxiv_id')
    .where('comments.id', '=', commentId)
    .executeTakeFirst();
  return row?.arxiv_id;
}
