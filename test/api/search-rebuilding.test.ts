// While serve rebuilds an index of another format, search answers 503 "index rebuilding", similar
// papers (read from storage, never computed on request) still answer, the paper page still renders,
// and /healthz stays 200 and says so.

import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { searchHealth, searchUnlessRebuilding } from '../../src/search/index-follower-thread.js';
import { upsertPapers } from '../../src/store/paper-writes.js';
import { createApp } from '../../src/web/app.js';
import { arxivRecord } from '../helpers/factories.js';
import { type TestContext, testContext } from '../helpers/test-app.js';
import { createTestDatabase, eachDialect, type TestDatabase } from '../helpers/test-db.js';

eachDialect('search while the index is rebuilt', (dialect) => {
  let t: TestDatabase;
  let ctx: TestContext;
  before(async () => {
    t = await createTestDatabase(dialect);
    ctx = testContext(t);
    await upsertPapers(t, [arxivRecord({ arxivId: '2401.00001' })]);
  });
  after(async () => {
    await ctx.search.close();
    await t.destroy();
  });

  it('answers 503 for search, serves similar papers and the paper page, reports rebuilding', async () => {
    const status = () => ({ state: 'rebuilding' as const, revision: null });
    const app = createApp({
      ...ctx,
      search: searchUnlessRebuilding(ctx.search, status),
      searchHealth: () => searchHealth(status(), t),
    });
    const search = await app.request('/api/papers/search?q=attention');
    assert.equal(search.status, 503);
    const body = (await search.json()) as { error: string; code: string };
    assert.equal(body.code, 'unavailable');
    assert.match(body.error, /index rebuilding/);
    assert.equal((await app.request('/api/papers/2401.00001/similar')).status, 200);
    assert.equal((await app.request('/papers/2401.00001')).status, 200);
    const health = await app.request('/healthz');
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), {
      status: 'ok',
      database: dialect,
      search: { state: 'rebuilding', revision: null, behind: 1 },
    });
  });
});
