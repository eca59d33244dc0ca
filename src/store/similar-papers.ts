// Stored "similar papers" (the only SQL for them): save lists in batches, read one paper's list, the
// changed papers the similar-papers job must look at after its change-log cursor (with what is stored
// for them), the backfill walk (papers without a list of the current model, newest first), and the
// job's bookkeeping in ingest_state, and the papers readers asked for before their list was stored
// (similar_requests: the job's first work). Called by search/similar-job.ts and search/similar-lists.ts.

import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { getIngestState, setIngestState } from './ingest-state.js';

export interface StoredSimilar {
  paperId: number;
  /** The embedding model whose vectors took part; '' when lexical only. */
  modelKey: string;
  textHash: string;
  /** Most similar first. */
  similar: Array<[paperId: number, score: number]>;
  computedAt: string;
}

/** A changed paper as the job sees it: its text now, and what its stored list was computed from. */
export interface ChangedForSimilar {
  revision: number;
  paperId: number;
  title: string;
  abstract: string;
  isWithdrawn: boolean;
  stored?: { modelKey: string; textHash: string };
}

// 5 parameters a row; far below SQLite's 32,766 and PostgreSQL's 65,535.
const ROWS_PER_STATEMENT = 500;

/** Inserts or replaces lists (a paper listed twice keeps its last). */
export async function saveSimilarLists(db: Kysely<Database>, lists: StoredSimilar[]): Promise<void> {
  const unique = [...new Map(lists.map((l) => [l.paperId, l])).values()];
  for (let start = 0; start < unique.length; start += ROWS_PER_STATEMENT) {
    const rows = unique.slice(start, start + ROWS_PER_STATEMENT).map((l) => ({
      paper_id: l.paperId,
      model_key: l.modelKey,
      text_hash: l.textHash,
      similar: JSON.stringify(l.similar.map(([id, score]) => [id, Math.round(score * 1e4) / 1e4])),
      computed_at: l.computedAt,
    }));
    await db
      .insertInto('similar_papers')
      .values(rows)
      .onConflict((oc) =>
        oc.column('paper_id').doUpdateSet((eb) => ({
          model_key: eb.ref('excluded.model_key'),
          text_hash: eb.ref('excluded.text_hash'),
          similar: eb.ref('excluded.similar'),
          computed_at: eb.ref('excluded.computed_at'),
        })),
      )
      .execute();
  }
}

export async function getSimilarList(
  db: Kysely<Database>,
  paperId: number,
): Promise<StoredSimilar | undefined> {
  const row = await db
    .selectFrom('similar_papers')
    .selectAll()
    .where('paper_id', '=', paperId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    paperId: row.paper_id,
    modelKey: row.model_key,
    textHash: row.text_hash,
    similar: JSON.parse(row.similar) as Array<[number, number]>,
    computedAt: row.computed_at,
  };
}

export async function deleteSimilarLists(db: Kysely<Database>, paperIds: number[]): Promise<void> {
  if (paperIds.length === 0) return;
  await db.deleteFrom('similar_papers').where('paper_id', 'in', paperIds).execute();
}

/** The next `limit` changes after `afterRevision` with their papers' text and stored list state. */
export async function listChangedForSimilar(
  db: Kysely<Database>,
  afterRevision: number,
  limit: number,
): Promise<ChangedForSimilar[]> {
  const rows = await db
    .selectFrom('paper_changes as c')
    .innerJoin('papers as p', 'p.id', 'c.paper_id')
    .leftJoin('similar_papers as s', 's.paper_id', 'c.paper_id')
    .select([
      'c.revision',
      'c.paper_id',
      'p.title',
      'p.abstract',
      'p.is_withdrawn',
      's.model_key',
      's.text_hash',
    ])
    .where('c.revision', '>', afterRevision)
    .orderBy('c.revision')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    revision: r.revision,
    paperId: r.paper_id,
    title: r.title,
    abstract: r.abstract,
    isWithdrawn: r.is_withdrawn === 1,
    ...(r.model_key !== null && r.text_hash !== null
      ? { stored: { modelKey: r.model_key, textHash: r.text_hash } }
      : {}),
  }));
}

