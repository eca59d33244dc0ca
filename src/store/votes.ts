// Readers' upvotes. Setting a vote is idempotent (the desired state, not a toggle), so a repeated
// or doubled request leaves one vote; the paper's count, its trending score and a change-log
// revision (the search index sorts by upvotes) change in the same transaction as the vote row.

import { type Kysely, sql } from 'kysely';
import { type DatabaseHandle, rawSqliteOf } from '../db/connection.js';
import { preparedPerDatabase } from '../db/prepared-query.js';
import type { Database } from '../db/schema.js';
import { placementTime, trendingScore } from '../model/trending.js';
import { bumpSignalVersion } from './reader-signals.js';
import { inWriteTransaction } from './write-transaction.js';

export interface VoteResult {
  /** The paper's upvotes shown to readers: imported plus readers' votes. */
  upvotes: number;
  voted: boolean;
  /** False when the vote already was as asked. */
  changed: boolean;
}

export async function setVote(
  database: DatabaseHandle,
  vote: { userId: number; paperId: number; isUp: boolean; now: string },
): Promise<VoteResult> {
  return inWriteTransaction(database, async (trx, writer) => {
    const changed = vote.isUp
      ? Number(
          (
            await trx
              .insertInto('votes')
              .values({ user_id: vote.userId, paper_id: vote.paperId, created_at: vote.now })
              .onConflict((oc) => oc.columns(['user_id', 'paper_id']).doNothing())
              .executeTakeFirst()
          ).numInsertedOrUpdatedRows ?? 0,
        ) > 0
      : Number(
          (
            await trx
              .deleteFrom('votes')
              .where('user_id', '=', vote.userId)
              .where('paper_id', '=', vote.paperId)
              .executeTakeFirst()
          ).numDeletedRows,
        ) > 0;
    if (changed) {
      await trx
        .updateTable('papers')
        .set({ community_votes: sql`community_votes + ${vote.isUp ? 1 : -1}` })
        .where('id', '=', vote.paperId)
        .execute();
    }
    const paper = await trx
      .selectFrom('papers')
      .leftJoin('board_entries', 'board_entries.paper_id', 'papers.id')
      .select([
        'papers.arxiv_id',
        'papers.upvotes',
        'papers.community_votes',
        'board_entries.board_date',
        'board_entries.submitted_at',
      ])
      .where('papers.id', '=', vote.paperId)
      .executeTakeFirstOrThrow();
    const upvotes = paper.upvotes + paper.community_votes;
    if (changed) {
      if (paper.board_date !== null) {
        const placedAt = placementTime({
          date: paper.board_date,
          submittedAt: paper.submitted_at ?? undefined,
        });
        await trx
          .updateTable('board_entries')
          .set({ trending_score: trendingScore(upvotes, placedAt) })
          .where('paper_id', '=', vote.paperId)
          .execute();
      }
      await writer.appendChanges([
        { paper_id: vote.paperId, arxiv_id: paper.arxiv_id, kind: 'upsert', changed_at: vote.now },
      ]);
      // An upvote is a signal for the reader's recommendations.
      await bumpSignalVersion(trx, vote.userId, vote.now);
    }
    return { upvotes, voted: vote.isUp, changed };
  });
}

/**
 * Which of these papers the user has upvoted: asked for every card of a page a signed-in reader opens.
 * On SQLite the ids travel as one JSON array, so the query has one shape for any page and runs as a
 * prepared statement (an `in (?, ?, …)` list of each page's length would be compiled for each).
 */
const votedAmongQuery = preparedPerDatabase<Database, { paper_id: number }, { userId: number; ids: string }>(
  (db, value) =>
    db
      .selectFrom('votes')
      .select('paper_id')
      .where('user_id', '=', value<number>('userId'))
      .where('paper_id', 'in', sql<number>`(select value from json_each(${value('ids')}))`),
);

export async function votedPaperIds(
  db: Kysely<Database>,
  userId: number,
  paperIds: number[],
): Promise<Set<number>> {
  if (paperIds.length === 0) return new Set();
  const rows = rawSqliteOf(db)
    ? await votedAmongQuery(db).execute({ userId, ids: JSON.stringify(paperIds) })
    : await db
        .selectFrom('votes')
        .select('paper_id')
        .where('user_id', '=', userId)
        .where('paper_id', 'in', paperIds)
        .execute();
  return new Set(rows.map((r) => r.paper_id));
}

/** One page of the papers a reader upvoted, most recent vote first, and how many there are. */
export async function listUpvotedPaperIds(
  db: Kysely<Database>,
  userId: number,
  page: { limit: number; offset: number },
): Promise<{ ids: number[]; total: number }> {
  const mine = db.selectFrom('votes').where('user_id', '=', userId);
  const [rows, count] = await Promise.all([
    mine
      .select('paper_id')
      .orderBy('created_at', 'desc')
      .orderBy('paper_id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    mine.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { ids: rows.map((r) => r.paper_id), total: Number(count.n) };
}
