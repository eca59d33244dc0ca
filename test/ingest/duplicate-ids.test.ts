// One input holding the same arXiv id twice with different content at the same version: the stored
// paper is the same whichever order, batch or worker thread the two records arrive in, and a re-import
// changes nothing (it used to flip such papers back and forth, "updating" them on every run).

import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { importPath } from '../../src/ingest/import-path.js';
import { silentLogger } from '../../src/lib/logger.js';
import { listChangesSince } from '../../src/store/changes.js';
import { getPaper } from '../../src/store/paper-reads.js';
import { sharedData } from '../helpers/paths.js';
import { createTestDatabase, eachDialect, type TestDatabase, tempDir } from '../helpers/test-db.js';

const rawDaily = `${sharedData}arxiv-listings-cs/daily-arxiv-ai-enhanced/raw-daily/`;
// Three real crawl days in one file (258 ids repeat): 2606.27443 is listed in cs.AI alone on 06-29 and
// cross-listed to cs.CL on 06-30; 2606.30338 in cs.AI on 06-30, with cs.IT on 07-01. No versions.
const lines = ['2026-06-29.jsonl', '2026-06-30.jsonl', '2026-07-01.jsonl'].flatMap((name) =>
  readFileSync(`${rawDaily}${name}`, 'utf8').split('\n').filter(Boolean),
);
const conflicting = ['2606.27443', '2606.30338'];

eachDialect('importing a file that holds an id twice with conflicting content', (dialect) => {
  let t: TestDatabase;
  let u: TestDatabase;
  const dir = tempDir();
  const forward = join(dir, 'forward', '2026-06-30.jsonl');
  const backward = join(dir, 'backward', '2026-06-30.jsonl');
  const options = (database: TestDatabase) => ({ database, log: silentLogger(), batchSize: 50, workers: 2 });
  before(async () => {
    t = await createTestDatabase(dialect);
    u = await createTestDatabase(dialect);
    for (const [path, order] of [
      [forward, lines],
      [backward, [...lines].reverse()],
    ] as const) {
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(path, `${order.join('\n')}\n`);
    }
  });
  after(async () => {
    await t.destroy();
    await u.destroy();
  });

  it('re-importing it reports no updates and writes no revisions', async () => {
    const first = await importPath(forward, options(t));
    assert.equal(first.read, lines.length);
    const revisions = (await listChangesSince(t.db, 0, 100_000)).length;
    for (let run = 0; run < 2; run++) {
      const again = await importPath(forward, options(t));
      assert.deepEqual({ inserted: again.inserted, updated: again.updated }, { inserted: 0, updated: 0 });
    }
    assert.equal((await listChangesSince(t.db, 0, 100_000)).length, revisions);
  });

  it('keeps the same record whichever comes first (the content decides: the cross-listed record sorts after cs.AI alone)', async () => {
    await importPath(backward, options(u));
    for (const id of conflicting) {
      const a = await getPaper(t.db, id);
      const b = await getPaper(u.db, id);
      assert.ok(a && b);
      assert.deepEqual(a.categories, b.categories, id);
      assert.equal(a.categories.length, 2, `${id}: the cross-listed record wins (${a.categories})`);
    }
    const again = await importPath(forward, options(u));
    assert.equal(again.updated, 0);
  });
});
