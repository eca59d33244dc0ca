// Version history moves into papers.versions (JSON, ascending by version). It is only ever read
// with its paper, and as a table it cost a bulk import one foreign-key-checked row per version
// (~1.6 per paper): on PostgreSQL that was a fifth of a 200k-paper import's time.
import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../dialect.js';

// Entries are {"version","submittedAt"} plus "size" when known, as PaperVersion is.
function copyHistorySql(dialect: Dialect) {
  if (dialect === 'postgres') {
    return sql`update papers set versions = history.list from (
        select paper_id, json_agg(json_strip_nulls(json_build_object(
          'version', version, 'submittedAt', submitted_at, 'size', size)) order by version)::text as list
        from paper_versions group by paper_id) as history
      where history.paper_id = papers.id`;
  }
  return sql`update papers set versions = coalesce((
      select json_group_array(json(case when size is null
          then json_object('version', version, 'submittedAt', submitted_at)
          else json_object('version', version, 'submittedAt', submitted_at, 'size', size) end)
        order by version)
      from paper_versions where paper_versions.paper_id = papers.id), '[]')`;
}

export function inlineVersions(dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .alterTable('papers')
        .addColumn('versions', 'text', (c) => c.notNull().defaultTo('[]'))
        .execute();
      await copyHistorySql(dialect).execute(db);
      await db.schema.dropTable('paper_versions').execute();
    },
  };
}
