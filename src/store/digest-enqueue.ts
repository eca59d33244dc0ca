// Puts digests in the outbox: those whose subscriber's schedule has come due (the recurring job),
// and every active subscriber's digest of the current period at once (`paperboard digest send`).
// Both are idempotent: the outbox's unique (subscriber, period) key drops a second insert.

import { sql } from 'kysely';
import type { DatabaseHandle } from '../db/connection.js';
import type { DigestFrequency } from '../db/schema.js';
import {
  type DigestSchedule,
  latestSendBy,
  nextSendAfter,
  periodAt,
  zonedInstant,
} from '../model/digest-schedule.js';
import { insertDigests, type NewDigest } from './digest-outbox.js';
import { type Subscriber, toSubscriber } from './subscribers.js';
import { inReadWriteTransaction } from './write-transaction.js';

/**
 * Enqueues the digests of every active subscriber whose `next_due_at` has passed and moves it to
 * the next send instant, in batches of `batchSize`. PostgreSQL instances running this at once skip
 * each other's locked subscribers. Returns how many digests were new.
 */
export async function enqueueDueDigests(
  database: DatabaseHandle,
  now: Date,
  batchSize = 1000,
): Promise<number> {
  let inserted = 0;
  const periodOf = bySchedule((schedule, dueAt) =>
    periodAt(schedule, latestSendBy(schedule, new Date(dueAt), now)),
  );
  const nextOf = bySchedule((schedule) => nextSendAfter(schedule, now).toISOString());
  for (;;) {
    const batch = await inReadWriteTransaction(database, async (trx) => {
      let due = trx
        .selectFrom('subscribers')
        .selectAll()
        .where('status', '=', 'active')
        .where('next_due_at', '<=', now.toISOString())
        .orderBy('next_due_at')
        .limit(batchSize);
      if (database.dialect === 'postgres') due = due.forUpdate().skipLocked();
      const subscribers = (await due.execute()).map(toSubscriber);
      const digests: NewDigest[] = [];
      const nextDue = new Map<string, number[]>();
      for (const s of subscribers) {
        digests.push({ subscriberId: s.id, period: periodOf(s, s.nextDueAt ?? now.toISOString()) });
        const next = nextOf(s);
        nextDue.set(next, [...(nextDue.get(next) ?? []), s.id]);
      }
      const count = await insertDigests(trx, digests, now);
      // Subscribers sharing a schedule share their next instant: one update per distinct value.
      for (const [next, ids] of nextDue) {
        await trx.updateTable('subscribers').set({ next_due_at: next }).where('id', 'in', ids).execute();
      }
      return { size: subscribers.length, count };
    });
    inserted += batch.count;
    if (batch.size < batchSize) {
      await refreshOutboxStatistics(database, inserted);
      return inserted;
    }
  }
}

/** Outbox rows a run enqueues at once (a daily burst) from which the table's statistics are renewed. */
const LARGE_ENQUEUE = 1000;

/**
 * After a large enqueue, PostgreSQL's statistics of the outbox are renewed before the run claims from
 * it: with those of the table before the burst (autovacuum analyzes a minute later at best), it
 * expected ~100 due rows and claimed each batch by sorting every due row instead of reading the
 * batch off the work index (38 ms against 0.7 ms a claim at 30k due).
 */
async function refreshOutboxStatistics(database: DatabaseHandle, inserted: number): Promise<void> {
  if (database.dialect === 'postgres' && inserted >= LARGE_ENQUEUE) {
    await sql`analyze digest_outbox`.execute(database.db);
  }
}

/**
 * Memoises a schedule computation: subscribers share a few dozen schedules (hour × zone), and the
 * time-zone arithmetic costs ~50 µs a call, seconds over 100k subscribers.
 */
function bySchedule<T>(compute: (schedule: DigestSchedule, extra: string) => T) {
  const memo = new Map<string, T>();
  return (schedule: DigestSchedule, extra = ''): T => {
    const key = `${schedule.frequency}|${schedule.weeklyDay}|${schedule.sendHour}|${schedule.timeZone}|${extra}`;
    let value = memo.get(key);
    if (value === undefined) {
      value = compute(schedule, extra);
      memo.set(key, value);
    }
    return value;
  };
}

