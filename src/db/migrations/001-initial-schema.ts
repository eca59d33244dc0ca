// Papers, their version history, board placements, the change log and ingest bookkeeping.
import type { Kysely } from 'kysely';
import { type Dialect, idColumnType } from '../dialect.js';

export function initialSchema(dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const id = idColumnType(dialect, 'int');
      const bigId = idColumnType(dialect, 'bigint');
      await db.schema
        .createTable('papers')
        .addColumn('id', id, (c) => (dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey()))
        .addColumn('arxiv_id', 'text', (c) => c.notNull().unique())
        .addColumn('version', 'integer')
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('abstract', 'text', (c) => c.notNull())
        .addColumn('authors', 'text', (c) => c.notNull())
        .addColumn('primary_category', 'text')
        .addColumn('categories', 'text', (c) => c.notNull())
        .addColumn('comments', 'text')
        .addColumn('journal_ref', 'text')
        .addColumn('doi', 'text')
        .addColumn('license', 'text')
        .addColumn('report_no', 'text')
        .addColumn('published_at', 'text')
        .addColumn('updated_at', 'text')
        .addColumn('is_withdrawn', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('code_links', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('upvotes', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('num_comments', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('github_repo', 'text')
        .addColumn('github_stars', 'integer')
        .addColumn('project_page', 'text')
        .addColumn('ai_summary', 'text')
        .addColumn('ai_keywords', 'text')
        .addColumn('metadata_source', 'text', (c) => c.notNull())
        .addColumn('first_seen_at', 'text', (c) => c.notNull())
        .addColumn('modified_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('papers_published_at').on('papers').column('published_at').execute();

      await db.schema
        .createTable('paper_versions')
        .addColumn('paper_id', 'integer', (c) => c.notNull().references('papers.id').onDelete('cascade'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('submitted_at', 'text', (c) => c.notNull())
        .addColumn('size', 'text')
        .addPrimaryKeyConstraint('paper_versions_pk', ['paper_id', 'version'])
        .execute();

      // One placement per paper: the day it was first put on the board.
      await db.schema
        .createTable('board_entries')
        .addColumn('paper_id', 'integer', (c) => c.primaryKey().references('papers.id').onDelete('cascade'))
        .addColumn('board_date', 'text', (c) => c.notNull())
        .addColumn('submitted_at', 'text')
        .addColumn('submitted_by', 'text')
        .addColumn('source', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('board_entries_date').on('board_entries').column('board_date').execute();

      // Monotonic revision per paper change; consumers (search index, digests) read past a revision.
      await db.schema
        .createTable('paper_changes')
        .addColumn('revision', bigId, (c) =>
          dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey(),
        )
        .addColumn('paper_id', 'integer', (c) => c.notNull())
        .addColumn('arxiv_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('changed_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('ingest_state')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      // Leases make a scheduled job run on one instance at a time when several share PostgreSQL.
      await db.schema
        .createTable('job_leases')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('owner', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
    },
  };
}
