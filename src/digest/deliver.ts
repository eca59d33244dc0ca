// Sends what the outbox holds: claims due digests in batches, composes each (or skips it when it
// has nothing new), and hands it to the SMTP pool, marking it `committing` just before the
// message's final dot and `sent` just after (see store/digest-outbox.ts for what a crash leaves).
// Transient failures are retried with backoff; permanent ones count towards marking the address
// bouncing. Several senders (processes, instances) can run at once: claims are disjoint.

import { randomUUID } from 'node:crypto';
import type { DatabaseHandle } from '../db/connection.js';
import type { Logger } from '../lib/logger.js';
import type { SendOutcome, SmtpPool } from '../mail/smtp-pool.js';
import {
  clearBounces,
  DotMarks,
  markFinished,
  markRetry,
  recordPermanentFailure,
  releaseClaims,
  requeueUncertain,
} from '../store/digest-marks.js';
import { type ClaimedDigest, claimDigests, shownPaperIds } from '../store/digest-outbox.js';
import type { DigestRunCounts } from '../store/digest-runs.js';
import { ClaimFeed } from './claim-feed.js';
import { digestPaperIds } from './compose.js';
import { type DigestBuilder, SHOWN_MEMORY_DAYS } from './digest-builder.js';

export interface DeliveryPolicy {
  /** Transient failures (4xx, lost connections) before a digest is given up. */
  maxAttempts: number;
  /** Permanent failures (5xx) in a row before an address is marked bouncing. */
  bounceLimit: number;
  /** First retry delay; doubles per attempt, at most six hours. */
  retryBaseMs: number;
}

export interface DeliverOptions {
  database: DatabaseHandle;
  builder: DigestBuilder;
  pool: SmtpPool;
  log: Logger;
  now(): Date;
  policy: DeliveryPolicy;
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

export function retryDelayMs(policy: DeliveryPolicy, attempt: number): number {
  return Math.min(policy.retryBaseMs * 2 ** Math.max(0, attempt - 1), MAX_RETRY_DELAY_MS);
}

/** Sends every digest that is due now; resolves when none is left to claim (or on abort). */
export async function deliverDigests(options: DeliverOptions): Promise<void> {
  const { database, log, counts, policy } = options;
  const db = database.db;
  const token = randomUUID();
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const batchSize = options.batchSize ?? 200;

  for (const row of await requeueUncertain(db, options.now(), policy.maxAttempts)) {
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

  const feed = new ClaimFeed(async () => {
    if (options.signal?.aborted) return [];
    await options.onProgress?.();
    const claimed = await claimDigests(database, {
      token,
      limit: batchSize,
      leaseMs,
      now: options.now(),
      ...(options.subscriberId !== undefined ? { subscriberId: options.subscriberId } : {}),
    });
    const since = new Date(options.now().getTime() - SHOWN_MEMORY_DAYS * 86_400_000);
    const shown = await shownPaperIds(
      db,
      claimed.map((c) => c.subscriberId),
      since,
    );
    return claimed.map((digest) => ({ digest, shown: shown.get(digest.subscriberId) ?? new Set<number>() }));
  }, batchSize / 2);
  /** Stops claiming and hands back what is queued, to go out at `retryAt` (not counted as an attempt). */
  const stop = async (retryAt: Date) => {
    const ids = feed.stop().map((item) => item.digest.id);
    await releaseClaims(db, { claimToken: token, ids, retryAt, now: options.now() });
  };
  const marks = new DotMarks(database, { claimToken: token, leaseMs, now: options.now });
  const run: DeliveryRun = { token, marks, stop, isStopped: false };
  const onAbort = () => {
    run.isStopped = true;
    // Digests on the wire finish; those only queued wait for the next run, not for their lease.
    stop(options.now()).catch((error: unknown) =>
      log.error({ err: error }, 'could not hand back queued digests'),
    );
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });

  // Twice the connections: one digest composes while another is on the wire.
  const lanes = Array.from({ length: options.pool.size * 2 }, async () => {
    for (let item = await feed.next(); item; item = await feed.next()) {
      try {
        await sendOne(options, item.digest, run, item.shown);
      } catch (error) {
        // One digest's failure (a database hiccup, a bug) is logged and retried; the run goes on.
        log.error({ err: error, outbox_id: item.digest.id }, 'digest failed; it will be tried again');
        const retryAt = new Date(options.now().getTime() + retryDelayMs(policy, item.digest.attempts));
        await markRetry(db, {
          id: item.digest.id,
          claimToken: token,
          error: String(error),
          retryAt,
          now: options.now(),
        }).catch(() => undefined);
      }
    }
  });
  // If claiming itself fails, every lane stops before the run's resources are closed.
  const settled = await Promise.allSettled(lanes);
  options.signal?.removeEventListener('abort', onAbort);
  await options.onProgress?.();
  const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failure) {
    await stop(options.now()).catch(() => undefined);
    throw failure.reason;
  }
}

