// A paper's comment feeds (/papers/:id/comments.{rss,atom,json}) on both databases: visible
// comments newest first (deleted and hidden left out, replies to them kept), HTML through the
// sanitised comment renderer with math as MathML, links from the paper page, ETags, and errors.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Hono } from 'hono';
import { hideComment } from '../../src/store/moderation.js';
import { createApp } from '../../src/web/app.js';
import { signedInReader } from '../helpers/accounts.js';
import { arxivRecord, boardRecord } from '../helpers/factories.js';
import { type JsonFeed, parseFeedXml, type Xml } from '../helpers/feed-parsing.js';
import { FIXED_NOW, testContext } from '../helpers/test-app.js';
import { createTestDatabase, eachDialect, type TestDatabase } from '../helpers/test-db.js';
import { loadRecords, postForm } from '../web/web-fixtures.js';

const BASE = 'http://paperboard.test';
const PAGE = `${BASE}/papers/2608.00001`;
const minutes = (n: number) => new Date(FIXED_NOW.getTime() + n * 60_000);

eachDialect('comment feeds', (dialect) => {
  let t: TestDatabase;
  let app: Hono;
  let now = FIXED_NOW;
  /** Comment ids by label. */
  const ids: Record<string, number> = {};
  before(async () => {
    t = await createTestDatabase(dialect);
    await loadRecords(t, [
      boardRecord({ arxivId: '2608.00001', title: 'Sparse  $k$-attention' }),
      arxivRecord({ arxivId: 'hep-th/9901001', title: 'Strings' }),
    ]);
    app = createApp({ ...testContext(t), now: () => now });
    const admin = await signedInReader(t, 'admin');
    const ada = (await signedInReader(t, 'ada')).cookie;
    const alan = (await signedInReader(t, 'alan')).cookie;
    const say = async (label: string, minute: number, body: string, cookie: string, parent?: string) => {
      now = minutes(minute);
      const res = await postForm(
        app,
        '/comments',
        { paper: '2608.00001', body, ...(parent ? { parent: String(ids[parent]) } : {}) },
        { cookie },
      );
      ids[label] = Number(/#comment-(\d+)$/.exec(res.headers.get('location') ?? '')?.[1]);
    };
    await say('first', 1, 'The bound $\\sum_i x_i^2$ is **tight**.', ada);
    await say('deleted', 2, 'I take this back', alan);
    await say('reply', 3, 'Replying to a comment that goes away', ada, 'deleted');
    await say('hidden', 4, 'Rude words', alan);
    await say('hostile', 5, '<script>alert(1)</script> [x](javascript:alert(1)) ok', alan);
    now = minutes(6);
    await postForm(app, `/comments/${ids.deleted}/delete`, {}, { cookie: alan });
    await postForm(
      app,
      `/comments/${ids.first}/edit`,
      { body: 'The bound $\\sum_i x_i^2$ is **tight** (edited).' },
      { cookie: ada },
    );
    await hideComment(t, {
      actorId: admin.user.id,
      reason: 'rude',
      now: minutes(7).toISOString(),
      commentId: ids.hidden as number,
    });
    now = FIXED_NOW;
  });
  after(async () => {
    await t.destroy();
  });

  const expectedOrder = () => [ids.hostile, ids.reply, ids.first].map((id) => `${PAGE}#comment-${id}`);

  it('RSS lists visible comments newest first with sanitised HTML and MathML', async () => {
    const res = await app.request('/papers/2608.00001/comments.rss');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/rss+xml; charset=utf-8');
    const channel = parseFeedXml(await res.text()).rss.channel;
    assert.equal(channel.title, 'Paperboard: comments on arXiv:2608.00001');
    assert.equal(channel.link, PAGE);
    assert.deepEqual(
      channel['atom:link'].map((l: Xml) => l['@_href']),
      [`${PAGE}/comments.rss`],
    );
    assert.deepEqual(
      channel.item.map((i: Xml) => i.link),
      expectedOrder(),
    );
    const [hostile, reply, first] = channel.item as Xml[];
    assert.equal(first.title, 'Comment on Sparse $k$-attention by ada');
    assert.equal(first['dc:creator'], 'ada');
    assert.equal(first.pubDate, minutes(1).toUTCString());
    const html = first.description as string;
    assert.match(html, /<strong>tight<\/strong> \(edited\)/);
    assert.match(html, /<math xmlns="http:\/\/www\.w3\.org\/1998\/Math\/MathML">/);
    assert.doesNotMatch(html, /katex-html/, 'no layout spans a feed reader cannot style');
    assert.match(reply.description, /Replying to a comment that goes away/);
    const hostileHtml = hostile.description as string;
    assert.match(hostileHtml, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.doesNotMatch(hostileHtml, /<script|href="javascript:/i);
  });

  it('Atom and JSON Feed carry the same comments, the Markdown source and ids', async () => {
    const atom = parseFeedXml(await (await app.request('/papers/2608.00001/comments.atom')).text()).feed;
    assert.equal(atom.id, `${PAGE}/comments`);
    assert.equal(atom.updated, minutes(6).toISOString(), 'the latest edit');
    assert.deepEqual(
      atom.entry.map((e: Xml) => e.id),
      expectedOrder(),
    );
    assert.deepEqual(
      atom.entry.map((e: Xml) => e.author.map((a: Xml) => a.name)),
      [['alan'], ['ada'], ['ada']],
    );
    const res = await app.request('/papers/2608.00001/comments.json');
    assert.equal(res.headers.get('content-type'), 'application/feed+json; charset=utf-8');
    const json = (await res.json()) as JsonFeed & { items: Array<{ _paperboard: Record<string, unknown> }> };
    assert.deepEqual(
      json.items.map((i) => i.url),
      expectedOrder(),
    );
    assert.equal(json.items[2]?.content_text, 'The bound $\\sum_i x_i^2$ is **tight** (edited).');
    assert.deepEqual(json.items[1]?._paperboard, {
      arxiv_id: '2608.00001',
      comment_id: ids.reply,
      parent_id: ids.deleted,
      username: 'ada',
    });
    const all = JSON.stringify(json);
    assert.doesNotMatch(all, /I take this back|Rude words/);
  });

  it('is cached by ETag and linked from the paper page', async () => {
    const first = await app.request('/papers/2608.00001/comments.atom');
    const etag = first.headers.get('etag');
    assert.ok(etag);
    const again = await app.request('/papers/2608.00001/comments.atom', {
      headers: { 'if-none-match': etag },
    });
    assert.equal(again.status, 304);
    const page = await (await app.request('/papers/2608.00001')).text();
    for (const [type, ext] of [
      ['application/atom\\+xml', 'atom'],
      ['application/rss\\+xml', 'rss'],
      ['application/feed\\+json', 'json'],
    ]) {
      assert.match(
        page,
        new RegExp(
          `<link rel="alternate" type="${type}" title="Comments on arXiv:2608\\.00001 \\([^)]+\\)" href="/papers/2608\\.00001/comments\\.${ext}"/>`,
        ),
      );
    }
    assert.match(page, /<a href="\/papers\/2608\.00001\/comments\.atom" class="muted">Comments feed<\/a>/);
  });

  it('serves an empty feed for a paper without comments, old-style ids included', async () => {
    const res = await app.request('/papers/hep-th/9901001/comments.json');
    assert.equal(res.status, 200);
    const json = (await res.json()) as JsonFeed;
    assert.equal(json.feed_url, `${BASE}/papers/hep-th/9901001/comments.json`);
    assert.deepEqual(json.items, []);
    const rss = parseFeedXml(await (await app.request('/papers/hep-th/9901001/comments.rss')).text()).rss;
    assert.equal(rss.channel.item, undefined);
  });

  it('redirects versioned ids, and answers unknown papers and non-ids with JSON errors', async () => {
    const moved = await app.request('/papers/arXiv:2608.00001v2/comments.atom');
    assert.equal(moved.status, 301);
    assert.equal(moved.headers.get('location'), '/papers/2608.00001/comments.atom');
    for (const [path, status, code] of [
      ['/papers/2608.99999/comments.rss', 404, 'not_found'],
      ['/papers/not-a-paper/comments.atom', 400, 'invalid'],
      [`/papers/${'9'.repeat(300)}/comments.json`, 400, 'invalid'],
    ] as const) {
      const res = await app.request(path);
      assert.equal(res.status, status, path);
      assert.equal(((await res.json()) as { code: string }).code, code, path);
    }
  });
});
