// Readers' upvotes: one row per (user, paper), and a running count on the paper kept in the same
// transaction, so a board sorts by a column instead of counting votes on every read. The count is
// separate from `upvotes` (imported from Hugging Face, which re-imports only ever raise).
import type { Kysely } from 'kysely';

export function votes() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .alterTable('papers')
        .addColumn('community_votes', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .createTable('votes')
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('paper_id', 'integer', (c) => c.notNull().references('papers.id').onDelete('cascade'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('votes_pk', ['user_id', 'paper_id'])
        .execute();
      await db.schema.createIndex('votes_paper').on('votes').column('paper_id').execute();
    },
  };
}
