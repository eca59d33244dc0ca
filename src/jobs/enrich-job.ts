// The recurring category enrichment in `serve` (ingest/enrich-arxiv.ts): exclusive, so with several
// instances on one PostgreSQL only the lease holder asks arXiv; each run does a bounded number of
// id_list batches and starts none after half its interval, so it ends well within its lease.
import type { Config } from '../config/config.js';
import {
  ENRICH_BATCH_SIZE,
  ENRICH_JOB,
  type EnrichDeps,
  enrichFromArxiv,
  type IdLookupClient,
} from '../ingest/enrich-arxiv.js';
import type { RecurringJob } from './scheduler.js';

export function enrichJob(
  client: IdLookupClient,
  deps: Omit<EnrichDeps, 'signal'>,
  config: Pick<Config, 'enrichIntervalMinutes' | 'enrichBatchesPerRun'>,
): RecurringJob {
  const intervalMs = config.enrichIntervalMinutes * 60_000;
  return {
    name: ENRICH_JOB,
    intervalMs,
    isExclusive: true,
    async run(signal) {
      const totals = await enrichFromArxiv(
        client,
        { ...deps, signal },
        { maxPapers: config.enrichBatchesPerRun * ENRICH_BATCH_SIZE, stopAfterMs: intervalMs / 2 },
      );
      // Quiet when there was nothing to look up (the scheduler logs undefined at debug level).
      return totals.requested > 0 ? totals : undefined;
    },
  };
}
