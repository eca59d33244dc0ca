// Retrains the reader models whose signals changed since they were trained (or that were trained
// over another embedding model's vectors): the readers a request asked for first (requests never
// train, recs/recommend.ts), then oldest change first; a bounded batch per run that ends well inside
// the scheduler's lease, so with several instances on one PostgreSQL each model is trained once.

import { setImmediate } from 'node:timers/promises';
import type { DatabaseHandle } from '../db/connection.js';
import type { Logger } from '../lib/logger.js';
import { trainAndStoreReaderModel } from '../recs/reader-training.js';
import { getActiveModel } from '../store/embeddings.js';
import { listStaleReaders } from '../store/reader-models.js';
import type { RecurringJob } from './scheduler.js';

/** Readers retrained per run at most (the time budget below usually ends a run first). */
export const READERS_PER_RUN = 100;
/**
 * How often the job looks: a reader who changed their signals sees the new model within about this
 * (plus the training queue ahead of them). An idle run is two indexed queries and a lease write.
 */
export const READER_MODELS_INTERVAL_MS = 15_000;
/**
 * Share of the interval a run may spend before it stops taking readers: the lease lasts one interval,
 * and a run that outlived it could meet another instance's run training the same readers.
 */
const RUN_BUDGET_SHARE = 0.5;

export interface ReaderModelsDeps {
  database: DatabaseHandle;
  log: Logger;
  now(): Date;
}

export interface RetrainResult {
  retrained: number;
  /** Stale readers left for the next run (the batch was full). */
  isMore: boolean;
}

export async function retrainStaleReaders(
  deps: ReaderModelsDeps,
  options: { limit?: number; signal?: AbortSignal; budgetMs?: number } = {},
): Promise<RetrainResult> {
  const limit = options.limit ?? READERS_PER_RUN;
  const deadline = performance.now() + (options.budgetMs ?? Number.POSITIVE_INFINITY);
  const active = await getActiveModel(deps.database.db);
  const stale = await listStaleReaders(deps.database.db, { modelKey: active?.modelKey ?? null, limit });
  let retrained = 0;
  for (const userId of stale) {
    if (options.signal?.aborted || performance.now() > deadline) break;
    // Training is synchronous work on the serving thread: let waiting requests in between readers.
    await setImmediate();
    const started = performance.now();
    const trained = await trainAndStoreReaderModel(deps.database.db, userId, deps.now(), active ?? null);
    retrained += 1;
    deps.log.debug(
      {
        job: 'reader-models',
        user_id: userId,
        positives: trained?.model.trainedOn.positives ?? 0,
        duration_ms: Math.round(performance.now() - started),
      },
      'reader model retrained',
    );
  }
  return { retrained, isMore: stale.length === limit || retrained < stale.length };
}

export function readerModelsJob(
  deps: ReaderModelsDeps,
  intervalMs = READER_MODELS_INTERVAL_MS,
): RecurringJob {
  return {
    name: 'reader-models',
    intervalMs,
    isExclusive: true,
    async run(signal) {
      const result = await retrainStaleReaders(deps, { signal, budgetMs: intervalMs * RUN_BUDGET_SHARE });
      return result.retrained > 0 ? result : undefined;
    },
  };
}
