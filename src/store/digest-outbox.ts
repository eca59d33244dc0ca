// The digest outbox: one row per (subscriber, period) — a unique key, so a digest is enqueued once
// however many instances or runs try — and its states:
//
//   pending ──claim──▶ claimed ──mark──▶ committing ──dot, mark──▶ sent
//   claimed   → claimed again by another sender once its lease lapsed; → pending when released untried
//   committing, lease lapsed (its sender died at the dot) → pending, sent again with its Message-ID
//   claimed, committing, sent → pending (retry: a 4xx, no verdict after the dot) or failed, bounced
//   claimed → skipped (nothing new), cancelled (no longer subscribed); pending → cancelled (bouncing)
//
// Delivery is at least once, with a Message-ID that stays the same, so no digest is lost and a
// repeat can only follow a crash in one narrow gap (and receivers that saw the Message-ID drop it).
// An SMTP server takes a message only on the terminating "." of DATA (RFC 5321 §4.1.1.4); a
// connection lost before it aborts the message. Around that dot the sender writes two marks
// (digest-dot-marks.ts): `committing`, durable before the dot, and `sent` after it — on SQLite in
// the same synchronous step, on PostgreSQL in the group statement that follows (one statement marks
// every lane's digests). After a crash, a `claimed` row never got its dot and a `sent` row did; a
// `committing` row is the one uncertain case (the crash fell between mark and dot, or dot and mark)
// and is sent again (requeueUncertain, digest-marks.ts). Claims carry a random token and a lease: a
// sender whose lease lapsed cannot mark a row another sender has claimed since. PostgreSQL claims
// with FOR UPDATE SKIP LOCKED, so concurrent senders take disjoint rows; SQLite serialises writers.

import type { ExpressionBuilder, Kysely, Selectable, SelectQueryBuilder } from 'kysely';
import type { DatabaseHandle } from '../db/connection.js';
import type { Database, DigestOutboxTable, OutboxState } from '../db/schema.js';
import type { DigestPeriod } from '../model/digest-schedule.js';
import { type Subscriber, toSubscriber } from './subscribers.js';

export interface OutboxRow {
  id: number;
  subscriberId: number;
  periodKey: string;
  frequency: DigestPeriod['frequency'];
  windowFrom: string;
  windowTo: string;
  state: OutboxState;
  attempts: number;
  claimToken: string | null;
  messageId: string | null;
  createdAt: string;
}

export interface ClaimedDigest extends OutboxRow {
  subscriber: Subscriber;
}

export function toOutboxRow(row: Selectable<DigestOutboxTable>): OutboxRow {
  return {
    id: Number(row.id),
    subscriberId: row.subscriber_id,
    periodKey: row.period_key,
    frequency: row.frequency,
    windowFrom: row.window_from,
    windowTo: row.window_to,
    state: row.state,
    attempts: row.attempts,
    claimToken: row.claim_token,
    messageId: row.message_id,
    createdAt: row.created_at,
  };
}

/** Pending, and its (re)try time has come. */
function isDuePending(w: ExpressionBuilder<Database, 'digest_outbox'>, at: string) {
  return w.and([w('state', '=', 'pending'), w('next_attempt_at', '<=', at)]);
}

/** Claimed by a sender whose lease lapsed (it died before the dot). */
function isLapsedClaim(w: ExpressionBuilder<Database, 'digest_outbox'>, at: string) {
  return w.and([w('state', '=', 'claimed'), w('lease_until', '<', at)]);
}

export interface NewDigest {
  subscriberId: number;
  period: DigestPeriod;
}

