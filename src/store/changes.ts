// The change log: consumers (search index, digests) read revisions after the last one they applied.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

export interface PaperChange {
  revision: number;
  paperId: number;
  arxivId: string;
  kind: string;
  changedAt: string;
}

export async function listChangesSince(
  db: Kysely<Database>,
  revision: number,
  limit: number,
): Promise<PaperChange[]> {
  const rows = await db
    .selectFrom('paper_changes')
    .selectAll()
    .where('revision', '>', revision)
    .orderBy('revision')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    revision: r.revision,
    paperId: r.paper_id,
    arxivId: r.arxiv_id,
    kind: r.kind,
    changedAt: r.changed_at,
  }));
}

export async function latestRevision(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('paper_changes')
    .select((eb) => eb.fn.max('revision').as('r'))
    .executeTakeFirst();
  return Number(row?.r ?? 0);
}
