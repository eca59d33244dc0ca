// The render cache (src/web/render-cache/): every page an anonymous reader sees shows each kind of
// change on the very next request, compared byte for byte with an app that has no cache; signed-in
// readers never get cached or other readers' bits; 304s; compressed bodies decode to the same bytes.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { Hono } from 'hono';
import { addComment } from '../../src/store/comments.js';
import { hideComment, removeSubmission } from '../../src/store/moderation.js';
import { getPaper } from '../../src/store/paper-reads.js';
import { upsertPapers } from '../../src/store/paper-writes.js';
import { setVote } from '../../src/store/votes.js';
import { createApp } from '../../src/web/app.js';
import { signedInReader } from '../helpers/accounts.js';
import { boardRecord } from '../helpers/factories.js';
import { type TestContext, testContext } from '../helpers/test-app.js';
import { createTestDatabase, eachDialect, type TestDatabase } from '../helpers/test-db.js';
import { loadRecords } from './web-fixtures.js';

const NOW = '2026-08-21T12:00:00.000Z';

/** Every cached surface that shows paper 2608.00001 (its board day, week and month included). */
const PAGES = [
  '/',
  '/date/2026-08-21',
  '/week/2026-W34',
  '/month/2026-08',
  '/trending',
  '/papers/2608.00001',
  '/authors/Ada%20Lovelace',
  '/api/daily_papers',
  '/api/daily_papers?date=2026-08-21',
  '/api/papers/2608.00001',
  '/feeds/daily.rss',
  '/feeds/daily.atom?date=2026-08-21',
  '/feeds/trending.json',
  '/papers/2608.00001/comments.rss',
];

