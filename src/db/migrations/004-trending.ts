// The trending score of each board placement (model/trending.ts), stored so the trending board is
// an index scan; existing placements are scored here from their papers' upvotes.
import { type Kysely, sql } from 'kysely';
import { placementTime, trendingScore } from '../../model/trending.js';

export function trending() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .alterTable('board_entries')
        .addColumn('trending_score', 'double precision', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .createIndex('board_entries_trending')
        .on('board_entries')
        .column('trending_score')
        .execute();
      const rows = await sql<{
        paper_id: number;
        board_date: string;
        submitted_at: string | null;
        upvotes: number;
      }>`
        select b.paper_id, b.board_date, b.submitted_at, p.upvotes
        from board_entries b join papers p on p.id = b.paper_id`.execute(db);
      for (const row of rows.rows) {
        const placedAt = placementTime({ date: row.board_date, submittedAt: row.submitted_at ?? undefined });
        await sql`update board_entries set trending_score = ${trendingScore(row.upvotes, placedAt)}
          where paper_id = ${row.paper_id}`.execute(db);
      }
    },
  };
}
