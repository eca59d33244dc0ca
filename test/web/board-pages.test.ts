// Board pages through app.request(): latest day, day/week/month periods, ordering, navigation that
// skips days without papers, pagination, cards, empty states and malformed periods.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Hono } from 'hono';
import { arxivRecord, boardRecord } from '../helpers/factories.js';
import { createTestDatabase, eachDialect, type TestDatabase } from '../helpers/test-db.js';
import { appFor, cardOrder, get, loadRecords, relHref } from './web-fixtures.js';

const manyAuthors = ['Ada Lovelace', 'Alan Turing', 'Grace Hopper', 'Edsger Dijkstra', 'Barbara Liskov'].map(
  (name) => ({
    name,
  }),
);

const LONG_ABSTRACT = `${'Large language models are studied here in depth. '.repeat(6)}We bound the loss by $\\sum_{i=1}^{n} \\ell(x_i, y_i)$ and the tail of this sentence must not appear in the preview.`;

const records = [
  // Friday 2026-08-21: three papers, out of upvote order.
  boardRecord({ arxivId: '2608.00001', title: 'Low votes', community: { upvotes: 5 } }),
  boardRecord({
    arxivId: '2608.00002',
    title: 'Top paper on $\\alpha$-divergences',
    authors: manyAuthors,
    abstract: LONG_ABSTRACT,
    community: { upvotes: 50, numComments: 3, githubRepo: 'https://github.com/example/top' },
  }),
  arxivRecord({
    arxivId: '2608.00002',
    title: 'Top paper on $\\alpha$-divergences',
    authors: manyAuthors,
    abstract: LONG_ABSTRACT,
    primaryCategory: 'cs.CL',
    categories: ['cs.LG', 'cs.CL'],
  }),
  boardRecord({
    arxivId: '2608.00003',
    title: 'Evil <script>alert("title")</script> & $x<y$',
    abstract: '<img src=x onerror=alert(1)> abstract',
    authors: [{ name: '<b>Mallory</b>' }],
    community: { upvotes: 30, numComments: 0 },
    board: { date: '2026-08-21', submittedBy: '<i>eve</i>' },
  }),
  // Monday 2026-08-17 and the Friday before: the weekend has no papers.
  boardRecord({
    arxivId: '2608.00010',
    title: 'Monday paper',
    community: { upvotes: 7 },
    board: { date: '2026-08-17' },
  }),
  boardRecord({
    arxivId: '2608.00011',
    title: 'Friday paper',
    community: { upvotes: 9 },
    board: { date: '2026-08-14' },
  }),
  // July.
  boardRecord({
    arxivId: '2607.00001',
    title: 'July paper',
    community: { upvotes: 1 },
    board: { date: '2026-07-31' },
  }),
];

