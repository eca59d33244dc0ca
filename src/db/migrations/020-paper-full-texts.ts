// The body of each paper as arXiv's HTML rendering gives it, converted to Markdown once
// (ingest/full-text.ts): the paper's Markdown form reads it from here, so instances and repeat reads
// never fetch it again. A null body records that arXiv has no HTML rendering of that version.
import type { Kysely } from 'kysely';

export function paperFullTexts() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('paper_full_texts')
        .addColumn('paper_id', 'integer', (c) => c.primaryKey().references('papers.id').onDelete('cascade'))
        .addColumn('version', 'integer')
        .addColumn('markdown', 'text')
        .addColumn('fetched_at', 'text', (c) => c.notNull())
        .execute();
    },
  };
}
