// Keeps stored "similar papers" current (the recurring exclusive job `similar-papers`, jobs/
// recurring-jobs.ts): follows the change log past its cursor, recomputes the lists of papers whose
// text changed or whose list is from another model (votes alone change nothing) and of their nearest
// neighbours (whose neighbourhood changed), drops withdrawn papers' lists; then computes the papers
// readers opened before their list was stored (similar_requests: page views never compute a list);
// then walks the papers without a list of the active model, newest first, a bounded number per run
// (a fresh install, old papers, a new model). Lists are computed by the search pool's workers
// (similar-blend.ts).

import type { DatabaseHandle } from '../db/connection.js';
import type { Logger } from '../lib/logger.js';
import { latestRevision } from '../store/changes.js';
import { getActiveModel, getEmbeddablePapers, getEmbeddingCursor } from '../store/embeddings.js';
import {
  type ChangedForSimilar,
  deleteSimilarLists,
  deleteSimilarRequests,
  getSimilarBackfill,
  getSimilarCursor,
  listChangedForSimilar,
  listPapersNeedingSimilar,
  listSimilarRequests,
  paperIdCeiling,
  saveSimilarLists,
  setSimilarBackfill,
  setSimilarCursor,
} from '../store/similar-papers.js';
import type { SearchService } from './search-pool.js';
import type { SimilarList } from './similar-blend.js';
import { SIMILAR_STORED, similarTextHash, toStoredSimilar } from './similar-lists.js';

export interface SimilarJobDeps {
  database: DatabaseHandle;
  search: Pick<SearchService, 'similarBatch'>;
  log: Logger;
  now(): Date;
  signal?: AbortSignal;
  /** Papers per backfill run (default 1000), and at most this long (default 20 s). */
  backfillPerRun?: number;
  backfillMs?: number;
}

export interface SimilarJobResult {
  modelKey: string;
  changes: number;
  computed: number;
  removed: number;
  /** Lists computed for papers readers asked for. */
  requested: number;
  backfilled: number;
  revision: number;
  /** The workers' vectors are not yet the active model's: nothing was stored this run. */
  isWaitingForVectors?: boolean;
}

const CHANGES_PER_STEP = 500;
const STEPS_PER_RUN = 20;
/** Papers per worker request: a worker busy with a batch leaves the others to serve searches. */
const PAPERS_PER_REQUEST = 32;
/** A changed paper's nearest neighbours get new lists too: it may now belong in theirs. */
const NEIGHBOURS_REFRESHED = 10;

type Paper = { id: number; title: string; abstract: string };

/** Lists for the papers, computed in small worker requests; the lowest index revision among them. */
async function computeLists(deps: SimilarJobDeps, papers: Paper[], modelKey: string) {
  const lists: SimilarList[] = [];
  let revision = Number.POSITIVE_INFINITY;
  for (let start = 0; start < papers.length; start += PAPERS_PER_REQUEST) {
    const ids = papers.slice(start, start + PAPERS_PER_REQUEST).map((p) => p.id);
    const batch = await deps.search.similarBatch(ids, SIMILAR_STORED);
    if (batch.modelKey !== modelKey) return undefined;
    revision = Math.min(revision, batch.revision);
    lists.push(...batch.lists);
  }
  return { lists, revision };
}

async function store(deps: SimilarJobDeps, papers: Paper[], lists: SimilarList[]): Promise<void> {
  const byId = new Map(papers.map((p) => [p.id, p]));
  const now = deps.now();
  await saveSimilarLists(
    deps.database.db,
    lists.flatMap((list) => {
      const paper = byId.get(list.paperId);
      return paper ? [toStoredSimilar(list, paper, now)] : [];
    }),
  );
}

function needsList(change: ChangedForSimilar, modelKey: string): boolean {
  const { stored } = change;
  return !stored || stored.modelKey !== modelKey || stored.textHash !== similarTextHash(change);
}

export async function refreshSimilar(deps: SimilarJobDeps): Promise<SimilarJobResult> {
  const { db } = deps.database;
  const active = await getActiveModel(db);
  const modelKey = active?.modelKey ?? '';
  const result: SimilarJobResult = {
    modelKey,
    changes: 0,
    computed: 0,
    removed: 0,
    requested: 0,
    backfilled: 0,
    revision: 0,
  };
  let cursor = await getSimilarCursor(db);
  if (cursor === 0) {
    // A first run starts at the log's end: the backfill below covers every paper there is.
    cursor = await latestRevision(db);
    await setSimilarCursor(db, cursor, deps.now());
  }
  // Papers changed after the embedding job's cursor may have no vector yet.
  const bound = active ? ((await getEmbeddingCursor(db, active.id)) ?? 0) : Number.POSITIVE_INFINITY;
  for (let step = 0; step < STEPS_PER_RUN && !deps.signal?.aborted; step++) {
    const changes = (await listChangedForSimilar(db, cursor, CHANGES_PER_STEP)).filter(
      (c) => c.revision <= bound,
    );
    const last = changes.at(-1);
    if (!last) break;
    const applied = await applyChanges(deps, modelKey, changes);
    if (!applied) return { ...result, revision: cursor, isWaitingForVectors: true };
    result.changes += changes.filter((c) => c.revision <= applied.ready).length;
    result.computed += applied.computed;
    result.removed += applied.removed;
    if (applied.ready > cursor) {
      cursor = applied.ready;
      await setSimilarCursor(db, cursor, deps.now());
    }
    if (applied.ready < last.revision) break;
  }
  result.revision = cursor;
  result.requested = await answerRequests(deps, modelKey);
  result.backfilled = await backfill(deps, modelKey);
  return result;
}

