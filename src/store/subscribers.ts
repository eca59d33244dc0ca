// Digest subscribers: double opt-in by emailed link (anonymous visitors) or at once (signed-in
// readers, whose address is already verified), preferences, unsubscribe, and the bounce state.
// `next_due_at` is recomputed from the schedule on every write that changes it.

import type { Kysely, Selectable } from 'kysely';
import type { Database, SubscriberStatus, SubscribersTable } from '../db/schema.js';
import type { DigestPreferences, DigestTopics } from '../model/digest-preferences.js';
import { nextSendAfter } from '../model/digest-schedule.js';

export interface Subscriber extends DigestPreferences {
  id: number;
  email: string;
  userId: number | null;
  status: SubscriberStatus;
  linkVersion: number;
  nextDueAt: string | null;
  bounceCount: number;
  createdAt: string;
  confirmedAt: string | null;
}

export function toSubscriber(row: Selectable<SubscribersTable>): Subscriber {
  return {
    id: row.id,
    email: row.email,
    userId: row.user_id,
    status: row.status,
    frequency: row.frequency,
    weeklyDay: row.weekly_day,
    sendHour: row.send_hour,
    timeZone: row.time_zone,
    maxPapers: row.max_papers,
    includeTrending: row.include_trending === 1,
    topics: JSON.parse(row.topics) as DigestTopics,
    linkVersion: row.link_version,
    nextDueAt: row.next_due_at,
    bounceCount: row.bounce_count,
    createdAt: row.created_at,
    confirmedAt: row.confirmed_at,
  };
}

function preferenceColumns(prefs: DigestPreferences) {
  return {
    frequency: prefs.frequency,
    weekly_day: prefs.weeklyDay,
    send_hour: prefs.sendHour,
    time_zone: prefs.timeZone,
    max_papers: prefs.maxPapers,
    include_trending: prefs.includeTrending ? 1 : 0,
    topics: JSON.stringify(prefs.topics),
  };
}

function nextDue(prefs: DigestPreferences, now: Date): string {
  return nextSendAfter(prefs, now).toISOString();
}

export async function getSubscriber(db: Kysely<Database>, id: number): Promise<Subscriber | undefined> {
  const row = await db.selectFrom('subscribers').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toSubscriber(row) : undefined;
}

export async function findSubscriberByEmail(
  db: Kysely<Database>,
  email: string,
): Promise<Subscriber | undefined> {
  const row = await db
    .selectFrom('subscribers')
    .selectAll()
    .where('email', '=', email.toLowerCase())
    .executeTakeFirst();
  return row ? toSubscriber(row) : undefined;
}

export async function findSubscriberOfUser(
  db: Kysely<Database>,
  userId: number,
): Promise<Subscriber | undefined> {
  const row = await db.selectFrom('subscribers').selectAll().where('user_id', '=', userId).executeTakeFirst();
  return row ? toSubscriber(row) : undefined;
}

export type SubscriptionRequest =
  /** A confirmation link should go out (new, or not active yet / any more). */
  | { kind: 'confirm'; subscriber: Subscriber }
  /** Already receiving digests: nothing changed (they get their preferences link instead). */
  | { kind: 'active'; subscriber: Subscriber };

/**
 * Records a request to subscribe `email` and the hash of the confirmation token to email it. An
 * address that unsubscribed or bounced keeps its old preferences and must confirm again; an
 * active one is left alone, so nobody can change someone else's subscription by asking.
 */
export async function requestSubscription(
  db: Kysely<Database>,
  request: { email: string; prefs: DigestPreferences; tokenHash: string; expiresAt: string; now: Date },
): Promise<SubscriptionRequest> {
  const email = request.email.toLowerCase();
  const now = request.now.toISOString();
  const existing = await findSubscriberByEmail(db, email);
  if (existing?.status === 'active') return { kind: 'active', subscriber: existing };
  if (existing) {
    await db
      .updateTable('subscribers')
      .set({
        status: 'pending',
        confirm_token_hash: request.tokenHash,
        confirm_expires_at: request.expiresAt,
        next_due_at: null,
        updated_at: now,
      })
      .where('id', '=', existing.id)
      .execute();
  } else {
    await db
      .insertInto('subscribers')
      .values({
        email,
        user_id: null,
        status: 'pending',
        ...preferenceColumns(request.prefs),
        confirm_token_hash: request.tokenHash,
        confirm_expires_at: request.expiresAt,
        next_due_at: null,
        created_at: now,
        confirmed_at: null,
        updated_at: now,
      })
      // Two requests racing for a new address: the second updates the first's row below.
      .onConflict((oc) =>
        oc.column('email').doUpdateSet({
          confirm_token_hash: request.tokenHash,
          confirm_expires_at: request.expiresAt,
          updated_at: now,
        }),
      )
      .execute();
  }
  const subscriber = await findSubscriberByEmail(db, email);
  if (!subscriber) throw new Error(`subscriber ${email} vanished while subscribing`);
  return { kind: 'confirm', subscriber };
}

