// Moderator actions, each logged: ban/unban a reader (a ban ends their sessions and can hide all
// their comments at once), hide/restore a comment, take a submission off the board; readers'
// reports, which an action on their target resolves. Actions that change what a paper's page shows
// append a change-log entry for the paper (changes.ts: touchPapers), so render caches drop it.

import { type Kysely, sql } from 'kysely';
import type { DatabaseHandle } from '../db/connection.js';
import type { Database } from '../db/schema.js';
import { touchPapers } from './changes.js';
import type { BulkWriter } from './paper-bulk-writes.js';
import { inWriteTransaction } from './write-transaction.js';

export interface ModeratorAction {
  actorId: number;
  reason: string | null;
  now: string;
}

async function log(
  trx: Kysely<Database>,
  action: ModeratorAction,
  name: string,
  target: string,
): Promise<void> {
  await trx
    .insertInto('moderation_log')
    .values({ actor_id: action.actorId, action: name, target, reason: action.reason, created_at: action.now })
    .execute();
}

async function resolveReports(
  trx: Kysely<Database>,
  type: 'comment' | 'submission',
  id: number,
  now: string,
) {
  await trx
    .updateTable('reports')
    .set({ resolved_at: now })
    .where('target_type', '=', type)
    .where('target_id', '=', id)
    .where('resolved_at', 'is', null)
    .execute();
}

/** Hides visible comments and takes them off their papers' counts; returns how many. */
async function hideComments(
  trx: Kysely<Database>,
  writer: BulkWriter,
  ids: number[],
  now: string,
): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await trx
    .selectFrom('comments')
    .select(['id', 'paper_id'])
    .where('id', 'in', ids)
    .where('deleted_at', 'is', null)
    .where('hidden_at', 'is', null)
    .execute();
  if (rows.length === 0) return 0;
  await trx
    .updateTable('comments')
    .set({ hidden_at: now })
    .where(
      'id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  const perPaper = new Map<number, number>();
  for (const row of rows) perPaper.set(row.paper_id, (perPaper.get(row.paper_id) ?? 0) + 1);
  for (const [paperId, n] of perPaper) {
    await trx
      .updateTable('papers')
      .set({ community_comments: sql`community_comments - ${n}` })
      .where('id', '=', paperId)
      .execute();
  }
  await touchPapers(trx, writer, [...perPaper.keys()], 'discussion', now);
  return rows.length;
}

export async function banUser(
  database: DatabaseHandle,
  action: ModeratorAction & { userId: number; hideAllComments: boolean },
): Promise<{ hiddenComments: number }> {
  return inWriteTransaction(database, async (trx, writer) => {
    await trx.updateTable('users').set({ banned_at: action.now }).where('id', '=', action.userId).execute();
    await trx.deleteFrom('sessions').where('user_id', '=', action.userId).execute();
    await log(trx, action, 'ban', `user:${action.userId}`);
    if (!action.hideAllComments) return { hiddenComments: 0 };
    const ids = (
      await trx.selectFrom('comments').select('id').where('user_id', '=', action.userId).execute()
    ).map((r) => r.id);
    const hiddenComments = await hideComments(trx, writer, ids, action.now);
    await log(trx, action, 'hide-all-comments', `user:${action.userId}`);
    return { hiddenComments };
  });
}

export async function unbanUser(
  database: DatabaseHandle,
  action: ModeratorAction & { userId: number },
): Promise<void> {
  await inWriteTransaction(database, async (trx) => {
    await trx.updateTable('users').set({ banned_at: null }).where('id', '=', action.userId).execute();
    await log(trx, action, 'unban', `user:${action.userId}`);
  });
}

export async function hideComment(
  database: DatabaseHandle,
  action: ModeratorAction & { commentId: number },
): Promise<boolean> {
  return inWriteTransaction(database, async (trx, writer) => {
    const hidden = await hideComments(trx, writer, [action.commentId], action.now);
    if (hidden === 0) return false;
    await resolveReports(trx, 'comment', action.commentId, action.now);
    await log(trx, action, 'hide-comment', `comment:${action.commentId}`);
    return true;
  });
}

