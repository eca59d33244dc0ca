// What the category enrichment (ingest/enrich-arxiv.ts) learnt about each paper it asked arXiv for:
// found, unknown to arXiv, or answered with a record it could not read; with the number of tries
// and the last one's time, so an unknown id is retried a few times and then left alone, and a
// restarted run never asks again for a paper it already has.
import type { Kysely } from 'kysely';

export function arxivLookups() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('arxiv_lookups')
        .addColumn('arxiv_id', 'text', (c) => c.primaryKey())
        // 'found' | 'not-found' | 'malformed' | 'invalid-id'
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('checked_at', 'text', (c) => c.notNull())
        // Why the last try failed (the parser's message), for the log and for people.
        .addColumn('detail', 'text')
        .execute();
    },
  };
}
