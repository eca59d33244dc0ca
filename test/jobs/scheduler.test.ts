import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { Scheduler } from '../../src/jobs/scheduler.js';
import { silentLogger } from '../../src/lib/logger.js';
import { tryAcquireLease } from '../../src/store/job-leases.js';
import { createTestDatabase, eachDialect, type TestDatabase } from '../helpers/test-db.js';

eachDialect('job leases and the scheduler', (dialect) => {
  let t: TestDatabase;
  before(async () => {
    t = await createTestDatabase(dialect);
  });
  after(async () => {
    await t.destroy();
  });

  it('one lease holder at a time; an expired lease can be taken over', async () => {
    const now = new Date('2026-08-21T00:00:00Z');
    const results = await Promise.all(
      ['a', 'b', 'c', 'd'].map((owner) => tryAcquireLease(t.db, 'job-x', owner, now, 60_000)),
    );
    assert.equal(results.filter(Boolean).length, 1);
    const holder = ['a', 'b', 'c', 'd'][results.indexOf(true)] as string;
    assert.equal(
      await tryAcquireLease(t.db, 'job-x', holder, now, 60_000),
      false,
      'not even the holder, before expiry',
    );
    assert.equal(await tryAcquireLease(t.db, 'job-x', 'e', new Date(now.getTime() + 30_000), 60_000), false);
    assert.equal(await tryAcquireLease(t.db, 'job-x', 'e', new Date(now.getTime() + 61_000), 60_000), true);
  });

  it('several instances running the same job: it runs once per interval', async () => {
    let runs = 0;
    const job = { name: 'ingest-test', intervalMs: 3_600_000, run: async () => void runs++ };
    const now = () => new Date('2026-08-21T01:00:00Z');
    const instances = [1, 2, 3].map(() => new Scheduler({ db: t.db, log: silentLogger(), now }));
    await Promise.all(instances.map((s) => s.runOnce(job)));
    await Promise.all(instances.map((s) => s.runOnce(job)));
    assert.equal(runs, 1);
    await Promise.all(instances.map((s) => s.stop()));
  });

  it('a failing run is logged, not thrown, and frees the lease for a retry', async () => {
    let attempts = 0;
    const job = {
      name: 'flaky',
      intervalMs: 3_600_000,
      run: async () => {
        attempts++;
        if (attempts === 1) throw new Error('arXiv down');
      },
    };
    const now = () => new Date('2026-08-21T02:00:00Z');
    const [a, b] = [
      new Scheduler({ db: t.db, log: silentLogger(), now }),
      new Scheduler({ db: t.db, log: silentLogger(), now }),
    ];
    await a.runOnce(job);
    await b.runOnce(job);
    assert.equal(attempts, 2);
  });
});
