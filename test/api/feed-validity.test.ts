// Every feed kind (board day/week/month, trending, search, author, a paper's comments, a reading list)
// in RSS 2.0, Atom 1.0 and JSON Feed 1.1, read back with feedsmith (a real feed reader's parser) and
// checked against the W3C feed validator's rules that can be checked locally: well-formed XML,
// required elements, RFC 822 / RFC 3339 dates, unique ids and guids, a self link equal to the URL
// that was fetched, JSON Feed 1.1's fields and types. Titles with quotes, `&`, `<` and math must come
// back exactly as stored (no `Don&#39;t`), and entries of one board each have their own `updated`.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { XMLValidator } from 'fast-xml-parser';
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from 'feedsmith';
import type { Hono } from 'hono';
import { createApp } from '../../src/web/app.js';
import { signedInReader } from '../helpers/accounts.js';
import { boardRecord } from '../helpers/factories.js';
import { FIXED_NOW, type TestContext, testContext } from '../helpers/test-app.js';
import { createTestDatabase, eachDialect, type TestDatabase } from '../helpers/test-db.js';
import { loadRecords, postForm } from '../web/web-fixtures.js';

const BASE = 'http://paperboard.test';
const HOSTILE = `Don't "panic": Tom & Jerry's <i>not markup</i> ]]> with $a<b$ and $\\frac{1}{2}$`;
const QUOTES = 'Quotes ‘single’ “double” & the &amp; entity &#39; left alone';
const LIST_NAME = `Tom & Jerry's <list> "best"`;
const COMMENT = 'Display $$\\int_0^1 f$$ inside text, and $x<y$ & "quoted".';

const RFC822 =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

// https://www.jsonfeed.org/version/1.1/: every top-level and item field the spec defines.
const JSON_FEED_KEYS = new Set([
  'version',
  'title',
  'home_page_url',
  'feed_url',
  'description',
  'user_comment',
  'next_url',
  'icon',
  'favicon',
  'authors',
  'language',
  'expired',
  'hubs',
  'items',
]);
const JSON_ITEM_KEYS = new Set([
  'id',
  'url',
  'external_url',
  'title',
  'content_html',
  'content_text',
  'summary',
  'image',
  'banner_image',
  'date_published',
  'date_modified',
  'authors',
  'tags',
  'language',
  'attachments',
]);

function assertUnique(values: string[], what: string): void {
  assert.equal(new Set(values).size, values.length, `${what} repeat: ${values.join(' ')}`);
}

/** No null anywhere: JSON Feed's optional fields are left out, never null. */
function assertNoNulls(value: unknown, path: string): void {
  assert.notEqual(value, null, path);
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) assertNoNulls(v, `${path}[${i}]`);
  } else if (typeof value === 'object') {
    for (const [k, v] of Object.entries(value as object)) assertNoNulls(v, `${path}.${k}`);
  }
}

interface Item {
  id: string;
  title: string;
  updated?: string;
  html: string;
}