eachDialect('web board pages', (dialect) => {
  let t: TestDatabase;
  let app: Hono;
  before(async () => {
    t = await createTestDatabase(dialect);
    await loadRecords(t, records);
    app = appFor(t);
  });
  after(async () => {
    await t.destroy();
  });

  it('/ shows the latest board day sorted by upvotes', async () => {
    const page = await get(app, '/');
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    assert.ok(page.html.startsWith('<!doctype html><html lang="en">'));
    assert.deepEqual(cardOrder(page.html), ['2608.00002', '2608.00003', '2608.00001']);
    assert.match(page.html, /<h1>Friday, August 21, 2026<\/h1>/);
    assert.match(page.html, /<title>Daily papers — Friday, August 21, 2026 · Paperboard<\/title>/);
    assert.match(page.html, /<link rel="canonical" href="http:\/\/paperboard.test\/"\/>/);
    assert.match(page.html, /<a href="\/" aria-current="page">Daily<\/a>/);
    assert.match(page.html, /3 papers/);
  });

  it('renders a card with formula, authors, chips, code link, counts and submitter', async () => {
    const { html } = await get(app, '/date/2026-08-21');
    const card = html.slice(
      html.indexOf('aria-labelledby="title-2608-00002"'),
      html.indexOf('aria-labelledby="title-2608-00003"'),
    );
    assert.match(card, /<a href="\/papers\/2608.00002">Top paper on <span class="katex">/);
    assert.match(card, /Ada Lovelace, Alan Turing, Grace Hopper<span class="et-al"> … and 2 more<\/span>/);
    assert.doesNotMatch(card, /Dijkstra/);
    assert.match(card, /<li class="chip primary">cs.CL<\/li><li class="chip">cs.LG<\/li>/);
    assert.match(
      card,
      /<a class="code-link" href="https:\/\/github.com\/example\/top"[^>]*><svg[\s\S]*?<span>example\/top<\/span><\/a>/,
    );
    assert.match(card, /<span class="count">50<\/span>/);
    assert.match(card, /<a class="meta-item" href="\/papers\/[^"]+#discussion"[^>]*>.*?3 comments<\/a>/);
    assert.match(card, /Submitted by akhaliq/);
  });

  it('cuts the abstract preview at a word boundary before the formula', async () => {
    const { html } = await get(app, '/');
    const preview = /<p class="abstract-preview">([\s\S]*?)<\/p>/.exec(
      html.slice(html.indexOf('id="title-2608-00002"')),
    )?.[1];
    assert.ok(preview);
    assert.ok(preview.endsWith('studied here in depth. We…'), preview.slice(-40));
    assert.doesNotMatch(preview, /sum_|tail of this sentence|\$/);
    assert.ok(preview.length <= 320);
  });

  it('hides the comment count when there are none', async () => {
    const { html } = await get(app, '/');
    const card = html.slice(
      html.indexOf('aria-labelledby="title-2608-00003"'),
      html.indexOf('aria-labelledby="title-2608-00001"'),
    );
    assert.doesNotMatch(card, /comment/);
  });

  it('escapes markup from data: no injected script, img or tags', async () => {
    const { html } = await get(app, '/');
    assert.equal(html.match(/<script/g)?.length, 1, 'only the site script tag');
    assert.match(html, /<script src="\/assets\/app.js\?v=[0-9a-f]+" defer=""><\/script>/);
    assert.doesNotMatch(html, /<img src=x|<img[^>]*onerror|<b>Mallory|<i>eve/);
    assert.match(
      html,
      /Evil &lt;script&gt;alert\(&quot;title&quot;\)&lt;\/script&gt; &amp; <span class="katex">/,
    );
    assert.match(html, /&lt;b&gt;Mallory&lt;\/b&gt;/);
    assert.match(html, /Submitted by &lt;i&gt;eve&lt;\/i&gt;/);
  });

  it('previous day skips the weekend to the nearest day with papers', async () => {
    const friday = await get(app, '/date/2026-08-21');
    assert.equal(relHref(friday.html, 'prev'), '/date/2026-08-17');
    assert.equal(relHref(friday.html, 'next'), undefined);
    assert.match(friday.html, /No later papers/);
    const monday = await get(app, '/date/2026-08-17');
    assert.deepEqual(cardOrder(monday.html), ['2608.00010']);
    assert.equal(relHref(monday.html, 'prev'), '/date/2026-08-14');
    assert.equal(relHref(monday.html, 'next'), '/date/2026-08-21');
  });

  it('a valid day without papers says so and still links to its neighbours', async () => {
    const page = await get(app, '/date/2026-08-16');
    assert.equal(page.status, 200);
    assert.deepEqual(cardOrder(page.html), []);
    assert.match(page.html, /No papers on this day/);
    assert.equal(relHref(page.html, 'prev'), '/date/2026-08-14');
    assert.equal(relHref(page.html, 'next'), '/date/2026-08-17');
    assert.match(page.html, /<meta name="robots" content="noindex"\/>/);
  });

  it('week and month boards gather their days and navigate by period', async () => {
    const week = await get(app, '/week/2026-W34');
    assert.equal(week.status, 200);
    assert.deepEqual(cardOrder(week.html), ['2608.00002', '2608.00003', '2608.00010', '2608.00001']);
    assert.match(week.html, /<h1>Week 34, 2026<\/h1>/);
    assert.match(week.html, /Aug 17 – Aug 23/);
    assert.equal(relHref(week.html, 'prev'), '/week/2026-W33');
    assert.equal(relHref(week.html, 'next'), undefined);
    const month = await get(app, '/month/2026-08');
    assert.deepEqual(cardOrder(month.html), [
      '2608.00002',
      '2608.00003',
      '2608.00011',
      '2608.00010',
      '2608.00001',
    ]);
    assert.equal(relHref(month.html, 'prev'), '/month/2026-07');
    const july = await get(app, '/month/2026-07');
    assert.equal(relHref(july.html, 'next'), '/month/2026-08');
    assert.equal(relHref(july.html, 'prev'), undefined);
  });

  it('Day/Week/Month tabs point at the same period', async () => {
    const day = await get(app, '/date/2026-08-17');
    assert.match(
      day.html,
      /<a href="\/date\/2026-08-17" aria-current="page">Day<\/a><a href="\/week\/2026-W34">Week<\/a><a href="\/month\/2026-08">Month<\/a>/,
    );
    const week = await get(app, '/week/2026-W34');
    assert.match(
      week.html,
      /<a href="\/date\/2026-08-21">Day<\/a><a href="\/week\/2026-W34" aria-current="page">Week<\/a>/,
    );
    const month = await get(app, '/month/2026-07');
    assert.match(month.html, /<a href="\/date\/2026-07-31">Day<\/a><a href="\/week\/2026-W31">Week<\/a>/);
  });

  it('/week and /month redirect to the period of the latest board day', async () => {
    const week = await app.request('/week');
    assert.equal(week.status, 302);
    assert.equal(week.headers.get('location'), '/week/2026-W34');
    assert.equal((await app.request('/month')).headers.get('location'), '/month/2026-08');
  });

  it('paginates with ?p= (0-based) and the configured page size', async () => {
    const small = appFor(t, { boardPageSize: 2 });
    const first = await get(small, '/month/2026-08');
    assert.deepEqual(cardOrder(first.html), ['2608.00002', '2608.00003']);
    assert.match(first.html, /Page 1 of 3/);
    assert.match(first.html, /<a href="\/month\/2026-08\?p=1" rel="next">Next page →<\/a>/);
    const second = await get(small, '/month/2026-08?p=1');
    assert.deepEqual(cardOrder(second.html), ['2608.00011', '2608.00010']);
    assert.match(second.html, /<ol class="paper-list" start="3">/);
    assert.match(second.html, /<a href="\/month\/2026-08" rel="prev">← Previous page<\/a>/);
    assert.match(
      second.html,
      /<link rel="canonical" href="http:\/\/paperboard.test\/month\/2026-08\?p=1"\/>/,
    );
    const third = await get(small, '/month/2026-08?p=2');
    assert.deepEqual(cardOrder(third.html), ['2608.00001']);
    assert.equal((await get(small, '/month/2026-08?p=3')).status, 404);
    assert.equal((await get(small, '/month/2026-08?p=-1')).status, 400);
    assert.equal((await get(small, '/month/2026-08?p=abc')).status, 400);
  });

  it('rejects malformed periods with a 400 page that explains the format', async () => {
    const cases: [string, RegExp][] = [
      ['/date/2026-02-30', /“2026-02-30” is not a valid date/],
      ['/date/2026-8-1', /Dates look like 2026-08-21/],
      ['/week/2026-W99', /“2026-W99” is not a valid ISO week/],
      ['/week/2026-W00', /Weeks look like 2026-W34/],
      ['/month/2026-13', /“2026-13” is not a valid month/],
      ['/month/abc', /Months look like 2026-08/],
    ];
    for (const [path, message] of cases) {
      const page = await get(app, path);
      assert.equal(page.status, 400, path);
      assert.match(page.html, message, path);
      assert.match(page.html, /<p class="error-code">400<\/p>/, path);
    }
    const evil = await get(app, '/date/%3Cscript%3Ealert(1)%3C%2Fscript%3E');
    assert.equal(evil.status, 400);
    assert.match(evil.html, /“&lt;script&gt;alert\(1\)&lt;\/script&gt;” is not a valid date/);
    assert.equal(evil.html.match(/<script/g)?.length, 1);
  });
});

describe('web board pages on an empty database', () => {
  let t: TestDatabase;
  before(async () => {
    t = await createTestDatabase('sqlite');
  });
  after(async () => {
    await t.destroy();
  });

  it('/ explains how to load papers', async () => {
    const page = await get(appFor(t), '/');
    assert.equal(page.status, 200);
    assert.match(page.html, /<h1>No papers yet<\/h1>/);
    assert.match(page.html, /<code>paperboard import &lt;file&gt;<\/code>/);
    assert.match(page.html, /<code>npm start<\/code>/);
  });

  it('a period page on an empty board has no neighbours', async () => {
    const page = await get(appFor(t), '/date/2026-08-21');
    assert.equal(page.status, 200);
    assert.match(page.html, /No papers on this day/);
    assert.equal(relHref(page.html, 'prev'), undefined);
    assert.equal(relHref(page.html, 'next'), undefined);
  });

  it('/week falls back to the current week by the clock', async () => {
    assert.equal((await appFor(t).request('/week')).headers.get('location'), '/week/2026-W34');
  });
});
