// Idempotent batch upsert of source records: read the stored state of the batch's papers, merge in
// memory, write only what changed with multi-row statements, and append one change-log revision per
// changed paper. Ingest (every source) and submissions call it.

import { type Kysely, sql, type Transaction } from 'kysely';
import type { Dialect } from '../db/dialect.js';
import type { Database, PapersTable } from '../db/schema.js';
import type { PaperRecord } from '../model/paper.js';
import { isSamePaper, mergePaper, type StoredPaper } from '../model/stored-paper.js';
import { toBoardEntry, toPaperRow, toStoredPaper, toVersion } from './paper-rows.js';

export interface UpsertSummary {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Change-log revisions written by this batch, ascending. */
  revisions: number[];
}

// Rows per multi-row statement: 28 papers columns × 400 stays under both engines' parameter limits
// (SQLite 32766, PostgreSQL 65535) while amortising statement preparation.
const CHUNK = 400;
// Any constant: PostgreSQL writers take this transaction-scoped advisory lock so change-log
// revisions commit in the order they were allocated, and a reader past revision N never skips one.
const CHANGE_LOG_LOCK = 7_201_401;

// Every papers column an update rewrites: all but the key and the first-seen timestamp.
const UPDATED_PAPER_COLUMNS = [
  'version', 'title', 'abstract', 'authors', 'primary_category', 'categories', 'comments', 'journal_ref',
  'doi', 'license', 'report_no', 'published_at', 'updated_at', 'is_withdrawn', 'code_links', 'upvotes',
  'num_comments', 'github_repo', 'github_stars', 'project_page', 'ai_summary', 'ai_keywords',
  'metadata_source', 'modified_at',
] as const satisfies ReadonlyArray<keyof PapersTable>;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

interface Loaded {
  id: number;
  firstSeenAt: string;
  state: StoredPaper;
}

async function loadStored(trx: Transaction<Database>, arxivIds: string[]): Promise<Map<string, Loaded>> {
  const loaded = new Map<string, Loaded>();
  for (const part of chunks(arxivIds)) {
    const rows = await trx.selectFrom('papers').selectAll().where('arxiv_id', 'in', part).execute();
    if (rows.length === 0) continue;
    const ids = rows.map((r) => r.id);
    const versions = await trx.selectFrom('paper_versions').selectAll().where('paper_id', 'in', ids).execute();
    const boards = await trx.selectFrom('board_entries').selectAll().where('paper_id', 'in', ids).execute();
    const boardById = new Map(boards.map((b) => [b.paper_id, b]));
    const versionsById = new Map<number, typeof versions>();
    for (const v of versions) {
      const list = versionsById.get(v.paper_id) ?? [];
      list.push(v);
      versionsById.set(v.paper_id, list);
    }
    for (const row of rows) {
      const paperVersions = (versionsById.get(row.id) ?? []).sort((a, b) => a.version - b.version).map(toVersion);
      loaded.set(row.arxiv_id, {
        id: row.id,
        firstSeenAt: row.first_seen_at,
        state: toStoredPaper(row, paperVersions, toBoardEntry(boardById.get(row.id))),
      });
    }
  }
  return loaded;
}

interface PendingWrite {
  state: StoredPaper;
  previous?: Loaded;
}

function mergeBatch(records: PaperRecord[], loaded: Map<string, Loaded>): PendingWrite[] {
  const merged = new Map<string, StoredPaper>();
  for (const record of records) {
    const current = merged.get(record.arxivId) ?? loaded.get(record.arxivId)?.state;
    merged.set(record.arxivId, mergePaper(current, record));
  }
  const writes: PendingWrite[] = [];
  for (const [arxivId, state] of merged) {
    const previous = loaded.get(arxivId);
    if (!previous || !isSamePaper(previous.state, state)) writes.push({ state, previous });
  }
  return writes;
}

