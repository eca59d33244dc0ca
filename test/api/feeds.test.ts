// /feeds/daily.{rss,atom,json} over real HF days: item count, order, titles and links parsed back
// from the XML/JSON, self links, content types, ETag/304, and escaping of hostile titles.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Hono } from 'hono';
import { escapeHtml } from '../../src/lib/html.js';
import { upsertPapers } from '../../src/store/paper-writes.js';
import { createApp } from '../../src/web/app.js';
import { boardRecord } from '../helpers/factories.js';
import { type JsonFeed, parseFeedXml, type Xml } from '../helpers/feed-parsing.js';
import { testContext } from '../helpers/test-app.js';
import { createTestDatabase, eachDialect, type TestDatabase } from '../helpers/test-db.js';
import { collapse, hfRecords, readHfDay } from './hf-data.js';

const BASE = 'http://paperboard.test';
const HOSTILE_TITLE = 'Breaking <script>alert("x")</script> & "quotes" ]]> $a<b$';
const HOSTILE_ABSTRACT = 'Uses <b>bold</b> & AT&T; ]]> end';

eachDialect('daily feeds', (dialect) => {
  let t: TestDatabase;
  let app: Hono;
  /** Ids of the 2026-08-21 board in API order (the feeds list the same board). */
  let boardIds: string[];
  const source = new Map(readHfDay('2026-08-21').map((raw) => [raw.paper.id, raw]));

  before(async () => {
    t = await createTestDatabase(dialect);
    await upsertPapers(t, hfRecords(['2026-08-20', '2026-08-21']), '2026-08-21T09:00:00.000Z');
    await upsertPapers(
      t,
      [
        boardRecord({
          arxivId: '2608.00001',
          title: HOSTILE_TITLE,
          abstract: HOSTILE_ABSTRACT,
          authors: [{ name: 'Tom & Jerry' }, { name: 'O<Brien>' }],
          categories: ['cs.CR'],
          board: { date: '2026-08-19', submittedAt: '2026-08-19T07:30:00Z', submittedBy: 'mallory' },
        }),
      ],
      '2026-08-21T09:00:00.000Z',
    );
    app = createApp(testContext(t));
    const items = (await (await app.request('/api/daily_papers')).json()) as Array<{ paper: { id: string } }>;
    boardIds = items.map((i) => i.paper.id);
  });
  after(async () => {
    await t.destroy();
  });

  it('RSS 2.0 lists the latest board with links, guids, dates, authors and a self link', async () => {
    const res = await app.request('/feeds/daily.rss');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/rss+xml; charset=utf-8');
    assert.equal(res.headers.get('cache-control'), 'public, max-age=300');
    const rss = parseFeedXml(await res.text()).rss;
    assert.equal(rss['@_version'], '2.0');
    const channel = rss.channel;
    assert.equal(channel.title, 'Paperboard: daily papers');
    assert.equal(channel.link, `${BASE}/`);
    assert.deepEqual(
      channel['atom:link'].map((l: Xml) => [l['@_rel'], l['@_href']]),
      [['self', `${BASE}/feeds/daily.rss`]],
    );
    assert.equal(channel.item.length, 17);
    assert.deepEqual(
      channel.item.map((i: Xml) => i.link),
      boardIds.map((id) => `${BASE}/papers/${id}`),
    );
    for (const item of channel.item as Xml[]) {
      const raw = source.get(item.link.replace(`${BASE}/papers/`, ''));
      assert.ok(raw);
      assert.equal(item.title, collapse(raw.paper.title));
      assert.deepEqual(item.guid, { '#text': item.link, '@_isPermaLink': 'true' });
      assert.equal(item.pubDate, new Date(raw.paper.submittedOnDailyAt as string).toUTCString());
      assert.equal(item['dc:creator'], raw.paper.authors.map((a) => collapse(a.name)).join(', '));
      assert.equal(item.description, `<p>${escapeHtml(collapse(raw.paper.summary))}</p>`);
      assert.match(item['content:encoded'], new RegExp(`href="https://arxiv.org/pdf/${raw.paper.id}"`));
    }
  });

  it('Atom 1.0 has stable entry ids, links, authors and updated times', async () => {
    const res = await app.request('/feeds/daily.atom');
    assert.equal(res.headers.get('content-type'), 'application/atom+xml; charset=utf-8');
    const feed = parseFeedXml(await res.text()).feed;
    assert.equal(feed['@_xmlns'], 'http://www.w3.org/2005/Atom');
    assert.equal(feed.id, `${BASE}/feeds/daily`);
    assert.deepEqual(
      feed.link.map((l: Xml) => [l['@_rel'], l['@_href']]),
      [
        ['alternate', `${BASE}/`],
        ['self', `${BASE}/feeds/daily.atom`],
      ],
    );
    assert.equal(feed.entry.length, 17);
    assert.deepEqual(
      feed.entry.map((e: Xml) => e.id),
      boardIds.map((id) => `${BASE}/papers/${id}`),
    );
    for (const entry of feed.entry as Xml[]) {
      const raw = source.get(entry.id.replace(`${BASE}/papers/`, ''));
      assert.ok(raw);
      assert.equal(entry.link[0]['@_href'], entry.id);
      assert.equal(entry.title['@_type'], 'text');
      assert.equal(entry.title['#text'], collapse(raw.paper.title));
      assert.equal(entry.published, raw.paper.submittedOnDailyAt);
      assert.equal(entry.updated, new Date(raw.paper.publishedAt as string).toISOString());
      assert.deepEqual(
        entry.author.map((a: Xml) => a.name),
        raw.paper.authors.map((a) => collapse(a.name)),
      );
    }
  });

  it('JSON Feed 1.1 carries plain titles, abstracts and authors', async () => {
    const res = await app.request('/feeds/daily.json');
    assert.equal(res.headers.get('content-type'), 'application/feed+json; charset=utf-8');
    const feed = (await res.json()) as JsonFeed;
    assert.equal(feed.version, 'https://jsonfeed.org/version/1.1');
    assert.equal(feed.feed_url, `${BASE}/feeds/daily.json`);
    assert.equal(feed.home_page_url, `${BASE}/`);
    assert.deepEqual(
      feed.items.map((i) => i.id),
      boardIds.map((id) => `${BASE}/papers/${id}`),
    );
    for (const item of feed.items) {
      const raw = source.get(item.id.replace(`${BASE}/papers/`, ''));
      assert.ok(raw);
      assert.equal(item.url, item.id);
      assert.equal(item.external_url, `https://arxiv.org/abs/${raw.paper.id}`);
      assert.equal(item.title, collapse(raw.paper.title));
      assert.equal(item.content_text, collapse(raw.paper.summary));
      assert.equal(item.date_published, raw.paper.submittedOnDailyAt);
      assert.deepEqual(
        item.authors.map((a) => a.name),
        raw.paper.authors.map((a) => collapse(a.name)),
      );
    }
  });

  it('?date= selects a day and is kept in the self links', async () => {
    const size = readHfDay('2026-08-20').length;
    const rss = parseFeedXml(await (await app.request('/feeds/daily.rss?date=2026-08-20')).text()).rss
      .channel;
    assert.equal(rss.item.length, size);
    assert.equal(rss.title, 'Paperboard: daily papers of 2026-08-20');
    assert.equal(rss.link, `${BASE}/date/2026-08-20`);
    assert.equal(rss['atom:link'][0]['@_href'], `${BASE}/feeds/daily.rss?date=2026-08-20`);
    const atom = parseFeedXml(await (await app.request('/feeds/daily.atom?date=2026-08-20')).text()).feed;
    assert.equal(atom.entry.length, size);
    assert.equal(atom.link[1]['@_href'], `${BASE}/feeds/daily.atom?date=2026-08-20`);
    const json = (await (await app.request('/feeds/daily.json?date=2026-08-20')).json()) as JsonFeed;
    assert.equal(json.items.length, size);
    assert.equal(json.feed_url, `${BASE}/feeds/daily.json?date=2026-08-20`);
    const empty = (await (await app.request('/feeds/daily.json?date=2026-08-22')).json()) as JsonFeed;
    assert.deepEqual(empty.items, []);
  });

  for (const query of ['date=2026-02-30', 'date=yesterday', 'date=2026-08-20&date=2026-08-21']) {
    it(`?${query} → 400 JSON invalid`, async () => {
      const res = await app.request(`/feeds/daily.rss?${query}`);
      assert.equal(res.status, 400);
      const body = (await res.json()) as { error: string; code: string };
      assert.equal(body.code, 'invalid');
      assert.match(body.error, /date/);
    });
  }

  for (const format of ['rss', 'atom', 'json']) {
    it(`${format}: the same board gives the same ETag, and If-None-Match gets a 304`, async () => {
      const url = `/feeds/daily.${format}?date=2026-08-21`;
      const first = await app.request(url);
      const etag = first.headers.get('etag');
      // Weak: one tag for the body in every content coding (the render cache stores all three).
      assert.match(etag ?? '', /^W\/"[A-Za-z0-9_-]{27}"$/);
      const second = await app.request(url);
      assert.equal(second.headers.get('etag'), etag);
      assert.equal(await second.text(), await first.text());
      for (const header of [etag, (etag as string).slice(2), `"other", ${etag}`, '*']) {
        const cached = await app.request(url, { headers: { 'If-None-Match': header as string } });
        assert.equal(cached.status, 304, header as string);
        assert.equal(await cached.text(), '');
        assert.equal(cached.headers.get('etag'), etag);
        assert.equal(cached.headers.get('cache-control'), 'public, max-age=300');
      }
      const stale = await app.request(url, { headers: { 'If-None-Match': '"stale"' } });
      assert.equal(stale.status, 200);
      const otherDay = await app.request(`/feeds/daily.${format}?date=2026-08-20`);
      assert.notEqual(otherDay.headers.get('etag'), etag);
    });
  }

  describe('hostile text', () => {
    it('RSS escapes markup and ampersands in titles, abstracts and authors', async () => {
      const xml = await (await app.request('/feeds/daily.rss?date=2026-08-19')).text();
      assert.ok(!xml.includes('<script>'), 'no live script tag');
      assert.ok(!xml.includes('<b>bold'), 'abstract markup escaped');
      const [item] = parseFeedXml(xml).rss.channel.item;
      // Plain text with the RSS Profile's hexadecimal references, decoded once by any XML parser.
      assert.match(
        xml,
        /<title>Breaking &#x3C;script&#x3E;alert\("x"\)&#x3C;\/script&#x3E; &#x26; "quotes" \]\]&#x3E; \$a&#x3C;b\$<\/title>/,
      );
      assert.equal(item.title, HOSTILE_TITLE);
      assert.equal(item.description, `<p>${escapeHtml(HOSTILE_ABSTRACT)}</p>`);
      assert.equal(item['dc:creator'], 'Tom & Jerry, O<Brien>');
      assert.deepEqual(item.category, [
        { '#text': 'cs.CR', '@_domain': 'https://arxiv.org/category_taxonomy' },
      ]);
    });

    it('Atom escapes the same way and stays well-formed', async () => {
      const xml = await (await app.request('/feeds/daily.atom?date=2026-08-19')).text();
      assert.ok(!xml.includes('<script>'));
      const [entry] = parseFeedXml(xml).feed.entry;
      assert.equal(entry.title['#text'], HOSTILE_TITLE);
      assert.equal(entry.summary['#text'], `<p>${escapeHtml(HOSTILE_ABSTRACT)}</p>`);
      assert.deepEqual(
        entry.author.map((a: Xml) => a.name),
        ['Tom & Jerry', 'O<Brien>'],
      );
      assert.equal(entry.category[0]['@_term'], 'cs.CR');
    });

    it('JSON Feed keeps the plain title and escapes only content_html', async () => {
      const feed = (await (await app.request('/feeds/daily.json?date=2026-08-19')).json()) as JsonFeed;
      const [item] = feed.items;
      assert.equal(item?.title, HOSTILE_TITLE);
      assert.equal(item?.content_text, HOSTILE_ABSTRACT);
      assert.ok(
        item?.content_html.startsWith('<p>Uses &lt;b&gt;bold&lt;/b&gt; &amp; AT&amp;T; ]]&gt; end</p>'),
      );
      assert.deepEqual(item?.tags, ['cs.CR']);
      assert.equal(item?.date_published, '2026-08-19T07:30:00.000Z');
    });
  });
});

eachDialect('daily feeds on an empty board', (dialect) => {
  let t: TestDatabase;
  before(async () => {
    t = await createTestDatabase(dialect);
  });
  after(async () => {
    await t.destroy();
  });

  it('are valid, empty feeds', async () => {
    const app = createApp(testContext(t));
    const rss = parseFeedXml(await (await app.request('/feeds/daily.rss')).text()).rss.channel;
    assert.equal(rss.item, undefined);
    const atom = parseFeedXml(await (await app.request('/feeds/daily.atom')).text()).feed;
    assert.equal(atom.updated, '2026-08-21T12:00:00.000Z');
    const json = (await (await app.request('/feeds/daily.json')).json()) as JsonFeed;
    assert.deepEqual(json.items, []);
  });
});
