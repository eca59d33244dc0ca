import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isoWeekOf, parseDay, parseMonth, parseWeek, periodContaining } from './board-period.js';

describe('board periods', () => {
  it('parses days strictly', () => {
    assert.deepEqual(parseDay('2026-08-21'), {
      kind: 'day',
      label: '2026-08-21',
      from: '2026-08-21',
      to: '2026-08-21',
    });
    for (const bad of ['2026-02-30', '2026-13-01', '26-08-21', '2026-8-21', '2026-08-21x', '', 'today']) {
      assert.equal(parseDay(bad), undefined, bad);
    }
  });

  it('parses ISO weeks, including week 53 and year boundaries', () => {
    assert.deepEqual(parseWeek('2026-W34'), {
      kind: 'week',
      label: '2026-W34',
      from: '2026-08-17',
      to: '2026-08-23',
    });
    assert.deepEqual(parseWeek('2026-W01'), {
      kind: 'week',
      label: '2026-W01',
      from: '2025-12-29',
      to: '2026-01-04',
    });
    assert.equal(parseWeek('2020-W53')?.from, '2020-12-28');
    assert.equal(parseWeek('2025-W53'), undefined);
    assert.equal(parseWeek('2026-W00'), undefined);
    assert.equal(parseWeek('2026-34'), undefined);
  });

  it('parses months', () => {
    assert.deepEqual(parseMonth('2024-02'), {
      kind: 'month',
      label: '2024-02',
      from: '2024-02-01',
      to: '2024-02-29',
    });
    assert.equal(parseMonth('2024-00'), undefined);
    assert.equal(parseMonth('2024-1'), undefined);
  });

  it('finds the week and month containing a date', () => {
    assert.equal(isoWeekOf('2026-01-01'), '2026-W01');
    assert.equal(isoWeekOf('2021-01-03'), '2020-W53');
    assert.equal(periodContaining('week', '2026-08-21').label, '2026-W34');
    assert.equal(periodContaining('month', '2026-08-21').to, '2026-08-31');
  });
});
