// The change log: consumers (search index, vectors, similar lists, render caches) read revisions after
// the last one they applied. Paper writes append 'upsert' / 'withdraw' (paper-writes.ts) and votes
// 'upsert' (votes.ts); what changes a paper's page without changing the paper appends its own kind
// (touchPapers), so every cache keyed by the latest revision sees it too.
import type { Kysely } from 'kysely';
import type { DatabaseHandle } from '../db/connection.js';
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

/**
 * A reader of the latest revision for a per-request check (the render cache's). On SQLite it runs one
 * prepared statement on the raw connection — Kysely compiles and prepares each query anew, which cost
 * ~0.3 ms per request — unless the connection is inside a transaction, whose uncommitted changes must
 * not count: then it queues behind that transaction like any other Kysely query.
 */
export function latestRevisionReader(database: DatabaseHandle): () => Promise<number> {
  const sqlite = database.sqlite;
  if (!sqlite) return () => latestRevision(database.db);
  const statement = sqlite.prepare('select max(revision) from paper_changes').pluck();
  return () => {
    if (sqlite.inTransaction) return latestRevision(database.db);
    return Promise.resolve(Number(statement.get() ?? 0));
  };
}

export async function latestRevision(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('paper_changes')
    .select((eb) => eb.fn.max('revision').as('r'))
    .executeTakeFirst();
  return Number(row?.r ?? 0);
}
