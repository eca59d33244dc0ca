// The private "For you" surfaces on both databases: the secret feed URL made on
// /account/recommendations (stored hashed; rotation makes the old URL 404), GET /api/recommendations
// with a token (401 without, 400 on a bad period), the JSON export, and clearing the signals.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Hono } from 'hono';
import { RATE_LIMITS } from '../../src/community/limits.js';
import { signedInReader } from '../helpers/accounts.js';
import { apiRequest, makeToken } from '../helpers/api-tokens.js';
import { createTestDatabase, eachDialect, type TestDatabase } from '../helpers/test-db.js';
import { appFor, loadRecords, postForm, THREE_TOPIC_PAPERS } from '../web/web-fixtures.js';

/** The feed URL the account page shows once, without its extension, as a path. */
function feedPathIn(html: string): string {
  const match =
    /<code id="for-you-feed-url">http:\/\/paperboard\.test(\/feeds\/for-you\/[A-Za-z0-9_-]{43})\.atom<\/code>/.exec(
      html,
    );
  assert.ok(match, 'the new feed URL is shown');
  return match[1] as string;
}

eachDialect('For you feed and API', (dialect) => {
  let t: TestDatabase;
  let app: Hono;
  let cookie: string;
  let userId: number;
  before(async () => {
    t = await createTestDatabase(dialect);
    await loadRecords(t, THREE_TOPIC_PAPERS);
    app = appFor(t);
    const reader = await signedInReader(t, 'ada');
    cookie = reader.cookie;
    userId = reader.user.id;
    for (const value of ['cs.CL', 'cs.RO', 'hep-th']) {
      const response = await postForm(
        app,
        '/follows',
        { kind: 'category', value, action: 'follow', back: '/' },
        { cookie },
      );
      assert.equal(response.status, 303);
    }
  });
  after(async () => {
    await t.destroy();
  });

  it('the feed URL is stored hashed, serves the reader’s papers in three formats, and rotation retires it', async () => {
    const made = await postForm(app, '/account/recommendations/feed-token', {}, { cookie });
    assert.equal(made.status, 200);
    const first = feedPathIn(await made.text());
    const row = await t.db
      .selectFrom('reader_feed_tokens')
      .selectAll()
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow();
    assert.ok(!row.token_hash.includes(first.split('/').pop() as string));

    const atom = await app.request(`${first}.atom`);
    assert.equal(atom.status, 200);
    assert.equal(atom.headers.get('cache-control'), 'private, no-store');
    const body = await atom.text();
    assert.match(body, /Parsing with grammars/);
    assert.match(body, /Robots that walk/);
    assert.doesNotMatch(body, /Galaxies/);
    assert.equal((await app.request(`${first}.rss`)).status, 200);
    const jsonFeed = (await (await app.request(`${first}.json`)).json()) as { items: unknown[] };
    assert.equal(jsonFeed.items.length, 2);

    const again = await postForm(app, '/account/recommendations/feed-token', {}, { cookie });
    const second = feedPathIn(await again.text());
    assert.notEqual(second, first);
    assert.equal((await app.request(`${first}.atom`)).status, 404);
    assert.equal((await app.request(`${second}.atom`)).status, 200);
    // The page afterwards says a feed exists without showing its secret.
    const page = await (await app.request('/account/recommendations', { headers: { cookie } })).text();
    assert.match(page, /Rotate the feed URL/);
    assert.doesNotMatch(page, /for-you-feed-url/);
  });

  it('malformed feed URLs answer 4xx', async () => {
    assert.equal((await app.request('/feeds/for-you/short.atom')).status, 404);
    assert.equal((await app.request(`/feeds/for-you/${'a'.repeat(43)}.atom`)).status, 404);
    assert.equal((await app.request(`/feeds/for-you/${'a'.repeat(43)}.html`)).status, 404);
    const made = feedPathIn(
      await (await postForm(app, '/account/recommendations/feed-token', {}, { cookie })).text(),
    );
    assert.equal((await app.request(`${made}.atom?period=year`)).status, 400);
  });

  it('GET /api/recommendations answers the token owner’s papers with reasons; 401 without a token, 400 on a bad period', async () => {
    const token = await makeToken(app, cookie, 'recs', 'read');
    const response = await apiRequest(app, 'GET', '/api/recommendations?period=week', { token });
    assert.equal(response.status, 200);
    const body = (await response.json()) as {
      state: string;
      total: number;
      items: Array<{ id: string; reasons: Array<{ kind: string; text: string }> }>;
    };
    assert.equal(body.state, 'ready');
    assert.deepEqual(body.items.map((i) => i.id).sort(), ['2608.00001', '2608.00002']);
    const parsing = body.items.find((i) => i.id === '2608.00001');
    assert.deepEqual(
      parsing?.reasons.map((r) => r.text),
      ['In cs.CL, which you follow'],
    );
    assert.equal((await apiRequest(app, 'GET', '/api/recommendations', {})).status, 401);
    assert.equal((await apiRequest(app, 'GET', '/api/recommendations?period=year', { token })).status, 400);
    const doc = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, unknown> };
    assert.ok(doc.paths['/api/recommendations']);
  });

  it('exports the signals as a JSON download, and clearing them empties For you and stops the feed', async () => {
    const exported = await app.request('/account/recommendations/export.json', { headers: { cookie } });
    assert.equal(exported.status, 200);
    assert.match(exported.headers.get('content-disposition') ?? '', /attachment/);
    const data = (await exported.json()) as { follows: Array<{ value: string }> };
    assert.deepEqual(data.follows.map((f) => f.value).sort(), ['cs.CL', 'cs.RO', 'hep-th']);
    const feed = feedPathIn(
      await (await postForm(app, '/account/recommendations/feed-token', {}, { cookie })).text(),
    );
    const cleared = await postForm(app, '/account/recommendations/clear', {}, { cookie });
    assert.equal(cleared.status, 200);
    assert.equal((await app.request(`${feed}.atom`)).status, 404);
    assert.match(
      await (await app.request('/for-you', { headers: { cookie } })).text(),
      /Tell us what you read/,
    );
    // Anonymous readers are sent to sign in.
    assert.equal((await app.request('/account/recommendations/export.json')).status, 303);
  });

  it('rotating the feed URL in a loop is stopped with 429', async () => {
    const { cookie: other } = await signedInReader(t, 'rotator');
    const statuses: number[] = [];
    for (let i = 0; i <= RATE_LIMITS['recs-account'].max; i += 1) {
      statuses.push(
        (await postForm(app, '/account/recommendations/feed-token', {}, { cookie: other })).status,
      );
    }
    assert.deepEqual(statuses.slice(0, -1), Array(RATE_LIMITS['recs-account'].max).fill(200));
    assert.equal(statuses.at(-1), 429);
  });
});
