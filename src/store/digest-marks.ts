// The outbox as one sender sees it (see digest-outbox.ts for the states): SenderOutbox is the send
// step's one way into the store — its claims, the marks around each dot (digest-dot-marks.ts), and
// what it writes when a digest does not go out: retries, claims handed back, endings, bounce counts,
// and the recovery of digests a crash left uncertain. Every change is conditional on its claim token.

import type { Kysely, Updateable, UpdateQueryBuilder, UpdateResult } from 'kysely';
import type { DatabaseHandle } from '../db/connection.js';
import type { Database, DigestOutboxTable } from '../db/schema.js';
import { DotMarks } from './digest-dot-marks.js';
import {
  type ClaimedDigest,
  claimDigests,
  type OutboxRow,
  shownPaperIds,
  toOutboxRow,
} from './digest-outbox.js';

export interface ClaimedWithHistory extends ClaimedDigest {
  /** Papers earlier digests showed this subscriber (shownPaperIds). */
  alreadyShown: ReadonlySet<number>;
}

/** One sender's claims and marks, under its claim token. */
export class SenderOutbox {
  private readonly marks: DotMarks;

  constructor(
    private readonly database: DatabaseHandle,
    private readonly sender: { claimToken: string; leaseMs: number; now(): Date },
  ) {
    this.marks = new DotMarks(database, sender);
  }

  private get db(): Kysely<Database> {
    return this.database.db;
  }

  /** Requeues digests a dead sender left at their dot (requeueUncertain). */
  requeueUncertain(maxAttempts: number) {
    return requeueUncertain(this.db, this.sender.now(), maxAttempts);
  }

  /** Claims up to `limit` due digests, with their subscribers and what those were shown already. */
  async claim(limit: number, subscriberId?: number): Promise<ClaimedWithHistory[]> {
    const now = this.sender.now();
    const claimed = await claimDigests(this.database, {
      token: this.sender.claimToken,
      limit,
      leaseMs: this.sender.leaseMs,
      now,
      ...(subscriberId !== undefined ? { subscriberId } : {}),
    });
    const shown = await shownPaperIds(
      this.db,
      claimed.map((c) => c.subscriberId),
      now,
    );
    return claimed.map((digest) => ({
      ...digest,
      alreadyShown: shown.get(digest.subscriberId) ?? new Set(),
    }));
  }

  /** `committing` before the dot, `sent` after it (DotMarks.markAroundDot). */
  markAroundDot(...args: Parameters<DotMarks['markAroundDot']>): Promise<boolean> {
    return this.marks.markAroundDot(...args);
  }

  markRetry(id: number, error: string, retryAt: Date): Promise<void> {
    return markRetry(this.db, {
      id,
      claimToken: this.sender.claimToken,
      error,
      retryAt,
      now: this.sender.now(),
    });
  }

  markFinished(id: number, state: FinishedState, error?: string): Promise<void> {
    return markFinished(this.db, {
      id,
      claimToken: this.sender.claimToken,
      state,
      now: this.sender.now(),
      ...(error ? { error } : {}),
    });
  }

  release(ids: number[], retryAt: Date): Promise<void> {
    return releaseClaims(this.db, {
      claimToken: this.sender.claimToken,
      ids,
      retryAt,
      now: this.sender.now(),
    });
  }

  /** A permanent refusal counted against the subscriber; true when the address is bouncing now. */
  recordPermanentFailure(subscriberId: number, bounceLimit: number): Promise<boolean> {
    return recordPermanentFailure(this.db, subscriberId, bounceLimit, this.sender.now());
  }

  clearBounces(subscriberId: number): Promise<void> {
    return clearBounces(this.db, subscriberId, this.sender.now());
  }
}

type FinishedState = 'skipped' | 'failed' | 'bounced' | 'cancelled';

/** The server accepted the digest: clear the subscriber's bounce count, if they had one. */
export async function clearBounces(db: Kysely<Database>, subscriberId: number, now: Date): Promise<void> {
  await db
    .updateTable('subscribers')
    .set({ bounce_count: 0, updated_at: now.toISOString() })
    .where('id', '=', subscriberId)
    .where('bounce_count', '>', 0)
    .execute();
}

/** Changes a digest this sender still holds (under its token; `sent` too, when the server refused it after the dot). */
function updateHeld(
  db: Kysely<Database>,
  digest: { id: number; claimToken: string },
  values: Updateable<DigestOutboxTable>,
) {
  return db
    .updateTable('digest_outbox')
    .set(values)
    .where('id', '=', digest.id)
    .where('claim_token', '=', digest.claimToken)
    .where('state', 'in', ['claimed', 'committing', 'sent'])
    .execute();
}

