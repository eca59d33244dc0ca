// The render cache's aged bodies (stale-while-revalidate on the clock alone): a body of the current
// revision past RENDER_CACHE_SECONDS is served once more while one background render replaces it; past
// twice that age, or after any change, the reader waits for a render as before.
import assert from 'node:assert/strict';
import { after, before, beforeEach, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { Hono } from 'hono';
import { createRenderCache, RENDER_REFRESH } from '../../src/web/render-cache/render-cache.js';
import { boardRecord } from '../helpers/factories.js';
import { type TestContext, testContext } from '../helpers/test-app.js';
import { createTestDatabase, eachDialect, type TestDatabase } from '../helpers/test-db.js';
import { loadRecords } from './web-fixtures.js';

const MAX_AGE_MS = 1000;
const SEARCH_LAG_MS = 100;

eachDialect('render cache: aged bodies', (dialect) => {
  let t: TestDatabase;
  let ctx: TestContext;
  let app: Hono;
  let clock = 0;
  let renders = 0;
  let isSlow = false;
  /** The search index's applied revision, as serve's follower reports it. */
  let indexRevision: number | null = Number.MAX_SAFE_INTEGER;

  before(async () => {
    t = await createTestDatabase(dialect);
    await loadRecords(t, [boardRecord({ arxivId: '2608.00001' })]);
    ctx = testContext(t);
    app = new Hono();
    const cache = createRenderCache(ctx, {
      maxBytes: 1_000_000,
      maxAgeMs: MAX_AGE_MS,
      now: () => clock,
      searchRevision: () => indexRevision,
      searchLagMs: SEARCH_LAG_MS,
      renderAnonymous: async (url, request) =>
        app.request(
          url,
          { headers: request?.accept ? { accept: request.accept } : {} },
          request?.refresh ? { [RENDER_REFRESH]: true } : undefined,
        ),
    });
    app.use(cache.front);
    app.use(cache.middleware);
    app.get('/authors/:name', (c) => {
      renders++;
      return c.html(`<p>author render ${renders}</p>`);
    });
    app.get('/trending', async (c) => {
      // Counted when done: a slow render is still in flight until then.
      if (isSlow) await delay(50);
      renders++;
      return c.html(`<p>render ${renders}</p>`);
    });
  });
  beforeEach(async () => {
    clock += 100 * MAX_AGE_MS;
    renders = 0;
    isSlow = false;
    // A fresh body for this case.
    assert.equal(await body(), '<p>render 1</p>');
  });
  after(async () => {
    await ctx.search.close();
    await t.destroy();
  });

  const body = async () => (await app.request('/trending')).text();

  /** Waits for the background render (bounded: a refresh that never comes fails the test). */
  async function rendersReach(count: number): Promise<void> {
    for (let i = 0; i < 200 && renders < count; i++) await delay(5);
    assert.equal(renders, count);
  }

  it('serves a fresh body without rendering', async () => {
    clock += MAX_AGE_MS - 1;
    assert.equal(await body(), '<p>render 1</p>');
    assert.equal(renders, 1);
  });

  it('serves an aged body at once and renders its replacement once, in the background', async () => {
    clock += MAX_AGE_MS + 1;
    isSlow = true;
    const answers = await Promise.all([body(), body(), body()]);
    assert.deepEqual(answers, ['<p>render 1</p>', '<p>render 1</p>', '<p>render 1</p>']);
    assert.equal(renders, 1, 'nobody waited for a render');
    await rendersReach(2);
    await delay(80);
    assert.equal(renders, 2, 'one background render for many readers');
    assert.equal(await body(), '<p>render 2</p>');
    assert.equal(renders, 2);
  });

  it('renders before answering once a body is twice as old as allowed', async () => {
    clock += 2 * MAX_AGE_MS;
    assert.equal(await body(), '<p>render 2</p>');
  });

  it('never serves an aged body after a change: the reader waits for the new render', async () => {
    clock += MAX_AGE_MS + 1;
    await loadRecords(t, [boardRecord({ arxivId: '2608.00002' })]);
    assert.equal(await body(), '<p>render 2</p>');
    await delay(20);
    assert.equal(renders, 2, 'no background render besides');
  });

  it('keeps a page read from a lagging search index only until the index has had time to catch up', async () => {
    const author = async () => (await app.request('/authors/Ada')).text();
    indexRevision = null;
    assert.equal(await author(), '<p>author render 2</p>');
    clock += SEARCH_LAG_MS / 2;
    assert.equal(await author(), '<p>author render 2</p>', 'kept within the lag');
    clock += SEARCH_LAG_MS;
    indexRevision = Number.MAX_SAFE_INTEGER;
    await author();
    await rendersReach(3);
    await delay(20);
    assert.equal(await author(), '<p>author render 3</p>', 'rendered again once the lag passed');
    clock += SEARCH_LAG_MS * 5;
    assert.equal(
      await author(),
      '<p>author render 3</p>',
      'a page of a caught-up index is kept as long as any',
    );
  });
});
