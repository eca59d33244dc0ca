// A reader's private "For you" feed: the URL carries a secret, and the database keeps only its hash
// (like API tokens), one per reader. Rotating replaces the row, so the old URL stops working at once.
// The row goes with the account (ON DELETE CASCADE).
import type { Kysely } from 'kysely';

export function readerFeedTokens() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('reader_feed_tokens')
        .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
        // sha256 hex of the secret in the feed URL (accounts/secrets.ts hashSecret).
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
    },
  };
}
