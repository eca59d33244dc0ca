// Idempotent batch upsert of source records: read the stored state of the batch's papers, merge in
// memory, write only what changed with bulk statements (paper-bulk-writes.ts), and append one change-log revision per
// changed paper. Ingest (every source) and submissions call it.

import type { Kysely } from 'kysely';
import type { DatabaseHandle } from '../db/connection.js';
import type { Database } from '../db/schema.js';
import type { PaperRecord } from '../model/paper.js';
import { isSamePaper, mergePaper, type StoredPaper } from '../model/stored-paper.js';
import { placementTime, trendingScore } from '../model/trending.js';
import type { BulkWriter, PaperInsertRow } from './paper-bulk-writes.js';
import { toBoardEntry, toPaperRow, toStoredPaper } from './paper-rows.js';
import { inWriteTransaction } from './write-transaction.js';

export interface UpsertSummary {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Change-log revisions written by this batch, ascending. */
  revisions: number[];
}

// Ids per `IN (...)` lookup: under both engines' parameter limits (SQLite 32766, PostgreSQL 65535).
const CHUNK = 900;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

interface Loaded {
  id: number;
  firstSeenAt: string;
  /** Readers' votes: not part of the merged state, but of the trending score. */
  communityVotes: number;
  state: StoredPaper;
}

async function loadStored(trx: Kysely<Database>, arxivIds: string[]): Promise<Map<string, Loaded>> {
  const loaded = new Map<string, Loaded>();
  for (const part of chunks(arxivIds)) {
    const rows = await trx.selectFrom('papers').selectAll().where('arxiv_id', 'in', part).execute();
    if (rows.length === 0) continue;
    const boards = await trx
      .selectFrom('board_entries')
      .selectAll()
      .where(
        'paper_id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    const boardById = new Map(boards.map((b) => [b.paper_id, b]));
    for (const row of rows) {
      loaded.set(row.arxiv_id, {
        id: row.id,
        firstSeenAt: row.first_seen_at,
        communityVotes: row.community_votes,
        state: toStoredPaper(row, toBoardEntry(boardById.get(row.id))),
      });
    }
  }
  return loaded;
}

interface PendingWrite {
  state: StoredPaper;
  previous?: Loaded;
  row: PaperInsertRow;
}

function mergeBatch(records: PaperRecord[], loaded: Map<string, Loaded>, now: string): PendingWrite[] {
  const merged = new Map<string, StoredPaper>();
  for (const record of records) {
    const current = merged.get(record.arxivId) ?? loaded.get(record.arxivId)?.state;
    merged.set(record.arxivId, mergePaper(current, record));
  }
  const writes: PendingWrite[] = [];
  for (const [arxivId, state] of merged) {
    const previous = loaded.get(arxivId);
    if (previous && isSamePaper(previous.state, state)) continue;
    const row = toPaperRow(state, { firstSeenAt: previous?.firstSeenAt ?? now, modifiedAt: now });
    writes.push(previous ? { state, previous, row } : { state, row });
  }
  return writes;
}

/** Did the stored state of the batch's papers stay as a snapshot read before the transaction saw it? */
function isSameSnapshot(snapshot: Map<string, Loaded>, current: Map<string, Loaded>): boolean {
  if (snapshot.size !== current.size) return false;
  for (const [arxivId, now] of current) {
    const then = snapshot.get(arxivId);
    if (!then || then.id !== now.id || then.firstSeenAt !== now.firstSeenAt) return false;
    if (!isSamePaper(then.state, now.state)) return false;
  }
  return true;
}

async function writeBatch(writer: BulkWriter, writes: PendingWrite[], now: string): Promise<number[]> {
  const ids = await writer.writePapers(writes.map((w) => ({ row: w.row, id: w.previous?.id })));
  const idOf = (w: PendingWrite) => ids.get(w.state.arxivId) as number;
  await writer.writeBoard(
    writes.flatMap((w) =>
      w.state.board
        ? [
            {
              paper_id: idOf(w),
              board_date: w.state.board.date,
              submitted_at: w.state.board.submittedAt ?? null,
              submitted_by: w.state.board.submittedBy ?? null,
              submitter_fullname: w.state.board.submitterFullname ?? null,
              submitter_avatar_url: w.state.board.submitterAvatarUrl ?? null,
              source: w.state.board.source,
              trending_score: trendingScore(
                w.state.upvotes + (w.previous?.communityVotes ?? 0),
                placementTime(w.state.board),
              ),
            },
          ]
        : [],
    ),
  );
  return writer.appendChanges(
    writes.map((w) => ({
      paper_id: idOf(w),
      arxiv_id: w.state.arxivId,
      kind: w.state.isWithdrawn ? 'withdraw' : 'upsert',
      changed_at: now,
    })),
  );
}

/** Serialises writers of one process (import worker threads) before they reach the database. */
export interface WriteTurn {
  hold<T>(work: () => Promise<T>): Promise<T>;
}

/**
 * Merges records into the store in one transaction; unchanged papers cost one read and no write.
 * With a `turn` (writers taking turns), the merge is computed before waiting for the turn from a
 * snapshot of the stored state, so the serialised part is little more than the writes; the
 * transaction re-reads the state and merges again only if the snapshot went stale meanwhile.
 */
export async function upsertPapers(
  database: DatabaseHandle,
  records: PaperRecord[],
  now: string = new Date().toISOString(),
  turn?: WriteTurn,
): Promise<UpsertSummary> {
  if (records.length === 0) return { inserted: 0, updated: 0, unchanged: 0, revisions: [] };
  const distinctIds = [...new Set(records.map((r) => r.arxivId))];
  const snapshot = turn ? await loadStored(database.db, distinctIds) : undefined;
  const early = snapshot ? mergeBatch(records, snapshot, now) : undefined;
  const transaction = () =>
    inWriteTransaction(database, async (trx, writer) => {
      const loaded = await loadStored(trx, distinctIds);
      const writes =
        early && snapshot && isSameSnapshot(snapshot, loaded) ? early : mergeBatch(records, loaded, now);
      if (writes.length === 0)
        return { inserted: 0, updated: 0, unchanged: distinctIds.length, revisions: [] };
      const revisions = await writeBatch(writer, writes, now);
      const inserted = writes.filter((w) => !w.previous).length;
      return {
        inserted,
        updated: writes.length - inserted,
        unchanged: distinctIds.length - writes.length,
        revisions,
      };
    });
  return turn ? turn.hold(transaction) : transaction();
}
