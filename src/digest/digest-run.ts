// One digest run, as the recurring job or `paperboard digest send` asks for it, and the map of the
// path every digest takes (each step's file; store/ holds all the SQL, digest/ none):
//
//   enqueue  store/digest-enqueue.ts     enqueueDueDigests / enqueueCurrentPeriod: one outbox row
//                                        per subscriber and period (unique: a rerun adds nothing)
//   claim    digest/claim.ts             ClaimFeed over SenderOutbox.claim (store/digest-marks.ts,
//                                        SQL in store/digest-outbox.ts): a batch of due rows with
//                                        their subscribers and the papers they were shown already
//   compose  digest/compose.ts           composeDigest: which papers, over the window's papers
//                                        (digest/period-papers.ts, read once per run)
//   render   digest/render.ts            DigestRenderer: HTML and plain text
//   MIME     digest/mime.ts              buildMime: the message, its Message-ID and List-* headers
//   send     digest/send.ts              sendDigests: lanes over the SMTP pool (mail/smtp-pool.ts)
//   mark     store/digest-dot-marks.ts   DotMarks: `committing` before the dot, `sent` after it;
//            store/digest-marks.ts       retries, endings, bounces, crash recovery
//
// digest/pipeline.ts holds what compose, render and MIME share across one run (DigestPipeline);
// digest/preview.ts runs compose and render alone (`digest preview`, `digest send --dry-run`).
// This module enqueues, sends everything due, and records the run's counts — composed, sent,
// skipped empty, retried, bounced, failed, uncertain — in digest_runs and one log line.

import { hostname } from 'node:os';
import type { Config } from '../config/config.js';
import type { DatabaseHandle } from '../db/connection.js';
import type { DigestFrequency } from '../db/schema.js';
import type { Logger } from '../lib/logger.js';
import type { SmtpPool } from '../mail/smtp-pool.js';
import {
  activeSubscribers,
  enqueueCurrentPeriod,
  enqueueDueDigests,
  type SubscriberSelection,
} from '../store/digest-enqueue.js';
import { countClaimable } from '../store/digest-outbox.js';
import { type DigestRunCounts, emptyRunCounts, startRun, updateRun } from '../store/digest-runs.js';
import { findSubscriberByEmail } from '../store/subscribers.js';
import { type DigestIdentity, DigestPipeline } from './pipeline.js';
import { previewDigests } from './preview.js';
import { type SendPolicy, sendDigests } from './send.js';

/** Who digests are from and how unsubscribing by mail works, from the configuration. */
export function digestIdentity(config: Config): DigestIdentity {
  return {
    siteName: config.siteName,
    baseUrl: config.baseUrl,
    mailFrom: config.mailFrom,
    unsubscribeMailto: config.digestUnsubscribeMailto,
  };
}

export function digestPolicy(config: Config): SendPolicy & { leaseMs: number } {
  return {
    maxAttempts: config.digestMaxAttempts,
    bounceLimit: config.digestBounceLimit,
    retryBaseMs: config.digestRetrySeconds * 1000,
    leaseMs: config.digestLeaseSeconds * 1000,
  };
}

export interface DigestRunDeps {
  database: DatabaseHandle;
  log: Logger;
  now(): Date;
  identity: DigestIdentity;
  policy: SendPolicy & { leaseMs?: number };
}

export type DigestRunRequest =
  /** The recurring job: digests whose subscriber's send time has come. */
  | { mode: 'due' }
  /** An operator's run: the current period (or `day`'s) of the selected subscribers, now. */
  | { mode: 'period'; selection: SubscriberSelection; day?: string };

export interface DigestRunResult extends DigestRunCounts {
  /** The run's row in digest_runs (absent when it found nothing to do). */
  runId?: number;
  durationMs: number;
}

/** Creates the run's row once there is something to record, and keeps it up to date. */
class RunRecord {
  private id: number | undefined;
  readonly counts = emptyRunCounts();

  constructor(
    private readonly deps: DigestRunDeps,
    private readonly frequency: DigestFrequency | null,
    private readonly isDryRun: boolean,
    private readonly startedAt: Date,
  ) {}

