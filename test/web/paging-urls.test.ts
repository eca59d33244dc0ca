// `?p=` is zero-based on every paged list, and the first page is the bare URL: `?p=0` serves page one
// with a canonical link without `?p=0`, no link anywhere points at `p=0`, the next page is `?p=1`,
// and its previous link goes back to the bare URL (filters kept). Issue 12 item 13.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Hono } from 'hono';
import { createApp } from '../../src/web/app.js';
import { boardRecord } from '../helpers/factories.js';
import { testContext } from '../helpers/test-app.js';
import { createTestDatabase, eachDialect, type TestDatabase } from '../helpers/test-db.js';
import { cardOrder, get, loadRecords, relHref } from './web-fixtures.js';

const records = [1, 2, 3].map((n) =>
  boardRecord({ arxivId: `2608.0005${n}`, title: `Paper ${n}`, community: { upvotes: 10 * n } }),
);

const LISTS = [
  '/',
  '/date/2026-08-21',
  '/week/2026-W34',
  '/month/2026-08',
  '/trending',
  '/authors/Ada%20Lovelace',
  '/date/2026-08-21?sort=newest',
];

eachDialect('zero-based ?p= everywhere', (dialect) => {
  let t: TestDatabase;
  let app: Hono;
  let ctx: ReturnType<typeof testContext>;
  before(async () => {
    t = await createTestDatabase(dialect);
    await loadRecords(t, records);
    ctx = testContext(t);
    // Author pages list papers from the search index.
    await ctx.search.catchUp();
    app = createApp({ ...ctx, config: { ...ctx.config, boardPageSize: 2 } });
  });
  after(async () => {
    await ctx.search.close();
    await t.destroy();
  });

  for (const path of LISTS) {
    it(`${path}: page one is the bare URL, ?p=1 the second page`, async () => {
      const join = path.includes('?') ? '&' : '?';
      const bare = await get(app, path);
      const zero = await get(app, `${path}${join}p=0`);
      assert.equal(zero.status, 200);
      assert.deepEqual(cardOrder(zero.html), cardOrder(bare.html));
      assert.equal(cardOrder(bare.html).length, 2);
      const canonical = /<link rel="canonical" href="http:\/\/paperboard\.test([^"]*)"/.exec(zero.html)?.[1];
      assert.equal(canonical?.replaceAll('&amp;', '&'), path);
      assert.doesNotMatch(zero.html, /[?&;]p=0\b/);
      const next = relHref(zero.html.slice(zero.html.indexOf('class="pagination"')), 'next');
      assert.equal(next?.replaceAll('&amp;', '&'), `${path}${join}p=1`);
      const second = await get(app, next?.replaceAll('&amp;', '&') ?? '');
      assert.equal(cardOrder(second.html).length, 1);
      const previous = relHref(second.html.slice(second.html.indexOf('class="pagination"')), 'prev');
      assert.equal(previous?.replaceAll('&amp;', '&'), path);
    });
  }
});
