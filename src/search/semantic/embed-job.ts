// Keeps paper vectors in the database in step with the papers: follows the change log past the
// model's cursor, embeds changed papers (title + abstract) in batches and writes their vectors
// (withdrawn papers: tombstones) together with the new cursor in one transaction. `reembedAll` builds
// a new model's vectors beside the active ones and activates it atomically. Called by the recurring
// job (jobs/recurring-jobs.ts) and, later, `paperboard reindex`.

import { setImmediate } from 'node:timers/promises';
import type { DatabaseHandle } from '../../db/connection.js';
import { AppError } from '../../lib/errors.js';
import type { Logger } from '../../lib/logger.js';
import { latestRevision, listChangesSince } from '../../store/changes.js';
import {
  activateModel,
  type EmbeddablePaper,
  type EmbeddingModel,
  getActiveModel,
  getEmbeddablePapers,
  getEmbeddingCursor,
  inVectorTransaction,
  listPapersNeedingVectors,
  type NewEmbeddingModel,
  removeVectors,
  saveModel,
  setEmbeddingCursor,
  upsertVectors,
} from '../../store/embeddings.js';
import { releaseLease, tryAcquireLease } from '../../store/job-leases.js';
import type { Embedder } from './embedder.js';

/** Packs unit-length vectors for storage (the int8 codec, vector-codec.ts) and unpacks them for the index. */
export interface VectorCodec {
  encode(vector: Float32Array): Uint8Array;
  /** Writes the stored vector's int8 components into `row` (length = dims) and returns its scale. */
  decodeInto(bytes: Uint8Array, row: Int8Array): number;
}

export interface EmbedJobDeps {
  database: DatabaseHandle;
  log: Logger;
  now(): Date;
  codec: VectorCodec;
  /** The embedder of a stored model: the LSA model from its bytes, or the external provider. */
  embedderFor(model: EmbeddingModel): Embedder | Promise<Embedder>;
  /** Documents per embedDocuments call (EMBEDDINGS_BATCH_SIZE for the external provider). */
  batchSize?: number;
  signal?: AbortSignal;
}

export interface EmbedResult {
  modelKey: string;
  /** Change-log entries applied (embedChanges) or papers scanned (reembedAll). */
  applied: number;
  embedded: number;
  removed: number;
  /** The model's change-log cursor afterwards. */
  revision: number;
}

const CHANGES_PER_STEP = 1000;
const PAPERS_PER_STEP = 512;
export const REEMBED_LEASE = 'embeddings-reembed';

/**
 * Applies every change after the model's cursor (default: the active model's). Undefined when there
 * is no active model, so the recurring job is inert until one is trained or configured.
 */
export async function embedChanges(
  deps: EmbedJobDeps,
  model?: EmbeddingModel,
): Promise<EmbedResult | undefined> {
  const target = model ?? (await getActiveModel(deps.database.db));
  if (!target) return undefined;
  const embedder = await embedderOf(deps, target);
  const result: EmbedResult = { modelKey: target.modelKey, applied: 0, embedded: 0, removed: 0, revision: 0 };
  let cursor = (await getEmbeddingCursor(deps.database.db, target.id)) ?? 0;
  for (;;) {
    result.revision = cursor;
    if (deps.signal?.aborted) return result;
    // A turn of the event loop per step: on SQLite (synchronous) embedding the papers that arrived
    // while serve was down would otherwise hold every request until the last step (28 s at 74,000).
    await setImmediate();
    const changes = await listChangesSince(deps.database.db, cursor, CHANGES_PER_STEP);
    const last = changes.at(-1);
    if (!last) return result;
    const ids = [...new Set(changes.map((c) => c.paperId))];
    const papers = (await getEmbeddablePapers(deps.database.db, ids)).filter((p) => !p.isWithdrawn);
    const live = new Set(papers.map((p) => p.id));
    // Embedding (maybe an HTTP call) happens outside the transaction; only the writes hold it.
    const vectors = await embedPapers(deps, embedder, papers);
    const from = cursor;
    result.removed += await inVectorTransaction(deps.database, async (trx) => {
      // The lease makes this job exclusive; this check makes a second writer fail rather than interleave.
      if (((await getEmbeddingCursor(trx, target.id)) ?? 0) !== from) {
        throw new AppError(
          'conflict',
          `embedding cursor of ${target.modelKey} moved: another writer is running`,
        );
      }
      await upsertVectors(trx, deps.database.dialect, target.id, vectors);
      const removed = await removeVectors(
        trx,
        deps.database.dialect,
        target.id,
        ids.filter((id) => !live.has(id)),
      );
      await setEmbeddingCursor(trx, target.id, last.revision, deps.now());
      return removed;
    });
    cursor = last.revision;
    result.applied += changes.length;
    result.embedded += vectors.length;
  }
}

