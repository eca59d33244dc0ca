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
  type ClaimedDigest,
  claimDigests,
  clearBounces,
  commitDigest,
  markFinished,
  markRetry,
  recordPermanentFailure,
  requeueUncertain,
  shownPaperIds,
} from '../store/digest-outbox.js';
import type { DigestRunCounts } from '../store/digest-runs.js';
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

interface Claimed {
  digest: ClaimedDigest;
  shown: ReadonlySet<number>;
}

/**
 * Claimed digests waiting to be sent, refilled a batch ahead (when it runs low) so the sending
 * lanes never stand still while the next batch is claimed.
 */
class ClaimFeed {
  private readonly queue: Claimed[] = [];
  private refilling: Promise<void> | undefined;
  private failure: unknown;
  private isExhausted = false;

  constructor(
    private readonly claim: () => Promise<Claimed[]>,
    private readonly lowWater: number,
  ) {}

  async next(): Promise<Claimed | undefined> {
    for (;;) {
      if (this.failure) throw this.failure;
      if (this.queue.length <= this.lowWater && !this.isExhausted && !this.refilling) {
        this.refilling = this.claim()
          .then((batch) => {
            if (batch.length === 0) this.isExhausted = true;
            this.queue.push(...batch);
          })
          .catch((error: unknown) => {
            this.failure = error;
          })
          .finally(() => {
            this.refilling = undefined;
          });
      }
      const item = this.queue.shift();
      if (item) return item;
      if (this.refilling) await this.refilling;
      else if (this.isExhausted) return undefined;
    }
  }

  /** No more claims (shutdown); what is queued still goes out. */
  stop(): void {
    this.isExhausted = true;
  }
}

/** Sends every digest that is due now; resolves when none is left to claim (or on abort). */
export async function deliverDigests(options: DeliverOptions): Promise<void> {
  const { database, log, counts } = options;
  const db = database.db;
  const token = randomUUID();
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const batchSize = options.batchSize ?? 200;

  for (const row of await requeueUncertain(db, options.now())) {
    counts.uncertain++;
    log.warn(
      {
        outbox_id: row.id,
        subscriber_id: row.subscriberId,
        period: row.periodKey,
        message_id: row.messageId,
      },
      'a sender stopped right at the end of this digest, so whether it arrived is unknown: sending it again with the same Message-ID',
    );
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
  options.signal?.addEventListener('abort', () => feed.stop(), { once: true });

  // Twice the connections: one digest composes while another is on the wire.
  const lanes = Array.from({ length: options.pool.size * 2 }, async () => {
    for (let item = await feed.next(); item; item = await feed.next()) {
      await sendOne(options, item.digest, token, leaseMs, item.shown);
    }
  });
  try {
    await Promise.all(lanes);
  } finally {
    await options.onProgress?.();
  }
}

async function sendOne(
  options: DeliverOptions,
  digest: ClaimedDigest,
  token: string,
  leaseMs: number,
  alreadyShown: ReadonlySet<number>,
): Promise<void> {
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
      commitDigest(
        database,
        {
          id: digest.id,
          claimToken: token,
          messageId,
          paperIds: digestPaperIds(built.content),
          now: options.now(),
          leaseMs,
        },
        writeDot,
      ),
  });
  await settle(options, digest, token, outcome);
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

async function settle(options: DeliverOptions, digest: ClaimedDigest, token: string, outcome: SendOutcome) {
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
  if (outcome.isInDoubt) {
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
