// Papers whose page was asked for before the similar-papers job had stored their list: the job
// computes these first (search/similar-job.ts), so a page view never computes a list itself and the
// papers readers open are not left waiting behind a fresh install's backfill of every other paper.
import type { Kysely } from 'kysely';

export function similarRequests() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('similar_requests')
        .addColumn('paper_id', 'integer', (c) => c.primaryKey().references('papers.id').onDelete('cascade'))
        .addColumn('requested_at', 'text', (c) => c.notNull())
        .execute();
    },
  };
}