/** Inserts digests to send; a (subscriber, period) that already has one is left alone. Returns how many were new. */
export async function insertDigests(db: Kysely<Database>, digests: NewDigest[], now: Date): Promise<number> {
  if (digests.length === 0) return 0;
  const at = now.toISOString();
  const result = await db
    .insertInto('digest_outbox')
    .values(
      digests.map((d) => ({
        subscriber_id: d.subscriberId,
        period_key: d.period.key,
        frequency: d.period.frequency,
        window_from: d.period.windowFrom,
        window_to: d.period.windowTo,
        state: 'pending' as const,
        next_attempt_at: at,
        created_at: at,
        updated_at: at,
      })),
    )
    .onConflict((oc) => oc.columns(['subscriber_id', 'period_key']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

/**
 * Claims up to `limit` digests that are due: pending ones whose (re)try time has come, and claims
 * whose lease lapsed (their sender died before committing, so nothing reached the server).
 */
export async function claimDigests(
  database: DatabaseHandle,
  claim: { token: string; limit: number; leaseMs: number; now: Date; subscriberId?: number },
): Promise<ClaimedDigest[]> {
  const { db } = database;
  const now = claim.now.toISOString();
  // Two claims, each an index range in index order: lapsed claims first (few), then pending
  // digests by due time. One query OR-ing both had to sort every pending row (17 ms a batch at 100k).
  const claimWhere = async (
    limit: number,
    filter: (
      q: SelectQueryBuilder<Database, 'digest_outbox', { id: number }>,
    ) => SelectQueryBuilder<Database, 'digest_outbox', { id: number }>,
  ) => {
    if (limit <= 0) return [];
    return db
      .updateTable('digest_outbox')
      .set((eb) => ({
        state: 'claimed',
        claim_token: claim.token,
        lease_until: new Date(claim.now.getTime() + claim.leaseMs).toISOString(),
        attempts: eb('attempts', '+', 1),
        updated_at: now,
      }))
      .where('id', 'in', (eb) => {
        let due = filter(eb.selectFrom('digest_outbox').select('id')).limit(limit);
        if (claim.subscriberId !== undefined) due = due.where('subscriber_id', '=', claim.subscriberId);
        return database.dialect === 'postgres' ? due.forUpdate().skipLocked() : due;
      })
      .returningAll()
      .execute();
  };
  // Ordered by the work index alone, (state, next_attempt_at), so a claim reads its batch and stops:
  // a tie-break on id made PostgreSQL sort every due row each batch (38–56 ms at 30k due; SQLite's
  // index ends in the rowid, so ties come in id order there anyway).
  const lapsed = await claimWhere(claim.limit, (q) =>
    q.where((w) => isLapsedClaim(w, now)).orderBy('next_attempt_at'),
  );
  const pending = await claimWhere(claim.limit - lapsed.length, (q) =>
    q.where((w) => isDuePending(w, now)).orderBy('next_attempt_at'),
  );
  const rows = [...lapsed, ...pending];
  if (rows.length === 0) return [];
  const subscribers = await db
    .selectFrom('subscribers')
    .selectAll()
    .where(
      'id',
      'in',
      rows.map((r) => r.subscriber_id),
    )
    .execute();
  const byId = new Map(subscribers.map((s) => [s.id, toSubscriber(s)]));
  return rows
    .map(toOutboxRow)
    .sort((a, b) => a.id - b.id)
    .flatMap((row) => {
      const subscriber = byId.get(row.subscriberId);
      return subscriber ? [{ ...row, subscriber }] : [];
    });
}

/** How far back "already shown to this subscriber" reaches; older papers left every window long ago. */
export const SHOWN_MEMORY_DAYS = 60;

/** Papers already shown to each subscriber by digests of the last SHOWN_MEMORY_DAYS before `now`. */
export async function shownPaperIds(
  db: Kysely<Database>,
  subscriberIds: number[],
  now: Date,
): Promise<Map<number, Set<number>>> {
  const since = new Date(now.getTime() - SHOWN_MEMORY_DAYS * 86_400_000);
  const shown = new Map<number, Set<number>>();
  if (subscriberIds.length === 0) return shown;
  // The state is checked here, not in SQL: given `state in (…)`, PostgreSQL read the work index's
  // whole sent range (every digest the run had sent so far) instead of probing these subscribers.
  const rows = await db
    .selectFrom('digest_outbox')
    .select(['subscriber_id', 'paper_ids', 'state'])
    .where('subscriber_id', 'in', subscriberIds)
    .where('created_at', '>=', since.toISOString())
    .execute();
  for (const row of rows) {
    if (!row.paper_ids || (row.state !== 'sent' && row.state !== 'committing')) continue;
    const set = shown.get(row.subscriber_id) ?? new Set<number>();
    shown.set(row.subscriber_id, set);
    for (const id of JSON.parse(row.paper_ids) as number[]) set.add(id);
  }
  return shown;
}

/** How many digests are in each state, for the admin page. */
export async function countOutboxByState(
  db: Kysely<Database>,
  since: Date,
): Promise<Partial<Record<OutboxState, number>>> {
  const rows = await db
    .selectFrom('digest_outbox')
    .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
    .where('created_at', '>=', since.toISOString())
    .groupBy('state')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
}

/** Digests a sender could claim now (pending and due, or with a lapsed claim). */
export async function countClaimable(db: Kysely<Database>, now: Date): Promise<number> {
  const at = now.toISOString();
  const row = await db
    .selectFrom('digest_outbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where((w) => w.or([isDuePending(w, at), isLapsedClaim(w, at)]))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The earliest retry still waiting, if any. */
export async function nextRetryAt(db: Kysely<Database>): Promise<string | undefined> {
  const row = await db
    .selectFrom('digest_outbox')
    .select((eb) => eb.fn.min('next_attempt_at').as('at'))
    .where('state', '=', 'pending')
    .executeTakeFirst();
  return row?.at ?? undefined;
}

/** Deletes finished digests created before `before` (the shown-once memory needs only recent ones). */
export async function pruneOutbox(db: Kysely<Database>, before: Date): Promise<number> {
  const result = await db
    .deleteFrom('digest_outbox')
    .where('created_at', '<', before.toISOString())
    .where('state', 'in', ['sent', 'skipped', 'failed', 'bounced', 'cancelled'])
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
