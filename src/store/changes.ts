// The change log: consumers (search index, vectors, similar lists, render caches) read revisions after
// the last one they applied. Paper writes append 'upsert' / 'withdraw' (paper-writes.ts) and votes
// 'upsert' (votes.ts); what changes a paper's page without changing the paper appends its own kind
// (touchPapers), so every cache keyed by the latest revision sees it too.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { BulkWriter } from './paper-bulk-writes.js';

/** Changes to what is shown with a paper rather than to the paper: its discussion, its board place. */
export type TouchKind = 'discussion' | 'board';

/** Appends one change per paper (in the caller's write transaction). */
export async function touchPapers(
  trx: Kysely<Database>,
  writer: BulkWriter,
  paperIds: readonly number[],
  kind: TouchKind,
  now: string,
): Promise<void> {
  const unique = [...new Set(paperIds)];
  if (unique.length === 0) return;
  const rows = await trx.selectFrom('papers').select(['id', 'arxiv_id']).where('id', 'in', unique).execute();
  await writer.appendChanges(
    rows.map((r) => ({ paper_id: r.id, arxiv_id: r.arxiv_id, kind, changed_at: now })),
  );
}

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