eachDialect('render cache', (dialect) => {
  let t: TestDatabase;
  let ctx: TestContext;
  let cached: Hono;
  let uncached: Hono;
  let paperId: number;

  before(async () => {
    t = await createTestDatabase(dialect);
    await loadRecords(t, [
      boardRecord({ arxivId: '2608.00001', community: { upvotes: 5 } }),
      boardRecord({ arxivId: '2608.00002', title: 'Another paper', community: { upvotes: 3 } }),
    ]);
    // One search index for both apps, caught up, so the author page lists the paper (a name no
    // paper lists is a 404, which is never cached).
    ctx = testContext(t);
    await ctx.search.catchUp();
    cached = createApp(ctx);
    uncached = createApp({ ...ctx, config: { ...ctx.config, renderCacheMb: 0 } });
    paperId = (await getPaper(t.db, '2608.00001'))?.id as number;
  });
  after(async () => {
    await ctx.search.close();
    await t.destroy();
  });

  /** Fills the cache for every page, and checks the second request is a hit with the same body. */
  async function warm(): Promise<Map<string, string>> {
    const bodies = new Map<string, string>();
    for (const path of PAGES) {
      const first = await cached.request(path);
      assert.equal(first.status, 200, path);
      const body = await first.text();
      const second = await cached.request(path);
      assert.ok(second.headers.get('last-modified'), `${path} is served from the cache`);
      assert.equal(second.headers.get('etag'), first.headers.get('etag'), path);
      assert.equal(await second.text(), body, path);
      bodies.set(path, body);
    }
    return bodies;
  }

  /** After a change, each page is what an uncached app renders now; `changed` pages differ from before. */
  async function expectFresh(before: Map<string, string>, changed: string[]): Promise<void> {
    for (const path of PAGES) {
      const now = await (await cached.request(path)).text();
      const truth = await (await uncached.request(path)).text();
      assert.equal(now, truth, `${path} shows the store as it is`);
      if (changed.includes(path)) assert.notEqual(now, before.get(path), `${path} changed`);
    }
  }

  it('a vote shows on the next request of every page that displays the count', async () => {
    const before = await warm();
    const { user } = await signedInReader(t, 'voter');
    await setVote(t, { userId: user.id, paperId, isUp: true, now: NOW });
    await expectFresh(before, [
      '/date/2026-08-21',
      '/trending',
      '/papers/2608.00001',
      '/api/daily_papers',
      '/api/papers/2608.00001',
    ]);
  });

  it('a comment, and a moderator hiding it, show on the next request', async () => {
    let before = await warm();
    const { user } = await signedInReader(t, 'commenter');
    const added = await addComment(t, {
      paperId,
      userId: user.id,
      parentId: null,
      body: 'Nice **result**',
      now: NOW,
    });
    assert.ok(added.ok);
    await expectFresh(before, ['/papers/2608.00001', '/papers/2608.00001/comments.rss']);
    before = await warm();
    const { user: admin } = await signedInReader(t, 'moderator');
    assert.ok(await hideComment(t, { actorId: admin.id, reason: null, now: NOW, commentId: added.id }));
    await expectFresh(before, ['/papers/2608.00001', '/papers/2608.00001/comments.rss']);
  });

  it('an import (a new board paper, a changed title) shows on the next request', async () => {
    let before = await warm();
    await upsertPapers(
      t,
      [boardRecord({ arxivId: '2608.00003', title: 'Freshly imported', community: { upvotes: 40 } })],
      NOW,
    );
    await expectFresh(before, [
      '/',
      '/date/2026-08-21',
      '/trending',
      '/api/daily_papers',
      '/feeds/daily.rss',
    ]);
    before = await warm();
    await upsertPapers(
      t,
      [boardRecord({ arxivId: '2608.00001', title: 'A retitled paper', community: { upvotes: 5 } })],
      NOW,
    );
    await expectFresh(before, ['/papers/2608.00001', '/api/papers/2608.00001', '/feeds/daily.rss']);
  });

  it('a submission taken off the board leaves every board on the next request', async () => {
    const { user } = await signedInReader(t, 'submitter');
    await upsertPapers(
      t,
      [
        boardRecord({
          arxivId: '2608.00004',
          title: 'A reader submission',
          source: 'submission',
          board: { date: '2026-08-21', submittedBy: user.username, submittedAt: NOW },
        }),
      ],
      NOW,
    );
    const before = await warm();
    assert.match(before.get('/date/2026-08-21') ?? '', /A reader submission/);
    const submitted = (await getPaper(t.db, '2608.00004'))?.id as number;
    assert.ok(
      await removeSubmission(t, {
        actorId: user.id,
        reason: null,
        now: NOW,
        paperId: submitted,
        arxivId: '2608.00004',
      }),
    );
    await expectFresh(before, ['/date/2026-08-21', '/api/daily_papers']);
    assert.doesNotMatch(await (await cached.request('/date/2026-08-21')).text(), /A reader submission/);
  });

  it('answers 304 to a matching ETag or a Last-Modified not older than the body', async () => {
    await warm();
    const first = await cached.request('/papers/2608.00001');
    const etag = first.headers.get('etag') as string;
    assert.match(etag, /^W\/"/);
    const byTag = await cached.request('/papers/2608.00001', { headers: { 'if-none-match': etag } });
    assert.equal(byTag.status, 304);
    assert.equal(await byTag.text(), '');
    assert.equal(byTag.headers.get('etag'), etag);
    const since = first.headers.get('last-modified') as string;
    const byDate = await cached.request('/papers/2608.00001', { headers: { 'if-modified-since': since } });
    assert.equal(byDate.status, 304);
    const other = await cached.request('/papers/2608.00001', { headers: { 'if-none-match': '"other"' } });
    assert.equal(other.status, 200);
    assert.equal(first.headers.get('cache-control'), 'no-cache');
    assert.match(first.headers.get('vary') ?? '', /Accept-Encoding/);
    assert.match(first.headers.get('vary') ?? '', /Cookie/);
  });

  it('serves brotli and gzip by Accept-Encoding, each decoding to the same bytes', async () => {
    for (const path of ['/', '/api/daily_papers', '/feeds/daily.rss', '/papers/2608.00001']) {
      const plain = new Uint8Array(await (await cached.request(path)).arrayBuffer());
      const br = await cached.request(path, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
      assert.equal(br.headers.get('content-encoding'), 'br', path);
      assert.deepEqual(
        new Uint8Array(brotliDecompressSync(new Uint8Array(await br.arrayBuffer()))),
        plain,
        path,
      );
      const gz = await cached.request(path, { headers: { 'accept-encoding': 'gzip;q=1, br;q=0' } });
      assert.equal(gz.headers.get('content-encoding'), 'gzip', path);
      assert.deepEqual(new Uint8Array(gunzipSync(new Uint8Array(await gz.arrayBuffer()))), plain, path);
      const none = await cached.request(path, { headers: { 'accept-encoding': 'identity' } });
      assert.equal(none.headers.get('content-encoding'), null, path);
    }
  });

  it('answers a hit before the other middlewares with the very headers a miss gets, security headers included', async () => {
    const headersOf = (response: Response) => {
      const record: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        if (name !== 'last-modified') record[name] = value;
      });
      return record;
    };
    for (const path of PAGES) {
      const fresh = createApp(ctx);
      const miss = await fresh.request(path, { headers: { 'accept-encoding': 'br' } });
      const hit = await fresh.request(path, { headers: { 'accept-encoding': 'br' } });
      assert.equal(hit.status, 200, path);
      assert.deepEqual(headersOf(hit), headersOf(miss), path);
      assert.match(hit.headers.get('content-security-policy') ?? '', /default-src 'self'/, path);
      assert.equal(hit.headers.get('x-frame-options'), 'DENY', path);
      assert.deepEqual(
        new Uint8Array(await hit.arrayBuffer()),
        new Uint8Array(await miss.arrayBuffer()),
        path,
      );
      // A reader with an unknown session cookie is anonymous too, by the longer path.
      const stale = await fresh.request(path, {
        headers: { cookie: 'pb_session=gone', 'accept-encoding': 'br' },
      });
      assert.deepEqual(headersOf(stale), headersOf(miss), path);
    }
  });
  it('signed-in pages are never served from the cache, and carry only their own reader’s votes', async () => {
    const ada = await signedInReader(t, 'ada');
    const bob = await signedInReader(t, 'bob');
    await setVote(t, { userId: ada.user.id, paperId, isUp: true, now: NOW });
    await warm();
    const pressed = /value="2608\.00001"\/><input type="hidden" name="vote" value="0"\/>/;
    for (let round = 0; round < 2; round++) {
      const adaPage = await cached.request('/date/2026-08-21', { headers: { cookie: ada.cookie } });
      const bobPage = await cached.request('/date/2026-08-21', { headers: { cookie: bob.cookie } });
      assert.equal(adaPage.headers.get('last-modified'), null, 'not from the anonymous cache');
      const adaHtml = await adaPage.text();
      const bobHtml = await bobPage.text();
      assert.match(adaHtml, pressed);
      assert.doesNotMatch(bobHtml, pressed);
      assert.match(adaHtml, /ada/);
      assert.doesNotMatch(bobHtml, />ada</);
    }
    assert.doesNotMatch(await (await cached.request('/date/2026-08-21')).text(), pressed);
    // A signed-in response compressed on the fly decodes to the same page.
    const br = await cached.request('/date/2026-08-21', {
      headers: { cookie: bob.cookie, 'accept-encoding': 'br' },
    });
    assert.equal(br.headers.get('content-encoding'), 'br');
    const plain = await (
      await cached.request('/date/2026-08-21', { headers: { cookie: bob.cookie } })
    ).text();
    assert.equal(brotliDecompressSync(new Uint8Array(await br.arrayBuffer())).toString('utf8'), plain);
  });

  it('gives a signed-in reader, from the cached page, byte for byte what a full render gives them', async () => {
    const ada = await signedInReader(t, 'ada-splice');
    const bob = await signedInReader(t, 'bob-splice');
    await setVote(t, { userId: ada.user.id, paperId, isUp: true, now: NOW });
    // The paper page's discussion carries each reader's controls: their own comment, another's.
    await addComment(t, { paperId, userId: ada.user.id, parentId: null, body: 'Mine: $x^2$', now: NOW });
    await addComment(t, { paperId, userId: bob.user.id, parentId: null, body: 'Theirs', now: NOW });
    const pages = [
      '/papers/2608.00001',
      '/',
      '/date/2026-08-21',
      '/week/2026-W34',
      '/month/2026-08',
      '/trending',
      '/authors/Ada%20Lovelace',
    ];
    for (const path of pages) {
      await cached.request(path); // the anonymous page, cached
      const spliced = await (await cached.request(path, { headers: { cookie: ada.cookie } })).text();
      const full = await (await uncached.request(path, { headers: { cookie: ada.cookie } })).text();
      assert.equal(spliced, full, path);
    }
  });

  it('serves the API and feeds to signed-in readers from the same cache: they never depend on the reader', async () => {
    const ada = await signedInReader(t, 'ada-api');
    await setVote(t, { userId: ada.user.id, paperId, isUp: true, now: NOW });
    const shared = PAGES.filter((path) => /^\/(?:api|feeds)\//.test(path));
    assert.ok(shared.length >= 5);
    for (const path of shared) {
      const anonymous = await cached.request(path);
      const signedIn = await cached.request(path, { headers: { cookie: ada.cookie } });
      assert.ok(signedIn.headers.get('last-modified'), `${path} comes from the cache`);
      assert.equal(signedIn.headers.get('etag'), anonymous.headers.get('etag'), path);
      assert.equal(await signedIn.text(), await anonymous.text(), path);
    }
  });

  it('a session cookie of no live session gets, spliced or not, the page an anonymous reader gets', async () => {
    const ada = await signedInReader(t, 'ada-gone');
    await setVote(t, { userId: ada.user.id, paperId, isUp: true, now: NOW });
    await t.db.deleteFrom('sessions').where('user_id', '=', ada.user.id).execute();
    for (const path of ['/', '/papers/2608.00001', '/week/2026-W34']) {
      const anonymous = await (await cached.request(path)).text();
      const stale = await cached.request(path, { headers: { cookie: ada.cookie } });
      assert.equal(stale.status, 200, path);
      assert.equal(await stale.text(), anonymous, path);
    }
  });

  it('answers a signed-in HEAD from the spliced page with no body, and gzip that decodes to the page', async () => {
    const ada = await signedInReader(t, 'ada-head');
    const page = await (await cached.request('/trending', { headers: { cookie: ada.cookie } })).text();
    const head = await cached.request('/trending', { method: 'HEAD', headers: { cookie: ada.cookie } });
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('cache-control'), 'private, no-cache');
    assert.equal((await head.arrayBuffer()).byteLength, 0);
    const gz = await cached.request('/trending', {
      headers: { cookie: ada.cookie, 'accept-encoding': 'gzip' },
    });
    assert.equal(gz.headers.get('content-encoding'), 'gzip');
    assert.match(gz.headers.get('vary') ?? '', /Cookie/);
    assert.equal(gunzipSync(new Uint8Array(await gz.arrayBuffer())).toString('utf8'), page);
    assert.match(page, /ada-head/);
  });

  it('does not keep errors: an unknown paper is a 404 each time, and its later import shows at once', async () => {
    assert.equal((await cached.request('/papers/2608.09999')).status, 404);
    await upsertPapers(t, [boardRecord({ arxivId: '2608.09999', title: 'Arrived later' })], NOW);
    const page = await cached.request('/papers/2608.09999');
    assert.equal(page.status, 200);
    assert.match(await page.text(), /Arrived later/);
  });
});
