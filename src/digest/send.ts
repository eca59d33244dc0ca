// The send step, and the claim → compose → render → MIME → send → mark path of each digest in it:
// claims due digests in batches (claim.ts), composes, renders and builds each message (pipeline.ts),
// hands it to the SMTP pool, and marks it `committing` before the message's final dot and `sent`
// after (store/digest-dot-marks.ts; store/digest-outbox.ts says what a crash leaves). Transient
// failures are retried with backoff; permanent ones count towards marking the address bouncing.
// Several senders (processes, instances) can run at once: claims are disjoint.

import { randomUUID } from 'node:crypto';
import type { DatabaseHandle } from '../db/connection.js';
import type { Logger } from '../lib/logger.js';
import type { SendOutcome, SmtpPool } from '../mail/smtp-pool.js';
import { type ClaimedWithHistory, SenderOutbox } from '../store/digest-marks.js';
import type { DigestRunCounts } from '../store/digest-runs.js';
import { ClaimFeed } from './claim.js';
import { digestPaperIds } from './compose.js';
import type { DigestPipeline } from './pipeline.js';

export interface SendPolicy {
  /** Transient failures (4xx, lost connections) before a digest is given up. */
  maxAttempts: number;
  /** Permanent failures (5xx) in a row before an address is marked bouncing. */
  bounceLimit: number;
  /** First retry delay; doubles per attempt, at most six hours. */
  retryBaseMs: number;
}

export interface SendOptions {
  database: DatabaseHandle;
  pipeline: DigestPipeline;
  pool: SmtpPool;
  log: Logger;
  now(): Date;
  policy: SendPolicy;
  counts: DigestRunCounts;
  /** Called after each batch (the run record is updated from it). */
  onProgress?: () => Promise<void>;
  signal?: AbortSignal;
  /** Only this subscriber's digests (`digest send --to`). */
  subscriberId?: number;
  batchSize?: number;
  /** How long a claim holds; a sender that dies frees its claims after this. */
  leaseMs?: number;
}

const MAX_RETRY_DELAY_MS = 6 * 3_600_000;
export const DEFAULT_LEASE_MS = 10 * 60_000;

export function retryDelayMs(policy: SendPolicy, attempt: number): number {
  return Math.min(policy.retryBaseMs * 2 ** Math.max(0, attempt - 1), MAX_RETRY_DELAY_MS);
}

/** What every lane of one sending run shares. */
interface SendingRun {
  options: SendOptions;
  /** The store, under this run's claim token. */
  outbox: SenderOutbox;
  /** Stops claiming and releases what is queued. */
  stop(retryAt: Date): Promise<void>;
  isStopped: boolean;
}

/** Sends every digest that is due now; resolves when none is left to claim (or on abort). */
export async function sendDigests(options: SendOptions): Promise<void> {
  const { log, policy } = options;
  const batchSize = options.batchSize ?? 200;
  const outbox = new SenderOutbox(options.database, {
    claimToken: randomUUID(),
    leaseMs: options.leaseMs ?? DEFAULT_LEASE_MS,
    now: options.now,
  });
  await requeueUncertain(options, outbox);

  const feed = new ClaimFeed(async () => {
    if (options.signal?.aborted) return [];
    await options.onProgress?.();
    const batch = await outbox.claim(batchSize, options.subscriberId);
    // "Recommended for you" reads the batch's accounts in a few statements, not a few per digest.
    options.pipeline.prefetchReaders(
      batch.flatMap((d) => (d.subscriber.userId == null ? [] : [d.subscriber.userId])),
    );
    return batch;
  }, batchSize / 2);
  const run: SendingRun = {
    options,
    outbox,
    isStopped: false,
    // Hands back what is queued, to go out at `retryAt` (not counted as an attempt).
    stop: (retryAt) =>
      outbox.release(
        feed.stop().map((digest) => digest.id),
        retryAt,
      ),
  };
  const onAbort = () => {
    run.isStopped = true;
    // Digests on the wire finish; those only queued wait for the next run, not for their lease.
    run
      .stop(options.now())
      .catch((error: unknown) => log.error({ err: error }, 'could not hand back queued digests'));
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });

  // Twice the connections: one digest composes while another is on the wire.
  const lanes = Array.from({ length: options.pool.size * 2 }, async () => {
    for (let digest = await feed.next(); digest; digest = await feed.next()) {
      try {
        await sendOne(run, digest);
      } catch (error) {
        // One digest's failure (a database hiccup, a bug) is logged and retried; the run goes on.
        log.error({ err: error, outbox_id: digest.id }, 'digest failed; it will be tried again');
        const retryAt = new Date(options.now().getTime() + retryDelayMs(policy, digest.attempts));
        await outbox.markRetry(digest.id, String(error), retryAt).catch(() => undefined);
      }
    }
  });
  // If claiming itself fails, every lane stops before the run's resources are closed.
  const settled = await Promise.allSettled(lanes);
  options.signal?.removeEventListener('abort', onAbort);
  await options.onProgress?.();
  const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failure) {
    await run.stop(options.now()).catch(() => undefined);
    throw failure.reason;
  }
}

