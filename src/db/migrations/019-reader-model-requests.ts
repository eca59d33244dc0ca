// When a reader asked for "For you" while their stored model was stale: requests never train (they
// serve the last stored model), they mark the reader wanted instead, and the retraining job takes
// wanted readers first — the readers who are looking now, before those who only voted somewhere.
import type { Kysely } from 'kysely';

export function readerModelRequests() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('reader_models').addColumn('wanted_at', 'text').execute();
      await db.schema
        .createIndex('reader_models_wanted_at')
        .on('reader_models')
        .column('wanted_at')
        .execute();
    },
  };
}