eachDialect('feed validity', (dialect) => {
  let t: TestDatabase;
  let ctx: TestContext;
  let app: Hono;
  let listId: number;
  /** Every feed URL (path and query, no extension query split) to check in all three formats. */
  const feeds: Array<{ name: string; path: string; query?: string }> = [];

  async function fetchText(path: string): Promise<string> {
    const res = await app.request(path);
    assert.equal(res.status, 200, path);
    return res.text();
  }

  async function readRss(url: string): Promise<Item[]> {
    const xml = await fetchText(url);
    assert.equal(XMLValidator.validate(xml), true, url);
    const feed = parseRssFeed(xml);
    assert.ok(feed.title && feed.link && feed.description, `${url}: channel title, link, description`);
    assert.match(feed.lastBuildDate ?? '', RFC822, url);
    assert.deepEqual(
      feed.atom?.links?.filter((l) => l.rel === 'self').map((l) => l.href),
      [`${BASE}${url}`],
      `${url}: atom:link rel=self`,
    );
    const items = feed.items ?? [];
    for (const item of items) {
      assert.ok(item.title && item.link, url);
      assert.equal(item.guid?.value, item.link);
      assert.match(item.pubDate ?? '', RFC822, url);
      assert.ok(item.description, `${url}: a description before content:encoded`);
    }
    assertUnique(
      items.map((i) => i.guid?.value ?? ''),
      `${url} guids`,
    );
    return items.map((i) => ({
      id: i.guid?.value ?? '',
      title: i.title ?? '',
      html: i.content?.encoded ?? i.description ?? '',
    }));
  }

  async function readAtom(url: string): Promise<Item[]> {
    const xml = await fetchText(url);
    assert.equal(XMLValidator.validate(xml), true, url);
    const feed = parseAtomFeed(xml);
    assert.ok(feed.id && feed.title?.value, url);
    assert.match(feed.updated ?? '', RFC3339, url);
    assert.deepEqual(
      feed.links?.filter((l) => l.rel === 'self').map((l) => l.href),
      [`${BASE}${url}`],
      `${url}: link rel=self`,
    );
    const entries = feed.entries ?? [];
    for (const entry of entries) {
      assert.ok(entry.id, url);
      assert.equal(entry.title?.type, 'text', 'titles are plain text');
      assert.match(entry.updated ?? '', RFC3339, url);
      assert.match(entry.published ?? '', RFC3339, url);
      assert.ok(entry.links?.some((l) => l.rel === 'alternate' && l.href === entry.id));
      assert.ok((feed.authors?.length ?? 0) > 0 || (entry.authors?.length ?? 0) > 0, 'an author');
    }
    assertUnique(
      entries.map((e) => e.id ?? ''),
      `${url} ids`,
    );
    return entries.map((e) => ({
      id: e.id ?? '',
      title: e.title?.value ?? '',
      updated: e.updated ?? '',
      html: e.content?.value ?? '',
    }));
  }

  async function readJson(url: string): Promise<Item[]> {
    const res = await app.request(url);
    assert.equal(res.status, 200, url);
    assert.equal(res.headers.get('content-type'), 'application/feed+json; charset=utf-8');
    const text = await res.text();
    parseJsonFeed(text); // throws on what feedsmith does not take for JSON Feed
    const feed = JSON.parse(text) as Record<string, unknown> & { items: Array<Record<string, unknown>> };
    assertNoNulls(feed, url);
    assert.equal(feed.version, 'https://jsonfeed.org/version/1.1');
    assert.equal(typeof feed.title, 'string');
    assert.equal(feed.feed_url, `${BASE}${url}`);
    assert.match(String(feed.home_page_url), /^http:\/\/paperboard\.test\//);
    for (const key of Object.keys(feed)) assert.ok(JSON_FEED_KEYS.has(key), `${url}: unknown key ${key}`);
    for (const item of feed.items) {
      for (const key of Object.keys(item)) {
        assert.ok(JSON_ITEM_KEYS.has(key) || key.startsWith('_'), `${url}: unknown item key ${key}`);
      }
      assert.equal(typeof item.id, 'string');
      assert.ok(typeof item.content_html === 'string' || typeof item.content_text === 'string');
      assert.match(String(item.date_published), RFC3339);
      assert.match(String(item.date_modified), RFC3339);
      for (const author of (item.authors as Array<{ name: string }> | undefined) ?? []) {
        assert.equal(typeof author.name, 'string');
      }
    }
    assertUnique(
      feed.items.map((i) => String(i.id)),
      `${url} ids`,
    );
    return feed.items.map((i) => ({
      id: String(i.id),
      title: String(i.title),
      updated: String(i.date_modified),
      html: String(i.content_html),
    }));
  }

  const readers = { rss: readRss, atom: readAtom, json: readJson };

  before(async () => {
    t = await createTestDatabase(dialect);
    const sameBoardTime = '2026-08-21T00:00:00Z';
    await loadRecords(t, [
      boardRecord({
        arxivId: '2608.00001',
        title: HOSTILE,
        abstract: 'Uses <script>alert(1)</script> & AT&amp;T.',
        authors: [{ name: 'Tom & Jerry' }, { name: "O'Brien <ob>" }],
        categories: ['cs.LG'],
        publishedAt: '2026-08-18T10:00:00Z',
        updatedAt: '2026-08-19T11:00:00Z',
        board: { date: '2026-08-21', submittedAt: sameBoardTime },
      }),
      boardRecord({
        arxivId: '2608.00002',
        title: QUOTES,
        authors: [{ name: 'Tom & Jerry' }],
        publishedAt: '2026-08-17T09:00:00Z',
        board: { date: '2026-08-21', submittedAt: sameBoardTime },
      }),
      boardRecord({
        arxivId: '2608.00003',
        title: 'A plain title',
        publishedAt: '2026-08-16T08:00:00Z',
        board: { date: '2026-08-21', submittedAt: sameBoardTime },
      }),
      boardRecord({
        arxivId: '2608.00004',
        title: 'The day before',
        publishedAt: '2026-08-15T08:00:00Z',
        board: { date: '2026-08-20', submittedAt: '2026-08-20T06:00:00Z' },
      }),
    ]);
    ctx = testContext(t);
    let now = FIXED_NOW;
    app = createApp({ ...ctx, now: () => now });
    await ctx.search.catchUp();
    const ada = await signedInReader(t, 'ada');
    const commented = await postForm(
      app,
      '/comments',
      { paper: '2608.00001', body: COMMENT },
      { cookie: ada.cookie },
    );
    assert.equal(commented.status, 303);
    const made = await postForm(
      app,
      '/collections',
      { name: LIST_NAME, visibility: 'public' },
      { cookie: ada.cookie },
    );
    listId = Number(/(\d+)$/.exec(made.headers.get('location') ?? '')?.[1]);
    for (const [i, paper] of ['2608.00003', '2608.00001'].entries()) {
      now = new Date(FIXED_NOW.getTime() + (i + 1) * 60_000);
      const added = await postForm(
        app,
        '/collections/add',
        { collection: String(listId), paper },
        { cookie: ada.cookie },
      );
      assert.equal(added.status, 303);
    }
    feeds.push(
      { name: 'daily', path: '/feeds/daily' },
      { name: 'daily of a date', path: '/feeds/daily', query: 'date=2026-08-20' },
      { name: 'weekly', path: '/feeds/weekly' },
      { name: 'weekly of a week', path: '/feeds/weekly', query: 'week=2026-W34' },
      { name: 'monthly', path: '/feeds/monthly', query: 'month=2026-08' },
      { name: 'trending', path: '/feeds/trending' },
      {
        name: 'search',
        path: '/feeds/search',
        query: new URLSearchParams({ q: 'panic "not markup"' }).toString(),
      },
      { name: 'comments', path: '/papers/2608.00001/comments' },
      { name: 'reading list', path: `/collections/${listId}/papers` },
    );
    // The reader's private For-you feed, at the secret URL the recommendations page shows once; the
    // author followed (a name with & and ') gives it papers with the hostile titles.
    const followed = await postForm(
      app,
      '/follows',
      { kind: 'author', value: 'Tom & Jerry', action: 'follow', back: '/' },
      { cookie: ada.cookie },
    );
    assert.equal(followed.status, 303);
    const feedToken = await postForm(app, '/account/recommendations/feed-token', {}, { cookie: ada.cookie });
    const forYou = /\/feeds\/for-you\/[A-Za-z0-9_-]{43}/.exec(await feedToken.text())?.[0];
    assert.ok(forYou, 'the private feed URL is shown');
    feeds.push({ name: 'for you', path: forYou });
  });
  after(async () => {
    await t.destroy();
  });

  const urlOf = (feed: { path: string; query?: string }, format: string) =>
    `${feed.path}.${format}${feed.query ? `?${feed.query}` : ''}`;

  for (const format of ['rss', 'atom', 'json'] as const) {
    it(`${format}: every feed kind passes the validator's local rules`, async () => {
      assert.equal(feeds.length, 10);
      for (const feed of feeds) {
        const items = await readers[format](urlOf(feed, format));
        assert.ok(items.length > 0, `${feed.name} has items`);
      }
    });

    it(`${format}: titles with quotes, &, < and math round-trip exactly`, async () => {
      const items = await readers[format](urlOf({ path: '/feeds/daily' }, format));
      const titles = new Map(items.map((i) => [i.id, i.title]));
      assert.equal(titles.get(`${BASE}/papers/2608.00001`), HOSTILE);
      assert.equal(titles.get(`${BASE}/papers/2608.00002`), QUOTES);
      const forYou = feeds.find((feed) => feed.name === 'for you');
      assert.ok(forYou);
      const recommended = await readers[format](urlOf(forYou, format));
      assert.ok(
        // The followed author's paper the reader has not read yet; `&amp;` in it stays literal.
        recommended.some((item) => item.title === QUOTES),
        `the private feed escapes its titles once: ${JSON.stringify(recommended.map((i) => i.title))}`,
      );
      const [comment] = await readers[format](urlOf({ path: '/papers/2608.00001/comments' }, format));
      assert.equal(comment?.title, `Comment on ${HOSTILE} by ada`);
    });

    it(`${format}: each entry of one board has its own updated time`, async () => {
      const items = await readers[format](urlOf({ path: '/feeds/daily' }, format));
      if (format === 'rss') return; // RSS items have pubDate only
      assert.equal(items.length, 3);
      assertUnique(
        items.map((i) => i.updated ?? ''),
        'updated',
      );
      const updated = new Map(items.map((i) => [i.id, i.updated]));
      assert.equal(
        Date.parse(updated.get(`${BASE}/papers/2608.00001`) ?? ''),
        Date.parse('2026-08-19T11:00:00Z'),
      );
    });

    it(`${format}: comment HTML with math nests validly (no block inside a paragraph)`, async () => {
      const [comment] = await readers[format](urlOf({ path: '/papers/2608.00001/comments' }, format));
      const html = comment?.html ?? '';
      assert.match(html, /<math xmlns="http:\/\/www\.w3\.org\/1998\/Math\/MathML" display="block">/);
      assert.doesNotMatch(html, /<(section|eqn?)[\s>]/);
      for (const paragraph of html.match(/<p>[\s\S]*?<\/p>/g) ?? []) {
        const inside = paragraph.slice('<p>'.length);
        assert.doesNotMatch(inside, /<(div|section|p|ul|ol|blockquote|pre|table)[\s>]/, paragraph);
      }
      assert.match(html, /&amp; &quot;quoted&quot;|&amp; "quoted"/);
    });
  }

  it('a reading list name with &, < and quotes is plain text in every format', async () => {
    const path = `/collections/${listId}/papers`;
    const rssXml = await fetchText(`${path}.rss`);
    assert.match(rssXml, /<title>Paperboard: Tom &#x26; Jerry's &#x3C;list&#x3E; "best"<\/title>/);
    assert.equal(parseRssFeed(rssXml).title, `Paperboard: ${LIST_NAME}`);
    assert.equal(parseAtomFeed(await fetchText(`${path}.atom`)).title?.value, `Paperboard: ${LIST_NAME}`);
    assert.equal(JSON.parse(await fetchText(`${path}.json`)).title, `Paperboard: ${LIST_NAME}`);
  });

  it('week and month pages announce their rolling feeds, which list that board', async () => {
    for (const [page, feed] of [
      ['/week/2026-W34', '/feeds/weekly'],
      ['/month/2026-08', '/feeds/monthly'],
    ] as const) {
      const html = await fetchText(page);
      for (const format of ['atom', 'rss', 'json'] as const) {
        assert.ok(html.includes(`href="${feed}.${format}"`), `${page} links ${feed}.${format}`);
        const items = await readers[format](`${feed}.${format}`);
        assert.equal(items.length, 4, `${feed}.${format}`);
      }
    }
  });

  it("the author page's feed links are the feeds' own self links", async () => {
    const html = await fetchText(`/authors/${encodeURIComponent('Tom & Jerry')}`);
    const links = [
      ...html.matchAll(/<link rel="alternate" type="([^"]+)" title="Papers by [^"]*" href="([^"]+)"/g),
    ];
    assert.equal(links.length, 3);
    for (const [, type, escaped] of links) {
      const href = (escaped ?? '').replace(/&amp;/g, '&');
      const format =
        type === 'application/rss+xml' ? 'rss' : type === 'application/atom+xml' ? 'atom' : 'json';
      // Each reader asserts the self link equals BASE + href.
      const items = await readers[format](href);
      assert.deepEqual(items.map((i) => i.id).sort(), [
        `${BASE}/papers/2608.00001`,
        `${BASE}/papers/2608.00002`,
      ]);
    }
  });
});
