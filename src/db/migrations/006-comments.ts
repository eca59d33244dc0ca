// Threaded comments on papers, and the running count of visible ones on the paper (like votes: a
// column for cards to show, kept in the comment's transaction). Deleted comments keep their row
// (marked) so replies stay in place under "[deleted]".
import type { Kysely } from 'kysely';
import { type Dialect, idColumnType } from '../dialect.js';

export function comments(dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .alterTable('papers')
        .addColumn('community_comments', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .createTable('comments')
        .addColumn('id', idColumnType(dialect, 'int'), (c) =>
          dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey(),
        )
        .addColumn('paper_id', 'integer', (c) => c.notNull().references('papers.id').onDelete('cascade'))
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('parent_id', 'integer', (c) => c.references('comments.id').onDelete('cascade'))
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('edited_at', 'text')
        .addColumn('deleted_at', 'text')
        .execute();
      await db.schema
        .createIndex('comments_paper')
        .on('comments')
        .columns(['paper_id', 'created_at'])
        .execute();
    },
  };
}
