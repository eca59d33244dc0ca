// The "For you" pages through app.request(): anonymous readers are sent to sign in, a new reader gets
// the cold start, follows make a board whose cards say why, "Not interested" removes a card and undo
// brings it back, one reader's picks never show on another's page or on the cached public board,
// and malformed writes answer 4xx. On SQLite and PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Hono } from 'hono';
import { RATE_LIMITS } from '../../src/community/limits.js';
import { createApp } from '../../src/web/app.js';
import { signedInReader } from '../helpers/accounts.js';
import { boardRecord } from '../helpers/factories.js';
import { testContext } from '../helpers/test-app.js';
import { createTestDatabase, eachDialect, type TestDatabase } from '../helpers/test-db.js';
import { appFor, cardOrder, loadRecords, postForm } from './web-fixtures.js';

const PAPERS = [
  boardRecord({
    arxivId: '2608.00001',
    title: 'Parsing with grammars',
    categories: ['cs.CL'],
    primaryCategory: 'cs.CL',
  }),
  boardRecord({
    arxivId: '2608.00002',
    title: 'Translating speech',
    categories: ['cs.CL'],
    primaryCategory: 'cs.CL',
  }),
  boardRecord({
    arxivId: '2608.00003',
    title: 'Robots that walk',
    categories: ['cs.RO'],
    primaryCategory: 'cs.RO',
    authors: [{ name: 'Grace Hopper' }],
  }),
  boardRecord({
    arxivId: '2608.00004',
    title: 'Galaxies far away',
    categories: ['astro-ph.GA'],
    primaryCategory: 'astro-ph.GA',
  }),
];