export async function restoreComment(
  database: DatabaseHandle,
  action: ModeratorAction & { commentId: number },
): Promise<boolean> {
  return inWriteTransaction(database, async (trx, writer) => {
    const row = await trx
      .selectFrom('comments')
      .select(['paper_id', 'hidden_at', 'deleted_at'])
      .where('id', '=', action.commentId)
      .executeTakeFirst();
    if (!row || row.hidden_at === null || row.deleted_at !== null) return false;
    await trx.updateTable('comments').set({ hidden_at: null }).where('id', '=', action.commentId).execute();
    await trx
      .updateTable('papers')
      .set({ community_comments: sql`community_comments + 1` })
      .where('id', '=', row.paper_id)
      .execute();
    await touchPapers(trx, writer, [row.paper_id], 'discussion', action.now);
    await log(trx, action, 'restore-comment', `comment:${action.commentId}`);
    return true;
  });
}

/** Takes a reader's submission off the board (the paper stays in the store). */
export async function removeSubmission(
  database: DatabaseHandle,
  action: ModeratorAction & { paperId: number; arxivId: string },
): Promise<boolean> {
  return inWriteTransaction(database, async (trx, writer) => {
    const removed = await trx
      .deleteFrom('board_entries')
      .where('paper_id', '=', action.paperId)
      .where('source', '=', 'submission')
      .executeTakeFirst();
    if (Number(removed.numDeletedRows) === 0) return false;
    await touchPapers(trx, writer, [action.paperId], 'board', action.now);
    await resolveReports(trx, 'submission', action.paperId, action.now);
    await log(trx, action, 'remove-submission', `submission:${action.arxivId}`);
    return true;
  });
}

export async function fileReport(
  db: Kysely<Database>,
  report: {
    reporterId: number;
    targetType: 'comment' | 'submission';
    targetId: number;
    reason: string;
    now: string;
  },
): Promise<void> {
  await db
    .insertInto('reports')
    .values({
      reporter_id: report.reporterId,
      target_type: report.targetType,
      target_id: report.targetId,
      reason: report.reason,
      created_at: report.now,
    })
    .execute();
}

export interface OpenReport {
  id: number;
  targetType: 'comment' | 'submission';
  targetId: number;
  reason: string;
  reporter: string;
  createdAt: string;
  /** The paper the target is on (for links). */
  arxivId: string | null;
  /** The reported comment's text. */
  commentBody: string | null;
}

export async function listOpenReports(db: Kysely<Database>, limit: number): Promise<OpenReport[]> {
  const rows = await db
    .selectFrom('reports')
    .innerJoin('users', 'users.id', 'reports.reporter_id')
    .leftJoin('comments', (join) =>
      join.onRef('comments.id', '=', 'reports.target_id').on('reports.target_type', '=', 'comment'),
    )
    .leftJoin('papers', (join) =>
      join.on((eb) =>
        eb.or([
          eb.and([
            eb('reports.target_type', '=', 'submission'),
            eb('papers.id', '=', eb.ref('reports.target_id')),
          ]),
          eb.and([
            eb('reports.target_type', '=', 'comment'),
            eb('papers.id', '=', eb.ref('comments.paper_id')),
          ]),
        ]),
      ),
    )
    .select([
      'reports.id',
      'reports.target_type',
      'reports.target_id',
      'reports.reason',
      'reports.created_at',
      'users.username',
      'papers.arxiv_id',
      'comments.body',
    ])
    .where('reports.resolved_at', 'is', null)
    .orderBy('reports.created_at')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    targetType: r.target_type,
    targetId: r.target_id,
    reason: r.reason,
    reporter: r.username,
    createdAt: r.created_at,
    arxivId: r.arxiv_id,
    commentBody: r.body,
  }));
}

export interface LogEntry {
  actor: string;
  action: string;
  target: string;
  reason: string | null;
  createdAt: string;
}

export async function listModerationLog(db: Kysely<Database>, limit: number): Promise<LogEntry[]> {
  const rows = await db
    .selectFrom('moderation_log')
    .innerJoin('users', 'users.id', 'moderation_log.actor_id')
    .select([
      'users.username',
      'moderation_log.action',
      'moderation_log.target',
      'moderation_log.reason',
      'moderation_log.created_at',
    ])
    .orderBy('moderation_log.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    actor: r.username,
    action: r.action,
    target: r.target,
    reason: r.reason,
    createdAt: r.created_at,
  }));
}

/** The moderation log's writer, for the report actions in reports.ts. */
export { log as logModeratorAction };