interface DeliveryRun {
  token: string;
  /** The marks around each dot, grouped across the lanes on PostgreSQL. */
  marks: DotMarks;
  /** Stops claiming and releases what is queued. */
  stop(retryAt: Date): Promise<void>;
  isStopped: boolean;
}

async function sendOne(
  options: DeliverOptions,
  digest: ClaimedDigest,
  run: DeliveryRun,
  alreadyShown: ReadonlySet<number>,
): Promise<void> {
  const { token } = run;
  const { database, builder, log, counts } = options;
  const db = database.db;
  const subscriber = digest.subscriber;
  const finish = (state: 'skipped' | 'failed' | 'bounced' | 'cancelled', error?: string) =>
    markFinished(db, {
      id: digest.id,
      claimToken: token,
      state,
      now: options.now(),
      ...(error ? { error } : {}),
    });

  if (subscriber.status !== 'active') {
    await finish('cancelled', `subscriber is ${subscriber.status}`);
    return;
  }
  const built = await builder.build(subscriber, digest, alreadyShown);
  if (!built) {
    counts.skippedEmpty++;
    await finish('skipped');
    return;
  }
  counts.composed++;
  const { messageId, raw } = builder.message(built, subscriber, digest, options.now());
  const outcome = await options.pool.send({
    from: builder.envelopeFrom,
    to: subscriber.email,
    raw,
    commit: (writeDot) =>
      run.marks.markAroundDot(
        { id: digest.id, messageId, paperIds: digestPaperIds(built.content) },
        writeDot,
      ),
  });
  await settle(options, digest, run, outcome);
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

async function settle(
  options: DeliverOptions,
  digest: ClaimedDigest,
  run: DeliveryRun,
  outcome: SendOutcome,
) {
  const { token } = run;
  const { database, counts, policy } = options;
  const db = database.db;
  const now = options.now();
  if (outcome.ok) {
    // Marked `sent` already, right after the dot.
    counts.sent++;
    if (digest.subscriber.bounceCount > 0) await clearBounces(db, digest.subscriberId, now);
    return;
  }
  if (outcome.kind === 'abandoned') {
    // Our claim lapsed and another sender holds the digest now: it is theirs to send.
    counts.composed--;
    return;
  }
  const retryAt = new Date(now.getTime() + retryDelayMs(policy, digest.attempts));
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
    await releaseClaims(db, { claimToken: token, ids: [digest.id], retryAt, now });
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
    await markRetry(db, { id: digest.id, claimToken: token, error: outcome.message, retryAt, now });
    return;
  }
  if (outcome.kind === 'permanent') {
    const isBouncing = await recordPermanentFailure(db, digest.subscriberId, policy.bounceLimit, now);
    if (isBouncing) {
      counts.bounced++;
      await markFinished(db, {
        id: digest.id,
        claimToken: token,
        state: 'bounced',
        error: outcome.message,
        now,
      });
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
    await markFinished(db, {
      id: digest.id,
      claimToken: token,
      state: 'failed',
      error: outcome.message,
      now,
    });
    return;
  }
  counts.retried++;
  await markRetry(db, { id: digest.id, claimToken: token, error: outcome.message, retryAt, now });
}