/**
 * One step of changes: withdrawn papers' lists dropped, changed papers' and their neighbours' lists
 * stored. `ready`: the revision every list now reflects (the index may be behind the log, a paper's
 * vector may not be loaded yet); undefined when the workers hold another model's vectors.
 */
async function applyChanges(deps: SimilarJobDeps, modelKey: string, changes: ChangedForSimilar[]) {
  const { db } = deps.database;
  const latest = [...new Map(changes.map((c) => [c.paperId, c])).values()];
  const gone = latest.filter((c) => c.isWithdrawn).map((c) => c.paperId);
  await deleteSimilarLists(db, gone);
  const stale = latest.filter((c) => !c.isWithdrawn && needsList(c, modelKey));
  const changed = stale.map((c) => ({ id: c.paperId, title: c.title, abstract: c.abstract }));
  const computed = await computeLists(deps, changed, modelKey);
  if (!computed) return undefined;
  const isNewText = new Set(
    stale.filter((c) => c.stored?.textHash !== similarTextHash(c)).map((c) => c.paperId),
  );
  const own = new Set(changed.map((p) => p.id));
  const neighbourIds = new Set(
    computed.lists
      .filter((l) => isNewText.has(l.paperId))
      .flatMap((l) => l.papers.slice(0, NEIGHBOURS_REFRESHED).map((p) => p.id))
      .filter((id) => !own.has(id)),
  );
  const neighbours = (await getEmbeddablePapers(db, [...neighbourIds])).filter((p) => !p.isWithdrawn);
  const around = await computeLists(deps, neighbours, modelKey);
  if (!around) return undefined;
  await store(deps, changed, computed.lists);
  await store(deps, neighbours, around.lists);
  // A list computed without the paper's own vector (not loaded by the workers yet) is redone next run.
  const withoutVector = new Set(computed.lists.filter((l) => l.modelKey === null).map((l) => l.paperId));
  const unready = modelKey === '' ? undefined : stale.find((c) => withoutVector.has(c.paperId));
  const lastRevision = (changes.at(-1) as ChangedForSimilar).revision;
  const ready = Math.min(
    lastRevision,
    computed.revision,
    around.revision,
    (unready?.revision ?? Infinity) - 1,
  );
  return { ready, computed: computed.lists.length + around.lists.length, removed: gone.length };
}

/** Requested papers answered per run: a crawler opening every page must not hold the lease for long. */
const REQUESTS_PER_RUN = 512;

/** Lists for the papers readers opened without one, oldest request first; their requests removed. */
async function answerRequests(deps: SimilarJobDeps, modelKey: string): Promise<number> {
  const { db } = deps.database;
  let done = 0;
  while (done < REQUESTS_PER_RUN && !deps.signal?.aborted) {
    const requested = await listSimilarRequests(db, Math.min(64, REQUESTS_PER_RUN - done));
    if (requested.length === 0) break;
    const papers = requested.filter((p) => !p.isWithdrawn);
    const computed = await computeLists(deps, papers, modelKey);
    if (!computed) break;
    await store(deps, papers, computed.lists);
    await deleteSimilarRequests(
      db,
      requested.map((p) => p.id),
    );
    done += papers.length;
  }
  return done;
}

/** Lists for up to backfillPerRun papers without one of this model, newest first, from where the walk stopped. */
async function backfill(deps: SimilarJobDeps, modelKey: string): Promise<number> {
  const { db } = deps.database;
  const saved = await getSimilarBackfill(db);
  // Another model (or none before): every list is to be redone, from the newest paper down.
  let beforeId = saved?.modelKey === modelKey ? saved.beforeId : await paperIdCeiling(db);
  const perRun = deps.backfillPerRun ?? 1000;
  // Bounded in time too: at a million papers a list costs ~0.1 s, and the lease lasts one interval.
  const deadline = performance.now() + (deps.backfillMs ?? 20_000);
  let done = 0;
  while (beforeId > 0 && done < perRun && performance.now() < deadline && !deps.signal?.aborted) {
    const papers = await listPapersNeedingSimilar(db, modelKey, beforeId, Math.min(64, perRun - done));
    const computed = await computeLists(deps, papers, modelKey);
    if (!computed) break;
    await store(deps, papers, computed.lists);
    done += papers.length;
    beforeId = papers.length === 0 ? 0 : (papers.at(-1) as Paper).id;
    await setSimilarBackfill(db, { modelKey, beforeId }, deps.now());
  }
  if (!saved || saved.modelKey !== modelKey) await setSimilarBackfill(db, { modelKey, beforeId }, deps.now());
  return done;
}
