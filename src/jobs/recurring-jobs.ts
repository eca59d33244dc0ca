// The recurring jobs `serve` runs, declared as data: the arXiv ingest (exclusive: one instance per
// interval), digest sending (shared: every instance claims its own digests from the outbox), a
// daily clean-up of old outbox rows and run records, the embedding of changed papers (exclusive;
// inert until an embedding model is active) and the stored similar papers (exclusive). Each is also a
// CLI command for cron.

import type { Config } from '../config/config.js';
import type { DatabaseHandle } from '../db/connection.js';
import { digestIdentity, digestPolicy, runDigests } from '../digest/digest-run.js';
import type { Logger } from '../lib/logger.js';
import type { SmtpPool } from '../mail/smtp-pool.js';
import type { EmbeddingRun } from '../search/semantic/semantic-models.js';
import { refreshSimilar, type SimilarJobDeps } from '../search/similar-job.js';
import { pruneOutbox } from '../store/digest-outbox.js';
import { pruneRuns } from '../store/digest-runs.js';
import type { RecurringJob } from './scheduler.js';

/** Outbox rows are the "already shown" memory (60 days) and the audit trail; kept a while longer. */
export const OUTBOX_RETENTION_DAYS = 90;
export const RUN_RETENTION_DAYS = 180;

export interface DigestJobDeps {
  config: Config;
  database: DatabaseHandle;
  log: Logger;
  now(): Date;
  pool: SmtpPool;
}

/** Enqueues the digests that have come due and sends them; returns the counts when it did anything. */
export function digestJob(deps: DigestJobDeps): RecurringJob {
  return {
    name: 'digests',
    intervalMs: deps.config.digestIntervalSeconds * 1000,
    isExclusive: false,
    async run(signal) {
      const result = await runDigests(
        {
          database: deps.database,
          log: deps.log,
          now: deps.now,
          identity: digestIdentity(deps.config),
          policy: digestPolicy(deps.config),
        },
        { mode: 'due' },
        { pool: deps.pool, signal },
      );
      return result.runId === undefined ? undefined : result;
    },
  };
}

export function digestCleanupJob(deps: Omit<DigestJobDeps, 'pool' | 'config'>): RecurringJob {
  return {
    name: 'digest-cleanup',
    intervalMs: 24 * 3_600_000,
    async run() {
      const now = deps.now().getTime();
      const outbox = await pruneOutbox(deps.database.db, new Date(now - OUTBOX_RETENTION_DAYS * 86_400_000));
      const runs = await pruneRuns(deps.database.db, new Date(now - RUN_RETENTION_DAYS * 86_400_000));
      return outbox + runs > 0 ? { outbox_rows: outbox, runs } : undefined;
    },
  };
}

/**
 * Embeds papers changed since the active model's cursor and writes their vectors to the database
 * (once for all instances: exclusive, under the scheduler's lease). `embed` does one run — serve's
 * trains or registers the configured model first when none is active, on a worker thread
 * (search/semantic/embedding-thread.ts).
 */
export function embeddingJob(
  embed: (signal: AbortSignal) => Promise<EmbeddingRun>,
  intervalMs = 60_000,
): RecurringJob {
  return {
    name: 'embeddings',
    intervalMs,
    isExclusive: true,
    async run(signal) {
      const { ensured, result } = await embed(signal);
      if (ensured === 'activated') return { model: 'activated', ...result };
      return result && result.applied > 0 ? result : undefined;
    },
  };
}

/**
 * Keeps the stored similar papers current (search/similar-job.ts): changed papers and their
 * neighbours, then a bounded backfill (new install, old papers, a new embedding model). Exclusive.
 */
export function similarPapersJob(deps: Omit<SimilarJobDeps, 'signal'>, intervalMs = 60_000): RecurringJob {
  return {
    name: 'similar-papers',
    intervalMs,
    isExclusive: true,
    async run(signal) {
      const result = await refreshSimilar({ ...deps, signal });
      return result.computed + result.removed + result.requested + result.backfilled > 0 ||
        result.isWaitingForVectors
        ? result
        : undefined;
    },
  };
}
