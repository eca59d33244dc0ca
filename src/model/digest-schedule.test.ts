import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type DigestSchedule,
  isValidTimeZone,
  localDateOf,
  nextSendAfter,
  periodAt,
  zonedInstant,
} from './digest-schedule.js';

const daily = (timeZone: string, sendHour = 8): DigestSchedule => ({
  frequency: 'daily',
  weeklyDay: 1,
  sendHour,
  timeZone,
});

describe('digest schedule', () => {
  it('knows real time zones and refuses made-up ones', () => {
    assert.equal(isValidTimeZone('UTC'), true);
    assert.equal(isValidTimeZone('Europe/Berlin'), true);
    assert.equal(isValidTimeZone('America/Los_Angeles'), true);
    assert.equal(isValidTimeZone('Mars/Olympus_Mons'), false);
    assert.equal(isValidTimeZone(''), false);
    assert.equal(isValidTimeZone('x'.repeat(100)), false);
  });

  it('maps a local hour to its UTC instant, across standard and summer time', () => {
    assert.equal(zonedInstant('2026-11-30', 8, 'Europe/Berlin').toISOString(), '2026-11-30T07:00:00.000Z');
    assert.equal(zonedInstant('2026-07-01', 8, 'Europe/Berlin').toISOString(), '2026-07-01T06:00:00.000Z');
    assert.equal(zonedInstant('2026-11-30', 8, 'UTC').toISOString(), '2026-11-30T08:00:00.000Z');
    assert.equal(zonedInstant('2026-11-30', 23, 'Asia/Kolkata').toISOString(), '2026-11-30T17:30:00.000Z');
    assert.equal(zonedInstant('2026-11-30', 0, 'Pacific/Auckland').toISOString(), '2026-11-29T11:00:00.000Z');
  });

  it('an hour skipped by the spring-forward jump goes out just after it', () => {
    // 2026-03-08 02:00 does not exist in New York: clocks jump from 02:00 EST to 03:00 EDT (07:00Z).
    assert.equal(zonedInstant('2026-03-08', 2, 'America/New_York').toISOString(), '2026-03-08T07:00:00.000Z');
    // The repeated hour in autumn (01:00 happens twice) takes one of its two instants.
    const repeated = zonedInstant('2026-11-01', 1, 'America/New_York').toISOString();
    assert.ok(['2026-11-01T05:00:00.000Z', '2026-11-01T06:00:00.000Z'].includes(repeated), repeated);
  });

  it('daily digests go out on weekdays at the local hour', () => {
    const berlin = daily('Europe/Berlin');
    // Friday 2026-11-27 10:00 Berlin: the next weekday 08:00 is Monday 2026-11-30.
    assert.equal(
      nextSendAfter(berlin, new Date('2026-11-27T09:00:00Z')).toISOString(),
      '2026-11-30T07:00:00.000Z',
    );
    // Monday 06:59Z is 07:59 in Berlin: today's digest is still ahead.
    assert.equal(
      nextSendAfter(berlin, new Date('2026-11-30T06:59:00Z')).toISOString(),
      '2026-11-30T07:00:00.000Z',
    );
    // Exactly at the send instant: the next one is tomorrow (strictly after).
    assert.equal(
      nextSendAfter(berlin, new Date('2026-11-30T07:00:00Z')).toISOString(),
      '2026-12-01T07:00:00.000Z',
    );
  });

  it('weekly digests go out on the chosen ISO weekday', () => {
    const sunday: DigestSchedule = { frequency: 'weekly', weeklyDay: 7, sendHour: 18, timeZone: 'UTC' };
    assert.equal(
      nextSendAfter(sunday, new Date('2026-11-29T19:00:00Z')).toISOString(),
      '2026-12-06T18:00:00.000Z',
    );
    assert.equal(
      nextSendAfter(sunday, new Date('2026-11-29T17:00:00Z')).toISOString(),
      '2026-11-29T18:00:00.000Z',
    );
  });

  it('the local date decides the day, not UTC', () => {
    // 2026-11-29T23:30Z is already Monday morning in Tokyo.
    assert.equal(localDateOf(new Date('2026-11-29T23:30:00Z'), 'Asia/Tokyo'), '2026-11-30');
    const tokyo = daily('Asia/Tokyo', 9);
    assert.equal(
      nextSendAfter(tokyo, new Date('2026-11-29T23:30:00Z')).toISOString(),
      '2026-11-30T00:00:00.000Z',
    );
  });

  it('names each period and the board dates it covers', () => {
    const berlin = daily('Europe/Berlin');
    // Monday's digest covers Friday to Monday (the weekend's placements too), Tuesday's Monday to
    // Tuesday, each reaching two days further back for papers that arrived after the last digest.
    assert.deepEqual(periodAt(berlin, new Date('2026-11-30T07:00:00Z')), {
      key: 'daily:2026-11-30',
      frequency: 'daily',
      windowFrom: '2026-11-25',
      windowTo: '2026-11-30',
    });
    assert.deepEqual(periodAt(berlin, new Date('2026-12-01T07:00:00Z')), {
      key: 'daily:2026-12-01',
      frequency: 'daily',
      windowFrom: '2026-11-28',
      windowTo: '2026-12-01',
    });
    const weekly: DigestSchedule = { frequency: 'weekly', weeklyDay: 1, sendHour: 8, timeZone: 'UTC' };
    assert.deepEqual(periodAt(weekly, new Date('2026-11-30T08:00:00Z')), {
      key: 'weekly:2026-W49',
      frequency: 'weekly',
      windowFrom: '2026-11-21',
      windowTo: '2026-11-30',
    });
    // ISO week-year: 2027-01-01 (a Friday) belongs to 2026's week 53.
    assert.equal(periodAt(weekly, new Date('2027-01-01T08:00:00Z')).key, 'weekly:2026-W53');
  });
});