/**
 * Papers below `beforeId` (newest first), not withdrawn, with no list computed with `modelKey`: a fresh
 * install's and old papers' lists, and every list after the embedding model changed.
 */
export async function listPapersNeedingSimilar(
  db: Kysely<Database>,
  modelKey: string,
  beforeId: number,
  limit: number,
): Promise<Array<{ id: number; title: string; abstract: string }>> {
  return db
    .selectFrom('papers')
    .select(['id', 'title', 'abstract'])
    .where('id', '<', beforeId)
    .where('is_withdrawn', '=', 0)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('similar_papers as s')
            .select('s.paper_id')
            .whereRef('s.paper_id', '=', 'papers.id')
            .where('s.model_key', '=', modelKey),
        ),
      ),
    )
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/**
 * Notes that a reader opened a paper with no stored list (a second request for it changes nothing):
 * the job computes it before anything in the backfill.
 */
export async function requestSimilarList(db: Kysely<Database>, paperId: number, now: Date): Promise<void> {
  await db
    .insertInto('similar_requests')
    .values({ paper_id: paperId, requested_at: now.toISOString() })
    .onConflict((oc) => oc.column('paper_id').doNothing())
    .execute();
}

/** Requested papers, oldest request first, with the text a list is computed from (withdrawn ones too: the job drops them). */
export async function listSimilarRequests(
  db: Kysely<Database>,
  limit: number,
): Promise<Array<{ id: number; title: string; abstract: string; isWithdrawn: boolean }>> {
  const rows = await db
    .selectFrom('similar_requests as r')
    .innerJoin('papers as p', 'p.id', 'r.paper_id')
    .select(['p.id', 'p.title', 'p.abstract', 'p.is_withdrawn'])
    .orderBy('r.requested_at')
    .orderBy('r.paper_id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    abstract: r.abstract,
    isWithdrawn: r.is_withdrawn === 1,
  }));
}

export async function deleteSimilarRequests(db: Kysely<Database>, paperIds: number[]): Promise<void> {
  if (paperIds.length === 0) return;
  await db.deleteFrom('similar_requests').where('paper_id', 'in', paperIds).execute();
}

const CURSOR_KEY = 'similar-papers:revision';
const BACKFILL_KEY = 'similar-papers:backfill';

/** The change-log revision the stored lists reflect (0 before the first run). */
export async function getSimilarCursor(db: Kysely<Database>): Promise<number> {
  return Number((await getIngestState(db, CURSOR_KEY)) ?? 0);
}

export async function setSimilarCursor(db: Kysely<Database>, revision: number, now: Date): Promise<void> {
  await setIngestState(db, CURSOR_KEY, String(revision), now.toISOString());
}

/** How far the backfill walk has come for a model: papers from `beforeId` down are still to check. */
export interface SimilarBackfill {
  modelKey: string;
  /** Papers with a lower id are still to check; 0 when the walk is done. */
  beforeId: number;
}

export async function getSimilarBackfill(db: Kysely<Database>): Promise<SimilarBackfill | undefined> {
  const value = await getIngestState(db, BACKFILL_KEY);
  return value === undefined ? undefined : (JSON.parse(value) as SimilarBackfill);
}

export async function setSimilarBackfill(
  db: Kysely<Database>,
  backfill: SimilarBackfill,
  now: Date,
): Promise<void> {
  await setIngestState(db, BACKFILL_KEY, JSON.stringify(backfill), now.toISOString());
}

/** One above the highest paper id (where a backfill walk starts). */
export async function paperIdCeiling(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('papers')
    .select((eb) => eb.fn.max('id').as('m'))
    .executeTakeFirst();
  return Number(row?.m ?? 0) + 1;
}