/**
 * Builds vectors for a new model while the current one stays active, then activates it atomically.
 * Resumable: the model row, its cursor (the change-log revision when the build began) and the vectors
 * written so far survive a crash, and the next call embeds only the papers still missing, follows the
 * changes made since the build began, and activates. Exclusive across instances through a lease.
 */
export async function reembedAll(
  deps: EmbedJobDeps,
  model: NewEmbeddingModel,
  lease: { owner: string; ttlMs: number } = { owner: `reembed-${process.pid}`, ttlMs: 6 * 3_600_000 },
): Promise<EmbedResult & { isActivated: boolean }> {
  const { database } = deps;
  if (!(await tryAcquireLease(database.db, REEMBED_LEASE, lease.owner, deps.now(), lease.ttlMs))) {
    throw new AppError('conflict', 'another instance is re-embedding papers');
  }
  try {
    const saved = await saveModel(database.db, model, deps.now());
    if (saved.state === 'retired') {
      throw new AppError('conflict', `model ${saved.modelKey} was retired; train or configure a new one`);
    }
    const embedder = await embedderOf(deps, saved);
    if ((await getEmbeddingCursor(database.db, saved.id)) === undefined) {
      // Read before scanning: whatever changes during the scan is at a later revision and followed below.
      await setEmbeddingCursor(database.db, saved.id, await latestRevision(database.db), deps.now());
    }
    const scanned = await embedMissing(deps, embedder, saved);
    const followed = await embedChanges(deps, saved);
    if (!followed || deps.signal?.aborted) return { ...scanned, isActivated: false };
    if (saved.state !== 'active') await activateModel(database, saved.id, deps.now());
    deps.log.info({ job: 'reembed', model: saved.modelKey, ...scanned }, 'embedding model activated');
    return {
      ...scanned,
      embedded: scanned.embedded + followed.embedded,
      removed: followed.removed,
      revision: followed.revision,
      isActivated: true,
    };
  } finally {
    await releaseLease(database.db, REEMBED_LEASE, lease.owner);
  }
}

/** Embeds every non-withdrawn paper that has no vector of this model yet, in id order. */
async function embedMissing(
  deps: EmbedJobDeps,
  embedder: Embedder,
  model: EmbeddingModel,
): Promise<EmbedResult> {
  const result: EmbedResult = { modelKey: model.modelKey, applied: 0, embedded: 0, removed: 0, revision: 0 };
  let afterId = 0;
  for (;;) {
    if (deps.signal?.aborted) return result;
    const papers = await listPapersNeedingVectors(deps.database.db, model.id, afterId, PAPERS_PER_STEP);
    const last = papers.at(-1);
    if (!last) return result;
    const vectors = await embedPapers(deps, embedder, papers);
    await inVectorTransaction(deps.database, (trx) =>
      upsertVectors(trx, deps.database.dialect, model.id, vectors),
    );
    afterId = last.id;
    result.applied += papers.length;
    result.embedded += vectors.length;
  }
}

async function embedderOf(deps: EmbedJobDeps, model: EmbeddingModel): Promise<Embedder> {
  const embedder = await deps.embedderFor(model);
  if (embedder.modelKey !== model.modelKey || embedder.dims !== model.dims) {
    throw new Error(
      `embedder ${embedder.modelKey} (${embedder.dims} dims) does not match stored model ${model.modelKey} (${model.dims} dims)`,
    );
  }
  return embedder;
}

async function embedPapers(deps: EmbedJobDeps, embedder: Embedder, papers: EmbeddablePaper[]) {
  const batchSize = deps.batchSize ?? 64;
  const writes: { paperId: number; vector: Uint8Array }[] = [];
  for (let start = 0; start < papers.length; start += batchSize) {
    const batch = papers.slice(start, start + batchSize);
    const vectors = await embedder.embedDocuments(
      batch.map((p) => ({ title: p.title, abstract: p.abstract })),
    );
    if (vectors.length !== batch.length) {
      throw new Error(
        `${embedder.modelKey} returned ${vectors.length} vectors for ${batch.length} documents`,
      );
    }
    batch.forEach((paper, i) => {
      const vector = vectors[i] as Float32Array;
      if (vector.length !== embedder.dims) {
        throw new Error(
          `${embedder.modelKey} returned a ${vector.length}-dim vector (expected ${embedder.dims})`,
        );
      }
      writes.push({ paperId: paper.id, vector: deps.codec.encode(vector) });
    });
  }
  return writes;
}