/** Activates the subscription whose unexpired confirmation token hashes to `tokenHash`. */
export async function confirmSubscription(
  db: Kysely<Database>,
  tokenHash: string,
  now: Date,
): Promise<Subscriber | undefined> {
  const row = await db
    .selectFrom('subscribers')
    .selectAll()
    .where('confirm_token_hash', '=', tokenHash)
    .where('confirm_expires_at', '>', now.toISOString())
    .executeTakeFirst();
  if (!row) return undefined;
  const subscriber = toSubscriber(row);
  const updated = await db
    .updateTable('subscribers')
    .set({
      status: 'active',
      confirm_token_hash: null,
      confirm_expires_at: null,
      confirmed_at: now.toISOString(),
      next_due_at: nextDue(subscriber, now),
      bounce_count: 0,
      updated_at: now.toISOString(),
    })
    // Only the request that still holds the token confirms (a double click confirms once).
    .where('id', '=', subscriber.id)
    .where('confirm_token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) return undefined;
  return getSubscriber(db, subscriber.id);
}

/** Whether a confirmation token can still be used, for the page its link opens (which changes nothing). */
export async function confirmTokenState(
  db: Kysely<Database>,
  tokenHash: string,
  now: Date,
): Promise<'usable' | 'expired' | 'unknown'> {
  const row = await db
    .selectFrom('subscribers')
    .select('confirm_expires_at')
    .where('confirm_token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row?.confirm_expires_at) return 'unknown';
  return row.confirm_expires_at > now.toISOString() ? 'usable' : 'expired';
}

/**
 * Turns digests back on for a subscriber who unsubscribed or bounced, with the preferences they
 * had. Only for an address confirmed before: the signed link that asks proves the mailbox, so no
 * new opt-in is needed. Undefined when there is no such subscriber or it was never confirmed.
 */
export async function reactivateSubscriber(
  db: Kysely<Database>,
  id: number,
  now: Date,
): Promise<Subscriber | undefined> {
  const current = await getSubscriber(db, id);
  if (!current?.confirmedAt) return undefined;
  if (current.status === 'active') return current;
  await db
    .updateTable('subscribers')
    .set({
      status: 'active',
      confirm_token_hash: null,
      confirm_expires_at: null,
      next_due_at: nextDue(current, now),
      bounce_count: 0,
      updated_at: now.toISOString(),
    })
    .where('id', '=', id)
    .where('status', '!=', 'active')
    .execute();
  return getSubscriber(db, id);
}

/**
 * Subscribes a signed-in reader's verified address at once, linking it to their account. An
 * existing subscription of that address (confirmed by email earlier, or not) is taken over.
 */
export async function subscribeAccount(
  db: Kysely<Database>,
  account: { userId: number; email: string; prefs: DigestPreferences; now: Date },
): Promise<Subscriber> {
  const email = account.email.toLowerCase();
  const now = account.now.toISOString();
  const existing = await findSubscriberByEmail(db, email);
  const activation = {
    user_id: account.userId,
    status: 'active' as const,
    confirm_token_hash: null,
    confirm_expires_at: null,
    bounce_count: 0,
    updated_at: now,
  };
  if (existing) {
    await db
      .updateTable('subscribers')
      .set({
        ...activation,
        confirmed_at: existing.confirmedAt ?? now,
        next_due_at: existing.status === 'active' ? existing.nextDueAt : nextDue(existing, account.now),
      })
      .where('id', '=', existing.id)
      .execute();
  } else {
    await db
      .insertInto('subscribers')
      .values({
        email,
        ...activation,
        ...preferenceColumns(account.prefs),
        next_due_at: nextDue(account.prefs, account.now),
        created_at: now,
        confirmed_at: now,
      })
      .execute();
  }
  const subscriber = await findSubscriberByEmail(db, email);
  if (!subscriber) throw new Error(`subscriber ${email} vanished while subscribing`);
  return subscriber;
}

/** Saves new preferences; an active subscription's next digest moves to the new schedule. */
export async function updatePreferences(
  db: Kysely<Database>,
  id: number,
  prefs: DigestPreferences,
  now: Date,
): Promise<Subscriber | undefined> {
  const current = await getSubscriber(db, id);
  if (!current) return undefined;
  await db
    .updateTable('subscribers')
    .set({
      ...preferenceColumns(prefs),
      next_due_at: current.status === 'active' ? nextDue(prefs, now) : current.nextDueAt,
      updated_at: now.toISOString(),
    })
    .where('id', '=', id)
    .execute();
  return getSubscriber(db, id);
}

/**
 * Stops all digests to a subscriber: no more are scheduled and any waiting in the outbox are
 * cancelled (a digest already handed to the SMTP server cannot be called back).
 */
export async function unsubscribe(db: Kysely<Database>, id: number, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('subscribers')
      .set({ status: 'unsubscribed', next_due_at: null, updated_at: now.toISOString() })
      .where('id', '=', id)
      .where('status', '!=', 'unsubscribed')
      .executeTakeFirst();
    await trx
      .updateTable('digest_outbox')
      .set({ state: 'cancelled', updated_at: now.toISOString() })
      .where('subscriber_id', '=', id)
      .where('state', 'in', ['pending', 'claimed'])
      .execute();
    return Number(result.numUpdatedRows) > 0;
  });
}

export async function countSubscribersByStatus(
  db: Kysely<Database>,
): Promise<Record<SubscriberStatus, number>> {
  const rows = await db
    .selectFrom('subscribers')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  const counts: Record<SubscriberStatus, number> = { pending: 0, active: 0, unsubscribed: 0, bouncing: 0 };
  for (const row of rows) counts[row.status] = Number(row.n);
  return counts;
}
