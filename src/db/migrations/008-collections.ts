// Collections: readers' named reading lists (public or private) and the papers in each, with the
// time each was added (the list's order and its feed's dates). A list goes with its owner's account,
// and a paper leaves every list when it leaves the store.
import type { Kysely } from 'kysely';
import { type Dialect, idColumnType } from '../dialect.js';

export function collections(dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const id = idColumnType(dialect, 'int');
      await db.schema
        .createTable('collections')
        .addColumn('id', id, (c) => (dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey()))
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('is_public', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      // One name per owner (a double-submitted "new list" form makes one list, not two); it also
      // serves "this reader's lists".
      await db.schema
        .createIndex('collections_user_name')
        .on('collections')
        .columns(['user_id', 'name'])
        .unique()
        .execute();
      await db.schema
        .createTable('collection_papers')
        .addColumn('collection_id', 'integer', (c) =>
          c.notNull().references('collections.id').onDelete('cascade'),
        )
        .addColumn('paper_id', 'integer', (c) => c.notNull().references('papers.id').onDelete('cascade'))
        .addColumn('added_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('collection_papers_pk', ['collection_id', 'paper_id'])
        .execute();
      await db.schema
        .createIndex('collection_papers_paper')
        .on('collection_papers')
        .column('paper_id')
        .execute();
    },
  };
}
