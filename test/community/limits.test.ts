// The one table of rate limits and its helper, on both databases: keys by subject (a reader's
// budget is shared by the web and the token API because the key is the same), the first limit
// exceeded is the refusal, messages say the minutes to wait, and enforceLimits throws the 429.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { enforceLimits, hitLimits, RATE_LIMITS } from '../../src/community/limits.js';
import { AppError } from '../../src/lib/errors.js';
import { FIXED_NOW } from '../helpers/test-app.js';
import { createTestDatabase, eachDialect, type TestDatabase } from '../helpers/test-db.js';

eachDialect('rate limits table', (dialect) => {
  let t: TestDatabase;
  before(async () => {
    t = await createTestDatabase(dialect);
  });
  after(async () => {
    await t.destroy();
  });

  it('counts per subject under the documented key, and refuses past max with the wait', async () => {
    const { max } = RATE_LIMITS.submit;
    for (let i = 0; i < max; i += 1)
      assert.equal(await hitLimits(t.db, FIXED_NOW, [['submit', 7]]), undefined);
    assert.deepEqual(await hitLimits(t.db, FIXED_NOW, [['submit', 7]]), {
      message: RATE_LIMITS.submit.message,
      retryAfterSeconds: 60,
    });
    // Another reader has their own budget; the counter is `submit:user:7`.
    assert.equal(await hitLimits(t.db, FIXED_NOW, [['submit', 8]]), undefined);
    const row = await t.db
      .selectFrom('rate_limits')
      .selectAll()
      .where('key', '=', 'submit:user:7')
      .executeTakeFirst();
    assert.ok(row, 'the key names the action, what it counts by, and the subject');
    // A window later, the reader may submit again.
    const later = new Date(FIXED_NOW.getTime() + RATE_LIMITS.submit.windowMs + 1);
    assert.equal(await hitLimits(t.db, later, [['submit', 7]]), undefined);
  });

  it('checks several limits in order: the first exceeded refuses, with its minutes in the message', async () => {
    const ip = '203.0.113.9';
    for (let i = 0; i < RATE_LIMITS['sign-in-link-email'].max; i += 1) {
      await hitLimits(t.db, FIXED_NOW, [['sign-in-link-email', 'a@example.org']]);
    }
    const refusal = await hitLimits(t.db, FIXED_NOW, [
      ['sign-in-link-ip', ip],
      ['sign-in-link-email', 'a@example.org'],
    ]);
    assert.deepEqual(refusal, {
      message: 'Too many sign-in links asked for; try again in 15 minute(s).',
      retryAfterSeconds: 15 * 60,
    });
  });

  it('enforceLimits throws a rate_limited AppError carrying Retry-After', async () => {
    for (let i = 0; i < RATE_LIMITS.report.max; i += 1) await enforceLimits(t.db, FIXED_NOW, [['report', 1]]);
    await assert.rejects(enforceLimits(t.db, FIXED_NOW, [['report', 1]]), (error: unknown) => {
      assert.ok(error instanceof AppError);
      assert.equal(error.code, 'rate_limited');
      assert.equal(error.retryAfterSeconds, 3600);
      assert.equal(error.message, RATE_LIMITS.report.message);
      return true;
    });
  });
});
