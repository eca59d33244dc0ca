// A published rebuild removes the generation it replaced (file, WAL, shared memory) without breaking
// what still has it open: a reader keeps reading it until its next get() follows CURRENT, a follower
// that held it applies its next changes to the new one, and another process's unpublished build is
// left alone.

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { catchUpIndex } from '../../src/search/index-follower.js';
import { IndexHandle } from '../../src/search/index-handle.js';
import { removeReplacedIndexFiles } from '../../src/search/index-location.js';
import { rebuildIndex } from '../../src/search/rebuild-index.js';
import { upsertPapers } from '../../src/store/paper-writes.js';
import { arxivRecord } from '../helpers/factories.js';
import { createTestDatabase, eachDialect, type TestDatabase, tempDir } from '../helpers/test-db.js';

const generations = (dir: string) =>
  readdirSync(dir)
    .filter((n) => /^index-\d+\.db/.test(n))
    .sort();
const idsIn = (handle: IndexHandle) =>
  (
    handle
      .get()
      .sqlite.prepare('select arxiv_id from search_docs order by arxiv_id')
      .pluck()
      .all() as string[]
  ).join(' ');

eachDialect('search index generations', (dialect) => {
  let t: TestDatabase;
  const dir = join(tempDir(), 'search');
  before(async () => {
    t = await createTestDatabase(dialect);
    await upsertPapers(t, [arxivRecord({ arxivId: '2401.00001' }), arxivRecord({ arxivId: '2401.00002' })]);
  });
  after(async () => {
    await t.destroy();
  });

  it('reindex removes the generation it replaced while a reader and a follower still hold it', async () => {
    await rebuildIndex(dir, t);
    const old = readFileSync(join(dir, 'CURRENT'), 'utf8').trim();
    // The follower (writable, WAL) and a search worker (read-only) both have the live generation open.
    const follower = new IndexHandle(dir);
    const reader = new IndexHandle(dir, { readonly: true });
    await upsertPapers(t, [arxivRecord({ arxivId: '2401.00003' })]);
    await catchUpIndex(follower, t);
    const held = reader.get().sqlite;
    assert.equal(idsIn(reader), '2401.00001 2401.00002 2401.00003');
    assert.ok(existsSync(join(dir, `${old}-wal`)), 'the old generation has a WAL');

    await rebuildIndex(dir, t);
    const live = readFileSync(join(dir, 'CURRENT'), 'utf8').trim();
    assert.notEqual(live, old);
    assert.deepEqual(
      generations(dir),
      [live, `${live}-shm`, `${live}-wal`].filter((n) => existsSync(join(dir, n))),
    );
    // Unlinked but open: the reader's connection still answers from it.
    assert.equal(held.prepare('select count(*) from search_docs').pluck().get(), 3);

    await upsertPapers(t, [arxivRecord({ arxivId: '2401.00004' })]);
    await catchUpIndex(follower, t);
    assert.equal(idsIn(reader), '2401.00001 2401.00002 2401.00003 2401.00004', 'the reader followed CURRENT');
    assert.equal(follower.get().path, join(dir, live));
    assert.ok(!existsSync(join(dir, old)), 'nothing recreated the old generation');
    follower.close();
    reader.close();
  });

  it('the startup sweep removes older generations only, never a newer one being built', () => {
    const live = readFileSync(join(dir, 'CURRENT'), 'utf8').trim();
    const n = Number(/\d+/.exec(live)?.[0]);
    for (const name of [`index-${n - 1}.db`, `index-${n - 1}.db-wal`, `index-${n + 1}.db`])
      writeFileSync(join(dir, name), '');
    assert.deepEqual(removeReplacedIndexFiles(dir).sort(), [`index-${n - 1}.db`, `index-${n - 1}.db-wal`]);
    assert.ok(existsSync(join(dir, `index-${n + 1}.db`)), 'an unpublished build is left alone');
  });
});