/** A claimed digest will be tried again at `retryAt` (a transient failure). */
export async function markRetry(
  db: Kysely<Database>,
  digest: { id: number; claimToken: string; error: string; retryAt: Date; now: Date },
): Promise<void> {
  await updateHeld(db, digest, {
    state: 'pending',
    claim_token: null,
    lease_until: null,
    next_attempt_at: digest.retryAt.toISOString(),
    last_error: digest.error.slice(0, 1000),
    updated_at: digest.now.toISOString(),
  });
}

/**
 * Hands claimed digests back untried (a stopping run, or an SMTP server refusing us): pending
 * again from `retryAt`, and the attempt their claim counted is taken back.
 */
export async function releaseClaims(
  db: Kysely<Database>,
  release: { claimToken: string; ids: number[]; retryAt: Date; now: Date },
): Promise<void> {
  if (release.ids.length === 0) return;
  await db
    .updateTable('digest_outbox')
    .set((eb) => ({
      state: 'pending',
      claim_token: null,
      lease_until: null,
      attempts: eb('attempts', '-', 1),
      next_attempt_at: release.retryAt.toISOString(),
      updated_at: release.now.toISOString(),
    }))
    .where('id', 'in', release.ids)
    .where('claim_token', '=', release.claimToken)
    .where('state', '=', 'claimed')
    .execute();
}

/** Ends a claimed digest without sending it: nothing new (`skipped`), given up (`failed`, `bounced`), or no longer wanted (`cancelled`). */
export async function markFinished(
  db: Kysely<Database>,
  digest: {
    id: number;
    claimToken: string;
    state: FinishedState;
    error?: string;
    now: Date;
  },
): Promise<void> {
  await updateHeld(db, digest, {
    state: digest.state,
    lease_until: null,
    last_error: digest.error?.slice(0, 1000) ?? null,
    updated_at: digest.now.toISOString(),
  });
}

/**
 * Counts a permanent delivery failure against the subscriber; at `limit` failures in a row the
 * address is marked bouncing: no more digests are scheduled and those waiting are cancelled.
 * Returns whether it is bouncing now.
 */
export async function recordPermanentFailure(
  db: Kysely<Database>,
  subscriberId: number,
  limit: number,
  now: Date,
): Promise<boolean> {
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('subscribers')
      .set((eb) => ({ bounce_count: eb('bounce_count', '+', 1), updated_at: at }))
      .where('id', '=', subscriberId)
      .returning('bounce_count')
      .executeTakeFirst();
    if (!row || row.bounce_count < limit) return false;
    await trx
      .updateTable('subscribers')
      .set({ status: 'bouncing', next_due_at: null, updated_at: at })
      .where('id', '=', subscriberId)
      .where('status', '=', 'active')
      .execute();
    await trx
      .updateTable('digest_outbox')
      .set({ state: 'cancelled', updated_at: at, last_error: 'address is bouncing' })
      .where('subscriber_id', '=', subscriberId)
      .where('state', '=', 'pending')
      .execute();
    return true;
  });
}

/**
 * Digests whose sender died between its two marks around the dot (lease lapsed in `committing`):
 * whether the server got them is unknown, so they go back to pending and are sent again, with the
 * same Message-ID. Returns their rows.
 */
export async function requeueUncertain(
  db: Kysely<Database>,
  now: Date,
  maxAttempts: number,
): Promise<Array<OutboxRow & { isGivenUp: boolean }>> {
  const at = now.toISOString();
  const lapsed = (q: UpdateQueryBuilder<Database, 'digest_outbox', 'digest_outbox', UpdateResult>) =>
    q.where('state', '=', 'committing').where('lease_until', '<', at);
  // One that keeps ending this way (a relay that drops every connection after the dot) stops here.
  const givenUp = await lapsed(
    db.updateTable('digest_outbox').set({
      state: 'failed',
      lease_until: null,
      last_error: 'the end of the message was never confirmed, attempt after attempt',
      updated_at: at,
    }),
  )
    .where('attempts', '>=', maxAttempts)
    .returningAll()
    .execute();
  const requeued = await lapsed(
    db.updateTable('digest_outbox').set({
      state: 'pending',
      claim_token: null,
      lease_until: null,
      next_attempt_at: at,
      last_error: 'the sender stopped around the end of the message; sent again',
      updated_at: at,
    }),
  )
    .returningAll()
    .execute();
  return [
    ...givenUp.map((row) => ({ ...toOutboxRow(row), isGivenUp: true })),
    ...requeued.map((row) => ({ ...toOutboxRow(row), isGivenUp: false })),
  ];
}