/** Digests a dead sender left at their dot go out again (same Message-ID), or are given up. */
async function requeueUncertain(options: SendOptions, outbox: SenderOutbox): Promise<void> {
  const { counts, log } = options;
  for (const row of await outbox.requeueUncertain(options.policy.maxAttempts)) {
    const fields = {
      outbox_id: row.id,
      subscriber_id: row.subscriberId,
      period: row.periodKey,
      message_id: row.messageId,
    };
    if (row.isGivenUp) {
      counts.failed++;
      log.error(fields, 'digest given up: the end of its message was never confirmed, attempt after attempt');
    } else {
      counts.uncertain++;
      log.warn(
        fields,
        'a sender stopped right at the end of this digest, so whether it arrived is unknown: sending it again with the same Message-ID',
      );
    }
  }
}

/** One claimed digest: compose → render → MIME → send (with the marks around its dot). */
async function sendOne(run: SendingRun, digest: ClaimedWithHistory): Promise<void> {
  const { options, outbox } = run;
  const { pipeline, log, counts } = options;
  const subscriber = digest.subscriber;
  if (subscriber.status !== 'active') {
    await outbox.markFinished(digest.id, 'cancelled', `subscriber is ${subscriber.status}`);
    return;
  }
  const content = await pipeline.compose(subscriber, digest, digest.alreadyShown);
  if (!content) {
    counts.skippedEmpty++;
    await outbox.markFinished(digest.id, 'skipped');
    return;
  }
  counts.composed++;
  const rendered = pipeline.render(content, subscriber, digest);
  const { messageId, raw } = pipeline.mime(rendered, subscriber, digest, options.now());
  const outcome = await options.pool.send({
    from: pipeline.envelopeFrom,
    to: subscriber.email,
    raw,
    commit: (writeDot) =>
      outbox.markAroundDot({ id: digest.id, messageId, paperIds: digestPaperIds(content) }, writeDot),
  });
  await settle(run, digest, outcome);
  const fields = {
    outbox_id: digest.id,
    subscriber_id: subscriber.id,
    period: digest.periodKey,
    attempt: digest.attempts,
  };
  if (outcome.ok) log.debug({ ...fields, message_id: messageId }, 'digest sent');
  else
    log.info({ ...fields, kind: outcome.kind, smtp: outcome.message.slice(0, 300) }, 'digest not delivered');
}

/** What the SMTP outcome means for the digest (its mark was written at the dot when it went out). */
async function settle(run: SendingRun, digest: ClaimedWithHistory, outcome: SendOutcome) {
  const { options, outbox } = run;
  const { counts, policy } = options;
  if (outcome.ok) {
    counts.sent++;
    if (digest.subscriber.bounceCount > 0) await outbox.clearBounces(digest.subscriberId);
    return;
  }
  if (outcome.kind === 'abandoned') {
    // Our claim lapsed and another sender holds the digest now: it is theirs to send.
    counts.composed--;
    return;
  }
  const retryAt = new Date(options.now().getTime() + retryDelayMs(policy, digest.attempts));
  if (outcome.kind === 'server') {
    // The server refuses us, not this reader (sign-in, TLS, our sender address): every digest would
    // fail alike, so this run stops, hands back what it holds, and nobody is counted as bouncing.
    if (!run.isStopped) {
      run.isStopped = true;
      options.log.error(
        { smtp: outcome.message },
        'the SMTP server refuses this sender: digests wait for the next run',
      );
      await run.stop(retryAt);
    }
    await outbox.release([digest.id], retryAt);
    counts.composed--;
    return;
  }
  if (outcome.isInDoubt && digest.attempts < policy.maxAttempts) {
    // The dot went out and the connection died without a verdict: like a crash at that moment, it
    // is sent again (same Message-ID) rather than perhaps lost.
    counts.uncertain++;
    options.log.warn(
      { outbox_id: digest.id, smtp: outcome.message },
      'no reply after the end of the message: sending it again with the same Message-ID',
    );
    await outbox.markRetry(digest.id, outcome.message, retryAt);
    return;
  }
  if (outcome.kind === 'permanent') {
    if (await outbox.recordPermanentFailure(digest.subscriberId, policy.bounceLimit)) {
      counts.bounced++;
      await outbox.markFinished(digest.id, 'bounced', outcome.message);
      return;
    }
  } else if (digest.attempts >= policy.maxAttempts) {
    counts.failed++;
    options.log.error(
      {
        outbox_id: digest.id,
        subscriber_id: digest.subscriberId,
        attempts: digest.attempts,
        smtp: outcome.message,
      },
      'digest given up after repeated transient failures',
    );
    await outbox.markFinished(digest.id, 'failed', outcome.message);
    return;
  }
  counts.retried++;
  await outbox.markRetry(digest.id, outcome.message, retryAt);
}
