// Reader signals for "For you" recommendations: explicit feedback on papers ("more like this" /
// "not interested"), followed authors and categories, and each reader's trained model with the
// version counters that tell the retraining job which models are stale. Everything goes with the
// reader's account (ON DELETE CASCADE) and feedback with the paper it names.
import { type Kysely, sql } from 'kysely';

export function readerSignals() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('reader_feedback')
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('paper_id', 'integer', (c) => c.notNull().references('papers.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('more', 'less')`))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('reader_feedback_pk', ['user_id', 'paper_id'])
        .execute();
      // A paper leaving the store deletes its feedback rows: without this the cascade scans the table.
      await db.schema.createIndex('reader_feedback_paper').on('reader_feedback').column('paper_id').execute();
      await db.schema
        .createTable('reader_follows')
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('author', 'category')`))
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('reader_follows_pk', ['user_id', 'kind', 'value'])
        .execute();
      await db.schema
        .createTable('reader_models')
        .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
        // Raised by every signal write; the stored model is current when trained_version equals it.
        .addColumn('signal_version', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('trained_version', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('signal_at', 'text', (c) => c.notNull())
        // JSON (recs/reader-model.ts); null until first trained.
        .addColumn('model', 'text')
        // The embedding model whose vectors the weights apply to: a new active embedding model
        // makes every stored reader model stale.
        .addColumn('model_key', 'text')
        .addColumn('trained_at', 'text')
        .execute();
      // The retraining job's scan for stale models, oldest signal first.
      await db.schema
        .createIndex('reader_models_signal_at')
        .on('reader_models')
        .column('signal_at')
        .execute();
    },
  };
}