eachDialect('For you pages', (dialect) => {
  let t: TestDatabase;
  let app: Hono;
  before(async () => {
    t = await createTestDatabase(dialect);
    await loadRecords(t, PAPERS);
    app = appFor(t);
  });
  after(async () => {
    await t.destroy();
  });

  const page = async (path: string, cookie?: string) => {
    const response = await app.request(path, { headers: cookie ? { cookie } : {} });
    return {
      status: response.status,
      location: response.headers.get('location'),
      html: await response.text(),
    };
  };
  const follow = (cookie: string, kind: string, value: string, action = 'follow') =>
    postForm(app, '/follows', { kind, value, action, back: '/for-you' }, { cookie });

  it('sends anonymous readers to sign in, for the page and for its forms', async () => {
    const anonymous = await page('/for-you');
    assert.equal(anonymous.status, 303);
    assert.equal(anonymous.location, '/signin?reason=for-you&next=%2Ffor-you');
    const post = await postForm(app, '/for-you/feedback', {
      paper: '2608.00001',
      kind: 'less',
      back: '/for-you',
    });
    assert.equal(post.status, 303);
    assert.match(post.headers.get('location') ?? '', /^\/signin\?reason=for-you/);
  });

  it('a new reader gets the cold start, with popular papers to pick and topics to follow', async () => {
    const { cookie } = await signedInReader(t, 'newbie');
    const cold = await page('/for-you', cookie);
    assert.equal(cold.status, 200);
    assert.match(cold.html, /Tell us what you read/);
    assert.match(cold.html, /Pick 3 more papers or topics/);
    assert.match(cold.html, /name="kind" value="more"/);
    assert.deepEqual(cardOrder(cold.html).sort(), ['2608.00001', '2608.00002', '2608.00003', '2608.00004']);
    assert.match(cold.html, /<a href="\/for-you">For you<\/a>/);
  });

  it('follows make a board whose cards say why; "Not interested" removes a card and undo restores it', async () => {
    const { cookie } = await signedInReader(t, 'linguist');
    for (const [kind, value] of [
      ['category', 'cs.CL'],
      ['category', 'cs.RO'],
      ['author', 'Grace Hopper'],
    ]) {
      const response = await follow(cookie, kind as string, value as string);
      assert.equal(response.status, 303);
      assert.equal(response.headers.get('location'), '/for-you');
    }
    const board = await page('/for-you', cookie);
    assert.equal(board.status, 200);
    assert.deepEqual(cardOrder(board.html), ['2608.00003', '2608.00002', '2608.00001']);
    assert.match(board.html, /By an author you follow: Grace Hopper/);
    assert.match(board.html, /In cs.CL, which you follow/);
    assert.doesNotMatch(board.html, /Galaxies far away/);

    const less = await postForm(
      app,
      '/for-you/feedback',
      { paper: '2608.00002', kind: 'less', back: '/for-you/date/2026-08-21' },
      { cookie },
    );
    assert.equal(less.status, 303);
    assert.equal(less.headers.get('location'), '/for-you/date/2026-08-21');
    const after = await page('/for-you/date/2026-08-21', cookie);
    assert.deepEqual(cardOrder(after.html), ['2608.00003', '2608.00001']);
    // Undo lives in "Your recent feedback", since the card itself is gone.
    assert.match(after.html, /Your recent feedback[\s\S]*Translating speech[\s\S]*name="kind" value="clear"/);
    await postForm(
      app,
      '/for-you/feedback',
      { paper: '2608.00002', kind: 'clear', back: '/for-you' },
      { cookie },
    );
    assert.deepEqual(cardOrder((await page('/for-you', cookie)).html), [
      '2608.00003',
      '2608.00002',
      '2608.00001',
    ]);

    // Week and month boards of the same reader, and unfollowing takes the reason away.
    const week = await page('/for-you/week/2026-W34', cookie);
    assert.equal(week.status, 200);
    assert.match(week.html, /By an author you follow: Grace Hopper/);
    await follow(cookie, 'author', 'Grace Hopper', 'unfollow');
    assert.doesNotMatch((await page('/for-you', cookie)).html, /By an author you follow/);
  });

  it("one reader's picks never reach another reader or the cached public board", async () => {
    const first = await signedInReader(t, 'private1');
    const second = await signedInReader(t, 'private2');
    for (const value of ['cs.CL', 'cs.RO', 'astro-ph.GA']) await follow(first.cookie, 'category', value);
    await postForm(
      app,
      '/for-you/feedback',
      { paper: '2608.00004', kind: 'more', back: '/' },
      { cookie: first.cookie },
    );
    // The public board, rendered for the first reader then served from the cache to the second and to
    // an anonymous reader, carries nothing of the first reader's signals.
    await page('/date/2026-08-21', first.cookie);
    for (const cookie of [second.cookie, undefined]) {
      const board = await page('/date/2026-08-21', cookie);
      assert.doesNotMatch(board.html, /which you follow|asked more of|Your recent feedback|private1/);
    }
    const other = await page('/for-you', second.cookie);
    assert.match(other.html, /Tell us what you read/);
    // The first reader's follows and feedback (with its undo) are theirs alone.
    assert.doesNotMatch(other.html, /You follow|Unfollow|name="kind" value="clear"|asked for more/);
  });

  it('public boards offer feedback buttons to signed-in readers only, the same (cached or not) for every reader', async () => {
    const uncached = appFor(t, { renderCacheMb: 0 });
    const first = await signedInReader(t, 'boarder1');
    const second = await signedInReader(t, 'boarder2');
    await postForm(
      app,
      '/for-you/feedback',
      { paper: '2608.00001', kind: 'less', back: '/' },
      { cookie: first.cookie },
    );
    const slot = (html: string) =>
      [...html.matchAll(/<!--pb:feedback [^>]*-->([\s\S]*?)<!--\/pb-->/g)].map((m) => m[1]);
    const anonymous = slot((await page('/date/2026-08-21')).html);
    assert.equal(anonymous.length, 4);
    assert.ok(anonymous.every((content) => content === ''));
    // Cached and spliced (app) or rendered in full (uncached): the same buttons, for either reader.
    const forFirst = slot((await page('/date/2026-08-21', first.cookie)).html);
    const forSecond = slot((await page('/date/2026-08-21', second.cookie)).html);
    const full = slot(
      await (await uncached.request('/date/2026-08-21', { headers: { cookie: second.cookie } })).text(),
    );
    assert.equal(forFirst.length, 4);
    assert.match(forFirst[0] ?? '', /data-inline="true".*More like this.*Not interested/);
    assert.deepEqual(forSecond, forFirst);
    assert.deepEqual(full, forFirst);
    // A paper page too: empty for anonymous readers, the same buttons cached or not.
    const paperSlot = async (target: Hono, cookie?: string) =>
      slot(await (await target.request('/papers/2608.00003', { headers: cookie ? { cookie } : {} })).text());
    assert.deepEqual(await paperSlot(app), ['']);
    const onPaper = await paperSlot(app, first.cookie);
    assert.match(onPaper[0] ?? '', /value="2608.00003".*More like this/);
    assert.deepEqual(await paperSlot(uncached, second.cookie), onPaper);
    // An author page's Follow button: none for anonymous readers, the same for every signed-in reader.
    const followSlot = async (target: Hono, cookie?: string) =>
      [
        ...(
          await (
            await target.request('/authors/Grace%20Hopper', { headers: cookie ? { cookie } : {} })
          ).text()
        ).matchAll(/<!--pb:follow-author [^>]*-->([\s\S]*?)<!--\/pb-->/g),
      ].map((m) => m[1]);
    // Author pages read the search index: bring it up to date first.
    const ctx = testContext(t);
    await ctx.search.catchUp();
    const indexed = createApp(ctx);
    const indexedUncached = createApp({ ...ctx, config: { ...ctx.config, renderCacheMb: 0 } });
    try {
      assert.deepEqual(await followSlot(indexed), ['']);
      const onAuthor = await followSlot(indexed, first.cookie);
      assert.match(onAuthor[0] ?? '', /name="value" value="Grace Hopper".*Follow in For you/);
      assert.deepEqual(await followSlot(indexedUncached, second.cookie), onAuthor);
    } finally {
      await ctx.search.close();
    }
    // The script's JSON answer.
    const json = await app.request('/for-you/feedback', {
      method: 'POST',
      body: new URLSearchParams({ paper: '2608.00002', kind: 'more', back: '/' }),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'http://paperboard.test',
        accept: 'application/json',
        cookie: second.cookie,
      },
    });
    assert.deepEqual(await json.json(), { paper: '2608.00002', feedback: 'more' });
  });

  it('malformed writes answer 4xx and change nothing', async () => {
    const { cookie } = await signedInReader(t, 'careless');
    const cases: Array<[string, Record<string, string>, number]> = [
      ['/for-you/feedback', { paper: 'not-an-id', kind: 'less' }, 400],
      ['/for-you/feedback', { paper: '2608.00001', kind: 'hate' }, 400],
      ['/for-you/feedback', { paper: '2608.99999', kind: 'less' }, 404],
      ['/follows', { kind: 'planet', value: 'Mars', action: 'follow' }, 400],
      ['/follows', { kind: 'category', value: 'cs.CL', action: 'like' }, 400],
      ['/follows', { kind: 'category', value: '<script>', action: 'follow' }, 400],
      ['/follows', { kind: 'author', value: '   ', action: 'follow' }, 400],
      ['/follows', { kind: 'author', value: 'x'.repeat(201), action: 'follow' }, 400],
    ];
    for (const [path, form, status] of cases) {
      const response = await postForm(app, path, form, { cookie });
      assert.equal(response.status, status, `${path} ${JSON.stringify(form)}`);
    }
    assert.equal((await page('/for-you/year/2026', cookie)).status, 404);
    assert.equal((await page('/for-you/date/2026-02-30', cookie)).status, 404);
    assert.equal((await page('/for-you?p=-1', cookie)).status, 400);
    assert.match((await page('/for-you', cookie)).html, /Tell us what you read/);
    // A forged cross-site POST is refused by the CSRF check.
    const forged = await postForm(
      app,
      '/follows',
      { kind: 'category', value: 'cs.CL', action: 'follow' },
      {
        cookie,
        origin: 'https://evil.example',
      },
    );
    assert.equal(forged.status, 403);
  });

  it('the per-reader limit stops a feedback script with 429', async () => {
    const { cookie } = await signedInReader(t, 'script');
    let last = 0;
    for (let i = 0; i <= RATE_LIMITS.feedback.max; i += 1) {
      const kind = i % 2 === 0 ? 'more' : 'clear';
      last = (await postForm(app, '/for-you/feedback', { paper: '2608.00001', kind, back: '/' }, { cookie }))
        .status;
    }
    assert.equal(last, 429);
  });
});