async function writePapers(trx: Transaction<Database>, writes: PendingWrite[], now: string) {
  const ids = new Map<string, number>();
  for (const part of chunks(writes)) {
    const rows = part.map((w) =>
      toPaperRow(w.state, { firstSeenAt: w.previous?.firstSeenAt ?? now, modifiedAt: now }),
    );
    const returned = await trx
      .insertInto('papers')
      .values(rows)
      .onConflict((oc) =>
        oc.column('arxiv_id').doUpdateSet((eb) =>
          Object.fromEntries(UPDATED_PAPER_COLUMNS.map((column) => [column, eb.ref(`excluded.${column}`)])),
        ),
      )
      .returning(['id', 'arxiv_id'])
      .execute();
    for (const r of returned) ids.set(r.arxiv_id, r.id);
  }
  return ids;
}

async function writeVersionsAndBoard(trx: Transaction<Database>, writes: PendingWrite[], ids: Map<string, number>) {
  const versionRows = writes.flatMap((w) =>
    w.state.versions.map((v) => ({
      paper_id: ids.get(w.state.arxivId) as number,
      version: v.version,
      submitted_at: v.submittedAt,
      size: v.size ?? null,
    })),
  );
  for (const part of chunks(versionRows)) {
    await trx
      .insertInto('paper_versions')
      .values(part)
      .onConflict((oc) =>
        oc.columns(['paper_id', 'version']).doUpdateSet((eb) => ({
          submitted_at: eb.ref('excluded.submitted_at'),
          size: eb.ref('excluded.size'),
        })),
      )
      .execute();
  }
  const boardRows = writes.flatMap((w) =>
    w.state.board
      ? [
          {
            paper_id: ids.get(w.state.arxivId) as number,
            board_date: w.state.board.date,
            submitted_at: w.state.board.submittedAt ?? null,
            submitted_by: w.state.board.submittedBy ?? null,
            source: w.state.board.source,
          },
        ]
      : [],
  );
  for (const part of chunks(boardRows)) {
    await trx
      .insertInto('board_entries')
      .values(part)
      .onConflict((oc) =>
        oc.column('paper_id').doUpdateSet((eb) => ({
          board_date: eb.ref('excluded.board_date'),
          submitted_at: eb.ref('excluded.submitted_at'),
          submitted_by: eb.ref('excluded.submitted_by'),
          source: eb.ref('excluded.source'),
        })),
      )
      .execute();
  }
}

async function appendChanges(
  trx: Transaction<Database>,
  writes: PendingWrite[],
  ids: Map<string, number>,
  now: string,
): Promise<number[]> {
  const revisions: number[] = [];
  const rows = writes.map((w) => ({
    paper_id: ids.get(w.state.arxivId) as number,
    arxiv_id: w.state.arxivId,
    kind: w.state.isWithdrawn ? 'withdraw' : 'upsert',
    changed_at: now,
  }));
  for (const part of chunks(rows)) {
    const returned = await trx.insertInto('paper_changes').values(part).returning('revision').execute();
    revisions.push(...returned.map((r) => r.revision));
  }
  return revisions.sort((a, b) => a - b);
}

/** Merges records into the store in one transaction; unchanged papers cost one read and no write. */
export async function upsertPapers(
  db: Kysely<Database>,
  dialect: Dialect,
  records: PaperRecord[],
  now: string = new Date().toISOString(),
): Promise<UpsertSummary> {
  if (records.length === 0) return { inserted: 0, updated: 0, unchanged: 0, revisions: [] };
  return db.transaction().execute(async (trx) => {
    if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${CHANGE_LOG_LOCK})`.execute(trx);
    const distinctIds = [...new Set(records.map((r) => r.arxivId))];
    const loaded = await loadStored(trx, distinctIds);
    const writes = mergeBatch(records, loaded);
    if (writes.length === 0) return { inserted: 0, updated: 0, unchanged: distinctIds.length, revisions: [] };
    const ids = await writePapers(trx, writes, now);
    await writeVersionsAndBoard(trx, writes, ids);
    const revisions = await appendChanges(trx, writes, ids, now);
    const inserted = writes.filter((w) => !w.previous).length;
    return {
      inserted,
      updated: writes.length - inserted,
      unchanged: distinctIds.length - writes.length,
      revisions,
    };
  });
}
