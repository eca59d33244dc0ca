// A record of every digest sending run (which instance, when, and what came of it), for the admin
// page and for anyone asking "did yesterday's digest go out?".

import type { Kysely, Selectable } from 'kysely';
import type { Database, DigestFrequency, DigestRunsTable } from '../db/schema.js';

export interface DigestRunCounts {
  enqueued: number;
  composed: number;
  sent: number;
  skippedEmpty: number;
  retried: number;
  bounced: number;
  failed: number;
  /** Digests a sender stopped at the very end of (or heard nothing back for): sent again, same Message-ID. */
  uncertain: number;
}

export interface DigestRun extends DigestRunCounts {
  id: number;
  frequency: DigestFrequency | null;
  instance: string;
  isDryRun: boolean;
  startedAt: string;
  finishedAt: string | null;
}

export function emptyRunCounts(): DigestRunCounts {
  return {
    enqueued: 0,
    composed: 0,
    sent: 0,
    skippedEmpty: 0,
    retried: 0,
    bounced: 0,
    failed: 0,
    uncertain: 0,
  };
}

function toRun(row: Selectable<DigestRunsTable>): DigestRun {
  return {
    id: row.id,
    frequency: row.frequency,
    instance: row.instance,
    isDryRun: row.is_dry_run === 1,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    enqueued: row.enqueued,
    composed: row.composed,
    sent: row.sent,
    skippedEmpty: row.skipped_empty,
    retried: row.retried,
    bounced: row.bounced,
    failed: row.failed,
    uncertain: row.uncertain,
  };
}

export async function startRun(
  db: Kysely<Database>,
  run: { frequency: DigestFrequency | null; instance: string; isDryRun: boolean; now: Date },
): Promise<number> {
  const row = await db
    .insertInto('digest_runs')
    .values({
      frequency: run.frequency,
      instance: run.instance,
      is_dry_run: run.isDryRun ? 1 : 0,
      started_at: run.now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Writes the run's counts so far (called as it goes, so a crashed run still shows its progress). */
export async function updateRun(
  db: Kysely<Database>,
  id: number,
  counts: DigestRunCounts,
  finishedAt?: Date,
): Promise<void> {
  await db
    .updateTable('digest_runs')
    .set({
      enqueued: counts.enqueued,
      composed: counts.composed,
      sent: counts.sent,
      skipped_empty: counts.skippedEmpty,
      retried: counts.retried,
      bounced: counts.bounced,
      failed: counts.failed,
      uncertain: counts.uncertain,
      ...(finishedAt ? { finished_at: finishedAt.toISOString() } : {}),
    })
    .where('id', '=', id)
    .execute();
}

/** The latest runs, newest first (runs that found nothing to do are never recorded). */
export async function listRecentRuns(db: Kysely<Database>, limit: number): Promise<DigestRun[]> {
  const rows = await db
    .selectFrom('digest_runs')
    .selectAll()
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toRun);
}

export async function pruneRuns(db: Kysely<Database>, before: Date): Promise<number> {
  const result = await db
    .deleteFrom('digest_runs')
    .where('started_at', '<', before.toISOString())
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
