// Retrains the reader models whose signals changed since they were trained (or that were trained
// over another embedding model's vectors), oldest change first, a bounded batch per run, so that
// "For you" pages and digests mostly find a current model instead of training on request. Exclusive:
// the scheduler's lease runs it on one instance at a time.

import { setImmediate } from 'node:timers/promises';
import type { DatabaseHandle } from '../db/connection.js';
import type { Logger } from '../lib/logger.js';
import { trainAndStoreReaderModel } from '../recs/reader-training.js';
import { getActiveModel } from '../store/embeddings.js';
import { listStaleReaders } from '../store/reader-models.js';
import type { RecurringJob } from './scheduler.js';

/**
 * Readers retrained per run: at 0.15–0.3 s each (measured by `npm run eval:recs` on shared cores) a run
 * stays under a minute, its interval.
 */
export const READERS_PER_RUN = 100;

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
  options: { limit?: number; signal?: AbortSignal } = {},
): Promise<RetrainResult> {
  const limit = options.limit ?? READERS_PER_RUN;
  const active = await getActiveModel(deps.database.db);
  const stale = await listStaleReaders(deps.database.db, { modelKey: active?.modelKey ?? null, limit });
  let retrained = 0;
  for (const userId of stale) {
    if (options.signal?.aborted) break;
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
  return { retrained, isMore: stale.length === limit };
}

export function readerModelsJob(deps: ReaderModelsDeps, intervalMs = 60_000): RecurringJob {
  return {
    name: 'reader-models',
    intervalMs,
    isExclusive: true,
    async run(signal) {
      const result = await retrainStaleReaders(deps, { signal });
      return result.retrained > 0 ? result : undefined;
    },
  };
}
