// The trending board over the two real Hugging Face snapshots of the same day: scores follow the
// published formula, the later snapshot's grown upvotes raise exactly their papers' scores, and the
// page, API and feed agree on the order.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Hono } from 'hono';
import { importPath } from '../../src/ingest/import-path.js';
import { silentLogger } from '../../src/lib/logger.js';
import { placementTime, trendingScore } from '../../src/model/trending.js';
import { listBoard, type PaperView } from '../../src/store/paper-reads.js';
import { sharedData } from '../helpers/paths.js';
import { createTestDatabase, eachDialect, type TestDatabase } from '../helpers/test-db.js';
import { appFor, cardOrder, get, relHref } from './web-fixtures.js';

const DAY = '2026-08-21.json';
const earlier = `${sharedData}hf-papers-api/daily_papers/snap-0800utc_newsletter-chinese/${DAY}`;
const later = `${sharedData}hf-papers-api/daily_papers/snap-1500utc_korean-autoflow/${DAY}`;

async function trending(t: TestDatabase): Promise<PaperView[]> {
  return (await listBoard(t.db, { limit: 500, offset: 0, order: 'trending' })).items;
}

eachDialect('trending board', (dialect) => {
  let t: TestDatabase;
  let app: Hono;
  let first: PaperView[];
  before(async () => {
    t = await createTestDatabase(dialect);
    app = appFor(t);
    await importPath(earlier, { database: t, log: silentLogger(), workers: 1 });
    first = await trending(t);
  });
  after(async () => {
    await t.destroy();
  });

  it('stores each placement’s score by the formula and ranks by it', () => {
    assert.ok(first.length > 10);
    for (const paper of first) {
      assert.ok(paper.board);
      assert.equal(
        paper.trendingScore,
        trendingScore(paper.upvotes, placementTime(paper.board)),
        paper.arxivId,
      );
    }
    const scores = first.map((p) => p.trendingScore ?? 0);
    assert.deepEqual(
      scores,
      [...scores].sort((a, b) => b - a),
    );
  });

  it('the later snapshot’s grown upvotes raise exactly those papers’ scores, by log10 of the growth', async () => {
    await importPath(later, { database: t, log: silentLogger(), workers: 1 });
    const second = new Map((await trending(t)).map((p) => [p.arxivId, p]));
    let grown = 0;
    for (const before of first) {
      const after = second.get(before.arxivId);
      assert.ok(after, `${before.arxivId} left the board`);
      assert.ok(after.upvotes >= before.upvotes, 'upvotes never fall');
      const expected = Math.log10(Math.max(after.upvotes, 1)) - Math.log10(Math.max(before.upvotes, 1));
      assert.ok(
        Math.abs((after.trendingScore ?? 0) - (before.trendingScore ?? 0) - expected) < 2e-6,
        after.arxivId,
      );
      if (after.upvotes > before.upvotes) grown += 1;
    }
    assert.ok(grown > 0, 'the later snapshot has more upvotes for some papers');
    const order = [...second.values()].map((p) => p.trendingScore ?? 0);
    assert.deepEqual(
      order,
      [...order].sort((a, b) => b - a),
    );
  });

  it('the page, the API (sort=trending) and the feed list the same papers in the same order', async () => {
    const expected = (await trending(t)).slice(0, 50).map((p) => p.arxivId);
    const page = await get(app, '/trending');
    assert.equal(page.status, 200);
    assert.deepEqual(cardOrder(page.html), expected);
    assert.match(page.html, /<a href="\/trending" aria-current="page">Trending<\/a>/);
    assert.match(page.html, /Why ranked here/);
    assert.match(page.html, /href="\/feeds\/trending\.atom"/);
    const top = (await trending(t))[0];
    assert.ok(top?.trendingScore);
    assert.ok(page.html.includes(`score ${top.trendingScore.toFixed(3)}`));

    const api = await app.request('/api/daily_papers?sort=trending&limit=50');
    assert.equal(api.status, 200);
    assert.deepEqual(
      ((await api.json()) as Array<{ paper: { id: string } }>).map((item) => item.paper.id),
      expected,
    );
    const feed = (await (await app.request('/feeds/trending.json')).json()) as {
      items: Array<{ id: string }>;
    };
    assert.deepEqual(
      feed.items.map((item) => item.id.replace(/^.*\/papers\//, '')),
      expected,
    );
  });

  it('pages through the whole ranking with ?p= (0-based), prev/next links and numbering that carries on', async () => {
    const all = (await trending(t)).map((p) => p.arxivId);
    const small = appFor(t, { boardPageSize: 5 });
    const pageCount = Math.ceil(all.length / 5);
    assert.ok(pageCount > 2);
    const first = await get(small, '/trending');
    assert.deepEqual(cardOrder(first.html), all.slice(0, 5));
    assert.match(first.html, new RegExp(`Page 1 of ${pageCount}`));
    assert.match(first.html, new RegExp(`${all.length} papers\\.`));
    assert.equal(relHref(first.html, 'next'), '/trending?p=1');
    const second = await get(small, '/trending?p=1');
    assert.equal(second.status, 200);
    assert.deepEqual(cardOrder(second.html), all.slice(5, 10));
    assert.match(second.html, /<ol class="paper-list" start="6">/);
    assert.equal(relHref(second.html, 'prev'), '/trending');
    assert.equal(relHref(second.html, 'next'), '/trending?p=2');
    assert.match(second.html, /<link rel="canonical" href="http:\/\/paperboard\.test\/trending\?p=1"\/>/);
    const last = await get(small, `/trending?p=${pageCount - 1}`);
    assert.deepEqual(cardOrder(last.html), all.slice((pageCount - 1) * 5));
    assert.equal(relHref(last.html, 'next'), undefined);
    assert.equal((await get(small, `/trending?p=${pageCount}`)).status, 404);
    assert.equal((await get(small, '/trending?p=one')).status, 400);
  });

  it('sort=trending within a day ranks that day; an unknown sort is a 400 with a message', async () => {
    const day = await app.request('/api/daily_papers?date=2026-08-21&sort=trending&limit=5');
    assert.equal(day.status, 200);
    assert.equal(((await day.json()) as unknown[]).length, 5);
    const bad = await app.request('/api/daily_papers?sort=hot');
    assert.equal(bad.status, 400);
    assert.match(
      ((await bad.json()) as { error: string }).error,
      /sort must be one of upvotes, trending, publishedAt/,
    );
  });
});
