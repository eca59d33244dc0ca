// /feeds/search.{rss,atom,json}?q= over real HF daily papers: the newest matching papers parsed back
// from the XML/JSON, filters applied, self links keeping the query, ETag/304, escaping, and 400s.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Hono } from 'hono';
import { upsertPapers } from '../../src/store/paper-writes.js';
import { arxivRecord } from '../helpers/factories.js';
import { type JsonFeed, parseFeedXml, type Xml } from '../helpers/feed-parsing.js';
import { createTestDatabase, eachDialect, type TestDatabase } from '../helpers/test-db.js';
import { loadSearchData, realPapers } from './search-data.js';

const BASE = 'http://paperboard.test';

const idOf = (url: string) => url.replace(`${BASE}/papers/`, '');

eachDialect('search feeds', (dialect) => {
  let t: TestDatabase;
  let app: Hono;
  const real = realPapers();
  const feedUrl = (format: string, q: string) => `/feeds/search.${format}?${new URLSearchParams({ q })}`;

  /** The ids the search pages list for `q`, newest first (every page): what the feeds must carry. */
  async function pageOrder(q: string): Promise<string[]> {
    const ids: string[] = [];
    for (let p = 0; ; p++) {
      const query = new URLSearchParams({ q, sort: 'date', p: String(p) });
      const html = await (await app.request(`/search?${query}`)).text();
      const page = [...html.matchAll(/<h2 class="paper-title"[^>]*><a href="\/papers\/([^"]+)"/g)];
      if (page.length === 0) return ids;
      ids.push(...page.map((m) => m[1] ?? ''));
    }
  }

  before(async () => {
    t = await createTestDatabase(dialect);
    const loaded = await loadSearchData(t);
    app = loaded.app;
    // Twelve more 2023 papers so that a feed of everything is longer than the 50-item cap.
    const fillers = Array.from({ length: 12 }, (_, i) =>
      arxivRecord({
        arxivId: `2301.${String(i + 1).padStart(5, '0')}`,
        title: `Filler paper number ${i + 1}`,
        abstract: 'Padding for the feed length test.',
        publishedAt: `2023-01-${String(i + 1).padStart(2, '0')}T00:00:00Z`,
      }),
    );
    await upsertPapers(t, fillers, '2026-08-21T09:00:00.000Z');
    await loaded.ctx.search.catchUp();
  });
  after(async () => {
    await t.destroy();
  });

  it('RSS lists the newest matching papers with the query in its self link', async () => {
    const res = await app.request(feedUrl('rss', 'agent year:2026'));
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/rss+xml; charset=utf-8');
    const channel = parseFeedXml(await res.text()).rss.channel;
    assert.equal(channel.title, 'Paperboard: search “agent year:2026”');
    assert.equal(channel.link, `${BASE}/search?q=agent+year%3A2026&sort=date`);
    assert.equal(channel['atom:link'][0]['@_href'], `${BASE}/feeds/search.rss?q=agent+year%3A2026`);
    const ids = (channel.item as Xml[]).map((i) => idOf(i.link));
    assert.ok(ids.length >= 5, ids.join(' '));
    assert.deepEqual(ids, await pageOrder('agent year:2026'));
    const dates = ids.map((id) => real.get(id)?.publishedAt ?? '');
    assert.deepEqual(dates, [...dates].sort().reverse(), 'newest first');
    for (const item of channel.item as Xml[]) {
      const paper = real.get(idOf(item.link));
      assert.ok(paper, item.link);
      assert.equal(item.title, paper.title);
      assert.equal(paper.publishedAt.slice(0, 4), '2026');
    }
  });

  it('Atom and JSON Feed carry the same papers', async () => {
    const q = 'agent year:2026';
    const expected = await pageOrder(q);
    const atom = parseFeedXml(await (await app.request(feedUrl('atom', q))).text()).feed;
    assert.deepEqual(
      (atom.entry as Xml[]).map((e) => idOf(e.id)),
      expected,
    );
    assert.equal(atom.link[1]['@_href'], `${BASE}/feeds/search.atom?q=agent+year%3A2026`);
    const res = await app.request(feedUrl('json', q));
    assert.equal(res.headers.get('content-type'), 'application/feed+json; charset=utf-8');
    const json = (await res.json()) as JsonFeed;
    assert.equal(json.feed_url, `${BASE}/feeds/search.json?q=agent+year%3A2026`);
    assert.deepEqual(
      json.items.map((i) => idOf(i.id)),
      expected,
    );
  });

  it('applies filters and caps the feed at 50 papers', async () => {
    const json = (await (await app.request(feedUrl('json', 'cat:cs.CV'))).json()) as JsonFeed;
    assert.deepEqual(json.items.map((i) => idOf(i.id)).sort(), ['2405.15223', '2405.15574']);
    const everything = await pageOrder('after:1900');
    assert.ok(everything.length > 50, `${everything.length}`);
    const wide = (await (await app.request(feedUrl('json', 'after:1900'))).json()) as JsonFeed;
    assert.deepEqual(
      wide.items.map((i) => idOf(i.id)),
      everything.slice(0, 50),
    );
    const empty = (await (await app.request(feedUrl('json', 'zzyzx'))).json()) as JsonFeed;
    assert.deepEqual(empty.items, []);
  });

  it('answers If-None-Match with 304', async () => {
    const first = await app.request(feedUrl('atom', 'harness'));
    const etag = first.headers.get('etag');
    assert.ok(etag);
    const again = await app.request(feedUrl('atom', 'harness'), { headers: { 'If-None-Match': etag } });
    assert.equal(again.status, 304);
  });

  it('escapes a hostile query in the feed title', async () => {
    const q = 'escaping <script>';
    const xml = await (await app.request(feedUrl('rss', q))).text();
    assert.ok(!xml.includes('<script>'));
    const channel = parseFeedXml(xml).rss.channel;
    assert.equal(channel.title, `Paperboard: search “${q}”`);
    const [first] = channel.item as Xml[];
    assert.equal(idOf(first.link), '2608.00003');
    assert.equal(first.title, 'Escaping <script>alert("title")</script> & quoting');
  });

  describe('bad q → 400 JSON', () => {
    for (const [query, message] of [
      ['', /q is required/],
      ['?q=', /q is required/],
      ['?q=-onlyexclusion', /Add at least one word/],
      ['?q=year%3Aabc', /year: expects/],
      ['?q=a%20OR%20-b', /One side of OR/],
    ] as const) {
      for (const format of ['rss', 'atom', 'json']) {
        it(`${format} ${query || '(no q)'}`, async () => {
          const res = await app.request(`/feeds/search.${format}${query}`);
          assert.equal(res.status, 400);
          const body = (await res.json()) as { error: string; code: string };
          assert.equal(body.code, 'invalid');
          assert.match(body.error, message);
        });
      }
    }
  });
});
