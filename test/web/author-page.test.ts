// Author pages: the papers listing a name (normalised like search: case and accents), newest first,
// linked from paper pages, with feeds; odd names never break the page.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Hono } from 'hono';
import { createApp } from '../../src/web/app.js';
import { arxivRecord } from '../helpers/factories.js';
import { type TestContext, testContext } from '../helpers/test-app.js';
import { createTestDatabase, eachDialect, type TestDatabase } from '../helpers/test-db.js';
import { cardOrder, get, loadRecords, relHref } from './web-fixtures.js';

eachDialect('author pages', (dialect) => {
  let t: TestDatabase;
  let ctx: TestContext;
  let app: Hono;
  before(async () => {
    t = await createTestDatabase(dialect);
    await loadRecords(t, [
      arxivRecord({
        arxivId: '2401.00001',
        publishedAt: '2024-01-01T00:00:00Z',
        versions: [{ version: 1, submittedAt: '2024-01-01T00:00:00Z' }],
      }),
      arxivRecord({
        arxivId: '2403.00002',
        authors: [{ name: 'Jürgen Schmidhuber' }, { name: 'Ada Lovelace' }],
        publishedAt: '2024-03-01T00:00:00Z',
        versions: [{ version: 1, submittedAt: '2024-03-01T00:00:00Z' }],
      }),
      arxivRecord({
        arxivId: '2402.00003',
        authors: [{ name: 'Alan Turing' }],
        publishedAt: '2024-02-01T00:00:00Z',
        versions: [{ version: 1, submittedAt: '2024-02-01T00:00:00Z' }],
      }),
    ]);
    ctx = testContext(t);
    await ctx.search.catchUp();
    app = createApp(ctx);
  });
  after(async () => {
    await ctx.search.close();
    await t.destroy();
  });

  it('lists the papers by a name, newest first, with feeds', async () => {
    const page = await get(app, '/authors/Ada%20Lovelace');
    assert.equal(page.status, 200);
    assert.deepEqual(cardOrder(page.html), ['2403.00002', '2401.00001']);
    assert.match(page.html, /<h1>Ada Lovelace<\/h1>/);
    // Encoded as the feed writes its own self link, so a reader subscribed here sees a matching URL.
    assert.match(page.html, /href="\/feeds\/search\.atom\?q=au%3A%22Ada\+Lovelace%22"/);
    const atom = await (await app.request('/feeds/search.atom?q=au%3A%22Ada+Lovelace%22')).text();
    assert.match(
      atom,
      /<link rel="self" type="application\/atom\+xml" href="http:\/\/paperboard\.test\/feeds\/search\.atom\?q=au%3A%22Ada\+Lovelace%22"\/>/,
    );
  });

  it('matches names as search normalises them: case and accents', async () => {
    assert.deepEqual(cardOrder((await get(app, '/authors/jurgen%20SCHMIDHUBER')).html), ['2403.00002']);
  });

  it('answers a name nobody has with a 404 page that offers a search, and odd names without breaking', async () => {
    const nobody = await get(app, '/authors/Grace%20Hopper');
    assert.equal(nobody.status, 404);
    assert.match(nobody.html, /No paper on Paperboard lists Grace Hopper as an author\./);
    assert.match(
      nobody.html,
      /<a href="\/search\?q=Grace\+Hopper"[^>]*>Search for “Grace Hopper” instead<\/a>/,
    );
    const quoted = await get(app, `/authors/${encodeURIComponent('Ada "the" Lovelace <script>')}`);
    assert.equal(quoted.status, 404);
    assert.doesNotMatch(quoted.html, /<script>/);
    assert.equal((await get(app, '/authors/%20')).status, 400);
    assert.equal((await get(app, `/authors/${'x'.repeat(201)}`)).status, 400);
  });

  it('pages through every paper by a name with ?p= (0-based) and prev/next links', async () => {
    const small = createApp({ ...ctx, config: { ...ctx.config, boardPageSize: 1 } });
    const first = await get(small, '/authors/Ada%20Lovelace');
    assert.equal(first.status, 200);
    assert.deepEqual(cardOrder(first.html), ['2403.00002']);
    assert.match(first.html, /2 papers, newest first/);
    assert.match(first.html, /Page 1 of 2/);
    assert.equal(relHref(first.html, 'next'), '/authors/Ada%20Lovelace?p=1');
    assert.equal(relHref(first.html, 'prev'), undefined);
    const second = await get(small, '/authors/Ada%20Lovelace?p=1');
    assert.deepEqual(cardOrder(second.html), ['2401.00001']);
    assert.match(second.html, /<ol class="paper-list" start="2">/);
    assert.equal(relHref(second.html, 'prev'), '/authors/Ada%20Lovelace');
    assert.match(
      second.html,
      /<link rel="canonical" href="http:\/\/paperboard\.test\/authors\/Ada%20Lovelace\?p=1"\/>/,
    );
    // A vote from page 2 returns to page 2.
    assert.match(second.html, /name="back" value="\/authors\/Ada%20Lovelace\?p=1"/);
    const past = await get(small, '/authors/Ada%20Lovelace?p=2');
    assert.equal(past.status, 404);
    assert.match(past.html, /has 2 pages; there is no page 2/);
    assert.equal((await get(small, '/authors/Ada%20Lovelace?p=-1')).status, 400);
    assert.equal((await get(small, '/authors/Ada%20Lovelace?p=x')).status, 400);
  });

  it('links each author of a paper page to their page', async () => {
    const page = await get(app, '/papers/2403.00002');
    assert.match(page.html, /<a href="\/authors\/J%C3%BCrgen%20Schmidhuber">Jürgen Schmidhuber<\/a>/);
  });
});
