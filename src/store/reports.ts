// Readers' reports beyond filing them (moderation.ts): what one reader has already reported on a
// paper's page, so the page stops offering "Report" for it, and a moderator dismissing a report
// that needs no action (logged like every moderator action).

import type { Kysely } from 'kysely';
import type { DatabaseHandle } from '../db/connection.js';
import { preparedPerDatabase } from '../db/prepared-query.js';
import type { Database } from '../db/schema.js';
import { logModeratorAction, type ModeratorAction } from './moderation.js';
import { inWriteTransaction } from './write-transaction.js';

export interface ReaderReports {
  /** Comments on the paper this reader has reported. */
  commentIds: Set<number>;
  /** Whether they reported the paper's submission. */
  isSubmissionReported: boolean;
}

/** Prepared: it runs on every signed-in paper view. */
const readerReportsQuery = preparedPerDatabase<
  Database,
  { target_type: string; target_id: number },
  { reporterId: number; paperId: number }
>((db, value) =>
  db
    .selectFrom('reports')
    .leftJoin('comments', (join) =>
      join.onRef('comments.id', '=', 'reports.target_id').on('reports.target_type', '=', 'comment'),
    )
    .select(['reports.target_type', 'reports.target_id'])
    .where('reports.reporter_id', '=', value<number>('reporterId'))
    .where((eb) =>
      eb.or([
        eb.and([
          eb('reports.target_type', '=', 'submission'),
          eb('reports.target_id', '=', value<number>('paperId')),
        ]),
        eb.and([
          eb('reports.target_type', '=', 'comment'),
          eb('comments.paper_id', '=', value<number>('paperId')),
        ]),
      ]),
    ),
);

/** What `reporterId` has reported on paper `paperId`'s page (its comments and its submission). */
export async function readerReportsOnPaper(
  db: Kysely<Database>,
  reporterId: number,
  paperId: number,
): Promise<ReaderReports> {
  const rows = await readerReportsQuery(db).execute({ reporterId, paperId });
  return {
    commentIds: new Set(rows.filter((r) => r.target_type === 'comment').map((r) => r.target_id)),
    isSubmissionReported: rows.some((r) => r.target_type === 'submission'),
  };
}

/** Whether this reader already has an open report on this target (a second one adds nothing). */
export async function hasOpenReport(
  db: Kysely<Database>,
  reporterId: number,
  target: { type: 'comment' | 'submission'; id: number },
): Promise<boolean> {
  const row = await db
    .selectFrom('reports')
    .select('id')
    .where('reporter_id', '=', reporterId)
    .where('target_type', '=', target.type)
    .where('target_id', '=', target.id)
    .where('resolved_at', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}

/** Closes an open report without acting on its target; false when it is not open (or not there). */
export async function dismissReport(
  database: DatabaseHandle,
  action: ModeratorAction & { reportId: number },
): Promise<boolean> {
  return inWriteTransaction(database, async (trx) => {
    const result = await trx
      .updateTable('reports')
      .set({ resolved_at: action.now })
      .where('id', '=', action.reportId)
      .where('resolved_at', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return false;
    await logModeratorAction(trx, action, 'dismiss-report', `report:${action.reportId}`);
    return true;
  });
}
