// Board controls through app.request(): the date picker's GET form lands on the chosen board, `?cat=`
// narrows a board to one category (count, paging and canonical URL included), `?sort=newest` orders
// by arXiv publication, filters survive paging and the picker, and bad values are 400s that say why.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Hono } from 'hono';
import { listBoardCategories } from '../../src/store/board-categories.js';
import { arxivRecord } from '../helpers/factories.js';
import { createTestDatabase, eachDialect, type TestDatabase } from '../helpers/test-db.js';
import { appFor, cardOrder, get, loadRecords } from './web-fixtures.js';

/** A paper on the 2026-08-21 board with the given categories, upvotes and publication day. */
function paper(n: number, categories: string[], upvotes: number, published: string) {
  return arxivRecord({
    arxivId: `2608.0010${n}`,
    title: `Paper ${n}`,
    primaryCategory: categories[0],
    categories,
    publishedAt: `${published}T10:00:00Z`,
    versions: [{ version: 1, submittedAt: `${published}T10:00:00Z`, size: '100kb' }],
    source: 'listing',
    community: { upvotes },
    board: { date: '2026-08-21' },
  });
}

const records = [
  paper(1, ['cs.CV'], 10, '2026-08-19'),
  paper(2, ['cs.CL', 'cs.CV'], 30, '2026-08-17'),
  paper(3, ['cs.CL'], 20, '2026-08-20'),
  // "cs.CVX" is not cs.CV: the filter must match the whole category, not a prefix.
  paper(4, ['cs.CVX'], 5, '2026-08-18'),
  paper(5, ['stat.ML', 'cs.CV'], 1, '2026-08-21'),
];

eachDialect('board filters', (dialect) => {
  let t: TestDatabase;
  let app: Hono;
  before(async () => {
    t = await createTestDatabase(dialect);
    await loadRecords(t, records);
    app = appFor(t, { boardPageSize: 2 });
  });
  after(async () => {
    await t.destroy();
  });

  it('?cat= narrows the board to one category, whole names only', async () => {
    const page = await get(app, '/date/2026-08-21?cat=cs.CV');
    assert.equal(page.status, 200);
    assert.deepEqual(cardOrder(page.html), ['2608.00102', '2608.00101']);
    assert.match(page.html, /3 papers/);
    assert.match(page.html, /<option value="cs.CV" selected="">cs.CV<\/option>/);
    assert.match(
      page.html,
      /<link rel="canonical" href="http:\/\/paperboard.test\/date\/2026-08-21\?cat=cs.CV"\/>/,
    );
    // Page 2 keeps the filter, and so do the votes' return path and the pager.
    assert.match(page.html, /<a href="\/date\/2026-08-21\?cat=cs.CV&amp;p=1" rel="next">/);
    assert.match(page.html, /name="back" value="\/date\/2026-08-21\?cat=cs.CV"/);
    const second = await get(app, '/date/2026-08-21?cat=cs.CV&p=1');
    assert.deepEqual(cardOrder(second.html), ['2608.00105']);
    assert.match(
      second.html,
      /<link rel="canonical" href="http:\/\/paperboard.test\/date\/2026-08-21\?cat=cs.CV&amp;p=1"\/>/,
    );
  });

  it('normalises the category spelling', async () => {
    const page = await get(app, '/date/2026-08-21?cat=CS.cv');
    assert.deepEqual(cardOrder(page.html), ['2608.00102', '2608.00101']);
  });

  it('?sort=newest orders by publication, newest first', async () => {
    const page = await get(app, '/date/2026-08-21?sort=newest');
    assert.deepEqual(cardOrder(page.html), ['2608.00105', '2608.00103']);
    assert.match(page.html, /<option value="newest" selected="">Newest<\/option>/);
    const both = await get(app, '/week/2026-W34?cat=cs.CL&sort=newest');
    assert.deepEqual(cardOrder(both.html), ['2608.00103', '2608.00102']);
  });

  it('an empty category says so and links back to all categories', async () => {
    const page = await get(app, '/date/2026-08-21?cat=hep-th');
    assert.equal(page.status, 200);
    assert.match(page.html, /No papers in hep-th on this day/);
    assert.match(page.html, /<a href="\/date\/2026-08-21">Show all categories<\/a>/);
  });

  it('offers the categories of the period, most common first', async () => {
    assert.deepEqual(await listBoardCategories(t.db, { from: '2026-08-21', to: '2026-08-21' }, 3), [
      { category: 'cs.CV', count: 3 },
      { category: 'cs.CL', count: 2 },
      { category: 'cs.CVX', count: 1 },
    ]);
    const page = await get(app, '/date/2026-08-21');
    assert.match(
      page.html,
      /<select id="board-cat" name="cat"><option value="">All categories<\/option><option value="cs.CV">/,
    );
  });

  it('rejects a malformed category or sort with a 400 that says why', async () => {
    for (const [path, message] of [
      ['/date/2026-08-21?cat=%25', /is not an arXiv category/],
      ['/date/2026-08-21?cat=cs.*', /is not an arXiv category/],
      ['/?cat=a_b', /is not an arXiv category/],
      ['/month/2026-08?sort=best', /must be “upvotes” or “newest”/],
    ] as const) {
      const page = await get(app, path);
      assert.equal(page.status, 400, path);
      assert.match(page.html, message, path);
    }
  });

  it('the date picker is a GET form to /date that works without script', async () => {
    const { html } = await get(app, '/week/2026-W34?cat=cs.CL');
    assert.match(
      html,
      /<form method="get" action="\/date" class="board-control"><label for="board-date">Go to date<\/label><input id="board-date" type="date" name="d" value="2026-08-17" required=""\/><input type="hidden" name="kind" value="week"\/><input type="hidden" name="cat" value="cs.CL"\/>/,
    );
  });

  it('/date?d= redirects to that board, its week or month, keeping the filters', async () => {
    const cases = [
      ['/date?d=2026-08-21', '/date/2026-08-21'],
      ['/date?d=2026-08-21&kind=week&cat=cs.cv&sort=newest', '/week/2026-W34?cat=cs.CV&sort=newest'],
      ['/date?d=2026-08-21&kind=month', '/month/2026-08'],
      ['/date', '/'],
    ];
    for (const [from, to] of cases) {
      const res = await app.request(from ?? '');
      assert.equal(res.status, 302, from);
      assert.equal(res.headers.get('location'), to, from);
    }
    for (const bad of [
      '/date?d=2026-02-30',
      '/date?d=yesterday',
      '/date?d=2026-08-21&kind=year',
      '/date?d=2026-08-21&sort=x',
    ]) {
      const res = await app.request(bad);
      assert.equal(res.status, 400, bad);
    }
  });
});