export interface SubscriberSelection {
  frequency?: DigestFrequency;
  email?: string;
}

/** Active subscribers (of one frequency, or one address), a page at a time in id order. */
export async function* activeSubscribers(
  database: DatabaseHandle,
  selection: SubscriberSelection,
  pageSize = 1000,
): AsyncGenerator<Subscriber[]> {
  let afterId = 0;
  for (;;) {
    let query = database.db
      .selectFrom('subscribers')
      .selectAll()
      .where('status', '=', 'active')
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(pageSize);
    if (selection.frequency) query = query.where('frequency', '=', selection.frequency);
    if (selection.email) query = query.where('email', '=', selection.email.toLowerCase());
    const page = (await query.execute()).map(toSubscriber);
    if (page.length > 0) yield page;
    if (page.length < pageSize) return;
    afterId = page[page.length - 1]?.id ?? afterId;
  }
}

/**
 * The instant whose period a digest asked for now belongs to: now, or — for a digest of a given
 * day (`digest send --date`) — that day at the subscriber's send hour.
 */
export function requestedInstant(schedule: DigestSchedule, now: Date, day?: string): Date {
  return day ? zonedInstant(day, schedule.sendHour, schedule.timeZone) : now;
}

/**
 * Enqueues the current period's digest (or the period of `day`) of every selected active
 * subscriber, whatever their send hour: what an operator asks for with `digest send`. A period
 * depends only on the schedule, and subscribers share a few dozen schedules, so it is one
 * INSERT … SELECT per schedule over the schedule index (row by row, 100k subscribers took seconds).
 */
export async function enqueueCurrentPeriod(
  database: DatabaseHandle,
  selection: SubscriberSelection & { now: Date; day?: string },
): Promise<{ subscribers: number; inserted: number }> {
  const { db } = database;
  const at = selection.now.toISOString();
  let selected = db.selectFrom('subscribers').where('status', '=', 'active');
  if (selection.frequency) selected = selected.where('frequency', '=', selection.frequency);
  if (selection.email) selected = selected.where('email', '=', selection.email.toLowerCase());
  const schedules = await selected
    .select(['frequency', 'weekly_day', 'send_hour', 'time_zone', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['frequency', 'weekly_day', 'send_hour', 'time_zone'])
    .execute();
  let subscribers = 0;
  let inserted = 0;
  for (const row of schedules) {
    const schedule: DigestSchedule = {
      frequency: row.frequency,
      weeklyDay: row.weekly_day,
      sendHour: row.send_hour,
      timeZone: row.time_zone,
    };
    const period = periodAt(schedule, requestedInstant(schedule, selection.now, selection.day));
    subscribers += Number(row.n);
    const result = await db
      .insertInto('digest_outbox')
      .columns([
        'subscriber_id',
        'period_key',
        'frequency',
        'window_from',
        'window_to',
        'state',
        'next_attempt_at',
        'created_at',
        'updated_at',
      ])
      .expression(
        selected
          .where('frequency', '=', schedule.frequency)
          .where('weekly_day', '=', schedule.weeklyDay)
          .where('send_hour', '=', schedule.sendHour)
          .where('time_zone', '=', schedule.timeZone)
          .select((eb) => [
            'id',
            eb.val(period.key).as('period_key'),
            eb.val(period.frequency).as('frequency'),
            eb.val(period.windowFrom).as('window_from'),
            eb.val(period.windowTo).as('window_to'),
            eb.val('pending').as('state'),
            eb.val(at).as('next_attempt_at'),
            eb.val(at).as('created_at'),
            eb.val(at).as('updated_at'),
          ]),
      )
      .onConflict((oc) => oc.columns(['subscriber_id', 'period_key']).doNothing())
      .executeTakeFirst();
    inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  await refreshOutboxStatistics(database, inserted);
  return { subscribers, inserted };
}