  get runId(): number | undefined {
    return this.id;
  }

  async save(isFinished = false): Promise<void> {
    const hasActivity = Object.values(this.counts).some((n) => n > 0);
    if (this.id === undefined) {
      if (!hasActivity) return;
      this.id = await startRun(this.deps.database.db, {
        frequency: this.frequency,
        instance: `${hostname()}:${process.pid}`,
        isDryRun: this.isDryRun,
        now: this.startedAt,
      });
    }
    await updateRun(this.deps.database.db, this.id, this.counts, isFinished ? this.deps.now() : undefined);
  }
}

export async function runDigests(
  deps: DigestRunDeps,
  request: DigestRunRequest,
  options: {
    pool?: SmtpPool;
    isDryRun?: boolean;
    signal?: AbortSignal;
    /** After enqueueing: how many digests are due now (a progress bar's total). */
    onStart?: (due: number) => void;
    /** After each batch, with the counts so far. */
    onProgress?: (counts: DigestRunCounts) => void;
  } = {},
): Promise<DigestRunResult> {
  const started = performance.now();
  const frequency = request.mode === 'period' ? (request.selection.frequency ?? null) : null;
  const record = new RunRecord(deps, frequency, options.isDryRun ?? false, deps.now());
  const pipeline = await DigestPipeline.create(deps.database, deps.identity, deps.now(), deps.log);
  try {
    if (options.isDryRun) {
      await composeOnly(deps, pipeline, request, record.counts);
    } else {
      const pool = options.pool;
      if (!pool) throw new Error('a digest run that sends needs an SMTP pool');
      if (request.mode === 'due') {
        record.counts.enqueued += await enqueueDueDigests(deps.database, deps.now());
      } else {
        const enqueued = await enqueueCurrentPeriod(deps.database, {
          ...request.selection,
          now: deps.now(),
          ...(request.day ? { day: request.day } : {}),
        });
        record.counts.enqueued += enqueued.inserted;
      }
      options.onStart?.(await countClaimable(deps.database.db, deps.now()));
      const only =
        request.mode === 'period' && request.selection.email
          ? await findSubscriberByEmail(deps.database.db, request.selection.email)
          : undefined;
      await sendDigests({
        database: deps.database,
        pipeline,
        pool,
        log: deps.log,
        now: deps.now,
        policy: deps.policy,
        counts: record.counts,
        ...(deps.policy.leaseMs ? { leaseMs: deps.policy.leaseMs } : {}),
        onProgress: async () => {
          options.onProgress?.(record.counts);
          await record.save();
        },
        ...(options.signal ? { signal: options.signal } : {}),
        ...(only ? { subscriberId: only.id } : {}),
      });
    }
    await record.save(true);
  } finally {
    await pipeline.close();
  }
  const result: DigestRunResult = {
    ...record.counts,
    ...(record.runId !== undefined ? { runId: record.runId } : {}),
    durationMs: Math.round(performance.now() - started),
  };
  if (record.runId !== undefined) {
    deps.log.info(
      {
        job: 'digest',
        run_id: record.runId,
        dry_run: options.isDryRun ?? false,
        enqueued: result.enqueued,
        composed: result.composed,
        sent: result.sent,
        skipped_empty: result.skippedEmpty,
        retried: result.retried,
        bounced: result.bounced,
        failed: result.failed,
        uncertain: result.uncertain,
        duration_ms: result.durationMs,
      },
      'digest run done',
    );
  }
  return result;
}

/** `--dry-run`: what the run would send to each selected subscriber, counted, without writes. */
async function composeOnly(
  deps: DigestRunDeps,
  pipeline: DigestPipeline,
  request: DigestRunRequest,
  counts: DigestRunCounts,
): Promise<void> {
  const selection = request.mode === 'period' ? request.selection : {};
  const day = request.mode === 'period' ? request.day : undefined;
  for await (const page of activeSubscribers(deps.database, selection)) {
    for (const { digest } of await previewDigests(deps.database, pipeline, page, {
      day,
      now: deps.now(),
    })) {
      if (digest) counts.composed++;
      else counts.skippedEmpty++;
    }
  }
}
