// The /search page through app.request() over real HF daily papers: highlighted results, filters as
// removable chips, sorting, pagination, relaxed queries, LaTeX in hits, the header search box, the
// 400 page for queries that cannot run, and escaping of the query wherever it is echoed.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Hono } from 'hono';
import type { PaperDetail } from '../../src/api/schemas/papers.js';
import { createLogger } from '../../src/lib/logger.js';
import { createApp } from '../../src/web/app.js';
import { loadSearchData, realPapers } from '../api/search-data.js';
import { testContext } from '../helpers/test-app.js';
import { createTestDatabase, eachDialect, type TestDatabase } from '../helpers/test-db.js';
import { cardOrder, get } from './web-fixtures.js';

const search = (q: string, extra = '') => `/search?${new URLSearchParams({ q })}${extra}`;

/** The remove links of the filter chips: label → href (HTML-decoded). */
function chipLinks(html: string): Map<string, string> {
  const links = new Map<string, string>();
  for (const m of html.matchAll(
    /<a class="filter-chip" href="([^"]*)" aria-label="Remove filter ([^"]*)"/g,
  )) {
    links.set(decode(m[2] ?? ''), decode(m[1] ?? ''));
  }
  return links;
}

function decode(text: string): string {
  return text
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}

/** The inner HTML of each result's title link, in page order. */
function titleHtml(html: string): string[] {
  return [...html.matchAll(/<h2 class="paper-title"[^>]*><a href="[^"]+">(.*?)<\/a><\/h2>/g)].map(
    (m) => m[1] ?? '',
  );
}

function countText(html: string): string | undefined {
  return /<p class="board-meta">([^<]*)<\/p>/.exec(html)?.[1];
}

const queryOf = (href: string) => new URL(href, 'http://x').searchParams.get('q');

eachDialect('web search page', (dialect) => {
  let t: TestDatabase;
  let app: Hono;
  const real = realPapers();

  before(async () => {
    t = await createTestDatabase(dialect);
    ({ app } = await loadSearchData(t));
  });
  after(async () => {
    await t.destroy();
  });

  it('finds a paper by a distinctive title word, first, with the word marked', async () => {
    const page = await get(app, search('mamba'));
    assert.equal(page.status, 200);
    assert.equal(cardOrder(page.html)[0], '2405.15574');
    assert.equal(
      titleHtml(page.html)[0],
      'Meteor: <mark>Mamba</mark>-based Traversal of Rationale for Large Language and Vision Models',
    );
    // Each card shows its own paper: the title under the link is that paper's title.
    const titles = titleHtml(page.html).map((h) => decode(h.replace(/<\/?mark>/g, '')));
    assert.deepEqual(
      titles,
      cardOrder(page.html).map((id) => real.get(id)?.title),
    );
    assert.match(page.html, /<p class="abstract-preview snippet">[\s\S]*?<mark>[Mm]amba<\/mark>/);
    assert.match(page.html, /<title>Search: mamba · Paperboard<\/title>/);
    assert.match(page.html, /<h1>Results for “mamba”<\/h1>/);
    assert.equal(countText(page.html), '2 papers');
    assert.match(page.html, /<details class="search-help"><summary>Search syntax<\/summary>/, 'help folded');
    // Cards like the board's: authors, upvotes.
    assert.ok(page.html.includes('Byung-Kwan Lee'), 'first author of Meteor');
    // Upvotes as text, not a box like the upvote button; the publication date on every card.
    assert.match(
      page.html,
      /<span class="meta-item upvote-count"><span aria-hidden="true">▲<\/span> 28 upvotes<\/span>/,
    );
    assert.doesNotMatch(page.html, /class="vote-box"/);
    assert.match(
      page.html,
      /Published <time datetime="\d{4}-\d{2}-\d{2}">[A-Z][a-z]{2} \d{1,2}, \d{4}<\/time>/,
    );
  });

  it('has a full-width search field of its own holding the query, sort and mode; the header has none', async () => {
    const page = await get(app, `${search('world "model')}&sort=date&mode=keyword`);
    assert.match(
      page.html,
      /<form class="search-form" action="\/search" method="get" role="search"><label for="search-q" class="visually-hidden">Search papers<\/label><input id="search-q" type="search" name="q" value="world &quot;model" placeholder="Search papers"\/><input type="hidden" name="sort" value="date"\/><input type="hidden" name="mode" value="keyword"\/>/,
    );
    assert.doesNotMatch(page.html, /class="site-search"/, 'one search field per page');
    const empty = await get(app, '/search');
    assert.match(
      empty.html,
      /<input id="search-q" type="search" name="q" value="" placeholder="Search papers"\/><button/,
    );
    // Every other page keeps the header box; the nav has no Search link beside it.
    const board = await get(app, '/');
    assert.match(board.html, /<input id="site-search-q" type="search" name="q" value=""/);
    assert.doesNotMatch(board.html, /<a href="\/search"/);
  });

  it('runs a query with an unbalanced quote instead of refusing it', async () => {
    const page = await get(app, search('"world model'));
    assert.equal(page.status, 200);
    const ids = cardOrder(page.html);
    assert.ok(ids.includes('2405.15223'), ids.join(' '));
    assert.match(titleHtml(page.html)[ids.indexOf('2405.15223')] ?? '', /<mark>World Models<\/mark>/);
  });

  it('shows filters as chips whose links drop exactly that filter', async () => {
    const q = 'harness year:2026 has:code cat:cs.AI';
    const page = await get(app, search(q));
    assert.equal(page.status, 200);
    assert.deepEqual(cardOrder(page.html).sort(), ['2608.18565', '2608.19880']);
    const chips = chipLinks(page.html);
    assert.deepEqual([...chips.keys()], ['Year: 2026', 'Has code', 'Category: cs.AI']);
    assert.equal(queryOf(chips.get('Year: 2026') ?? ''), 'harness has:code cat:cs.AI');
    assert.equal(queryOf(chips.get('Has code') ?? ''), 'harness year:2026 cat:cs.AI');
    assert.equal(queryOf(chips.get('Category: cs.AI') ?? ''), 'harness year:2026 has:code');
    // Following a remove link: that chip is gone, the others stay, and there are more results.
    const wider = await get(app, chips.get('Category: cs.AI') ?? '');
    assert.deepEqual([...chipLinks(wider.html).keys()], ['Year: 2026', 'Has code']);
    assert.ok(cardOrder(wider.html).length > 2);
    assert.ok(cardOrder(wider.html).includes('2608.19880'));
  });

  it('labels field chips and keeps the sort in remove links', async () => {
    const page = await get(app, search('ti:harness au:ding', '&sort=date'));
    const chips = chipLinks(page.html);
    assert.deepEqual([...chips.keys()], ['Title: harness', 'Author: ding']);
    const href = chips.get('Author: ding') ?? '';
    assert.equal(queryOf(href), 'ti:harness');
    assert.equal(new URL(href, 'http://x').searchParams.get('sort'), 'date');
    assert.equal(cardOrder(page.html)[0], '2608.16590');
  });

  it('narrows results with year:, has:code and cat: filters', async () => {
    const all = cardOrder((await get(app, search('harness'))).html);
    assert.ok(all.length >= 4, all.join(' '));
    const in2026 = cardOrder((await get(app, search('harness year:2026'))).html);
    const in2024 = cardOrder((await get(app, search('harness year:2024'))).html);
    assert.deepEqual(in2024, ['2405.15223']);
    assert.deepEqual([...in2026, ...in2024].sort(), all.filter((id) => real.has(id)).sort());
    for (const id of in2026) assert.equal(real.get(id)?.publishedAt.slice(0, 4), '2026', id);

    const withCode = cardOrder((await get(app, search('benchmark has:code'))).html);
    const withoutCode = cardOrder((await get(app, search('benchmark -has:code'))).html);
    assert.ok(withCode.length > 0 && withoutCode.length > 0);
    for (const [ids, hasCode] of [
      [withCode, true],
      [withoutCode, false],
    ] as const) {
      for (const id of ids) {
        const detail = (await (await app.request(`/api/papers/${id}`)).json()) as PaperDetail;
        assert.equal(
          detail.codeLinks.some((l) => l.kind !== 'project'),
          hasCode,
          id,
        );
      }
    }
    assert.deepEqual(cardOrder((await get(app, search('cat:cs.CV'))).html).sort(), [
      '2405.15223',
      '2405.15574',
    ]);
    assert.deepEqual(cardOrder((await get(app, search('world models cat:cs.RO'))).html), ['2608.16590']);
  });

  it('orders by arXiv date with sort=date and by upvotes with sort=upvotes', async () => {
    const byDate = cardOrder((await get(app, search('language', '&sort=date'))).html);
    assert.ok(byDate.length >= 5, byDate.join(' '));
    const dates = byDate.map((id) => real.get(id)?.publishedAt.slice(0, 10) ?? '');
    assert.deepEqual(dates, [...dates].sort().reverse());
    const byVotes = cardOrder((await get(app, search('language', '&sort=upvotes'))).html);
    const votes = byVotes.map((id) => real.get(id)?.raw.paper.upvotes ?? -1);
    assert.deepEqual(
      votes,
      [...votes].sort((a, b) => b - a),
    );
    const page = await get(app, search('language', '&sort=upvotes'));
    assert.match(
      page.html,
      /<a href="\/search\?q=language&amp;sort=upvotes" aria-current="page">Upvotes<\/a>/,
    );
    assert.match(page.html, /<a href="\/search\?q=language">Relevance<\/a>/);
  });

  it('pages through results 20 at a time', async () => {
    const first = await get(app, search('model'));
    const total = Number(/^(\d+) papers$/.exec(countText(first.html) ?? '')?.[1]);
    assert.ok(total > 20, `${total}`);
    assert.equal(cardOrder(first.html).length, 20);
    assert.match(first.html, /<a href="\/search\?q=model&amp;p=1" rel="next">Next page →<\/a>/);
    const second = await get(app, search('model', '&p=1'));
    assert.equal(cardOrder(second.html).length, total - 20);
    assert.match(second.html, /<ol class="paper-list" start="21">/);
    assert.equal(new Set([...cardOrder(first.html), ...cardOrder(second.html)]).size, total);
    const past = await get(app, search('model', '&p=5'));
    assert.equal(past.status, 200);
    assert.match(past.html, /No more results/);
  });

  it('says when no paper has every word and the results have any of them', async () => {
    const page = await get(app, search('mamba kazakh'));
    assert.equal(page.status, 200);
    assert.match(page.html, /No paper has all your words; showing papers with any of them\./);
    assert.equal(cardOrder(page.html)[0], '2405.15574');
    const strict = await get(app, search('mamba'));
    assert.doesNotMatch(strict.html, /No paper has all your words/);
  });

  it('typesets LaTeX in hits and keeps marks outside formulas', async () => {
    const page = await get(app, search('divergences'));
    const [title] = titleHtml(page.html);
    assert.ok(title?.includes('class="katex"'), title);
    assert.ok(title?.includes('<mark>divergences</mark>'), title);
    assert.ok(!title?.includes('$'), title);
    // A match inside a formula loses its mark rather than break KaTeX's markup.
    const inside = titleHtml((await get(app, search('alpha'))).html);
    const latex = inside.find((h) => h.includes('katex'));
    assert.ok(latex, inside.join('\n'));
    assert.ok(!latex.includes('<mark>'), latex);
  });

  it('keeps a lone $ (a price) in the snippet as text', async () => {
    const page = await get(app, search('cheap'));
    assert.equal(cardOrder(page.html)[0], '2401.00009');
    assert.match(
      page.html,
      /<p class="abstract-preview snippet">Serving costs \$5 per million tokens with our <mark>cheap<\/mark> inference stack, described here in detail\.<\/p>/,
    );
  });

  it('shows the help and no results for an empty query', async () => {
    for (const path of ['/search', '/search?q=', '/search?q=%20%20']) {
      const page = await get(app, path);
      assert.equal(page.status, 200, path);
      assert.match(page.html, /<h1>Search papers<\/h1>/);
      assert.match(page.html, /<details class="search-help" open="">/);
      assert.equal(cardOrder(page.html).length, 0);
      assert.doesNotMatch(page.html, /Subscribe to this search/);
    }
  });

  it('links the search feeds in the head and visibly', async () => {
    const page = await get(app, search('harness year:2026'));
    const q = 'q=harness+year%3A2026';
    assert.ok(
      page.html.includes(
        `<link rel="alternate" type="application/rss+xml" title="Papers matching “harness year:2026” (RSS)" href="/feeds/search.rss?${q}"/>`,
      ),
    );
    assert.ok(page.html.includes(`href="/feeds/search.atom?${q}"`));
    assert.ok(page.html.includes(`href="/feeds/search.json?${q}"`));
    assert.match(
      page.html,
      new RegExp(`<a href="/feeds/search\\.rss\\?${q.replace('+', '\\+')}">Subscribe to this search</a>`),
    );
  });

  describe('queries that cannot run → the search page with 400 and the message', () => {
    for (const [q, message] of [
      ['-onlyexclusion', /Add at least one word to search for/],
      ['year:abc', /year: expects a year like year:2024/],
      ['a OR -b', /One side of OR is only an exclusion/],
      ['x'.repeat(5000), /The query is too long \(5000 characters\); the limit is 4000\./],
    ] as const) {
      it(q.slice(0, 30), async () => {
        const page = await get(app, search(q));
        assert.equal(page.status, 400);
        assert.match(page.html, /<h2 id="query-error-heading">This search can’t run<\/h2>/);
        assert.ok(page.html.includes(`<h1>Search for “${q}”</h1>`));
        assert.match(page.html, message);
        assert.ok(page.html.includes(`value="${q}"`), 'the query stays in the box to fix it');
        assert.match(page.html, /class="search-help"/);
        assert.equal(cardOrder(page.html).length, 0);
      });
    }
    for (const [extra, message] of [
      ['&sort=best', /The sort order \(\?sort=\) must be relevance, date or upvotes\./],
      ['&p=abc', /The page number \(\?p=\) must be a whole number from 0 to 499\./],
      ['&p=500', /from 0 to 499/],
      ['&p=-1', /from 0 to 499/],
      ['&p=2147483648', /from 0 to 499/],
      ['&mode=fast', /The search mode \(\?mode=\) must be auto, keyword, semantic, hybrid\./],
      ['&sort=Date', /The sort order \(\?sort=\)/],
    ] as const) {
      it(extra, async () => {
        const page = await get(app, search('harness', extra));
        assert.equal(page.status, 400);
        assert.match(page.html, message);
      });
    }
  });

  it('reads empty sort, mode and page (a GET form’s empty fields) as the defaults', async () => {
    const plain = await get(app, search('harness'));
    const empty = await get(app, search('harness', '&sort=&mode=&p='));
    assert.equal(empty.status, 200);
    assert.deepEqual(cardOrder(empty.html), cardOrder(plain.html));
    assert.ok(cardOrder(plain.html).length > 0);
  });

  it('escapes a <script> query in the box, the heading, the title, chips and feed links', async () => {
    const q = '<script>alert(1)</script> ti:"<b>x" cat:cs.AI';
    const page = await get(app, search(q));
    assert.equal(page.status, 200);
    assert.ok(!page.html.includes('<script>alert'), 'no live script');
    assert.ok(!page.html.includes('<b>x'), 'no live markup');
    assert.ok(
      page.html.includes('value="&lt;script&gt;alert(1)&lt;/script&gt; ti:&quot;&lt;b&gt;x&quot; cat:cs.AI"'),
    );
    assert.ok(
      page.html.includes(
        '<h1>Results for “&lt;script&gt;alert(1)&lt;/script&gt; ti:&quot;&lt;b&gt;x&quot; cat:cs.AI”</h1>',
      ),
    );
    assert.ok(page.html.includes('<title>Search: &lt;script&gt;alert(1)&lt;/script&gt;'));
    // The query tokenizer drops `<` and `>`; the quotes of the phrase chip are escaped in attributes.
    assert.deepEqual([...chipLinks(page.html).keys()], ['Title: "b x"', 'Category: cs.AI']);
    assert.ok(page.html.includes('aria-label="Remove filter Title: &quot;b x&quot;"'));
    assert.ok(page.html.includes('<span>Title: &quot;b x&quot;</span>'));
    const error = await get(app, search('<script>alert(1)</script> year:<i>'));
    assert.equal(error.status, 400);
    assert.ok(!error.html.includes('<script>alert'));
    assert.ok(!error.html.includes('<i>'));
    assert.ok(
      error.html.includes('<h1>Search for “&lt;script&gt;alert(1)&lt;/script&gt; year:&lt;i&gt;”</h1>'),
    );
    assert.ok(error.html.includes('year: expects'));
  });

  it('escapes markup in a matching paper’s title and abstract', async () => {
    const page = await get(app, search('escaping'));
    assert.deepEqual(cardOrder(page.html), ['2608.00003']);
    assert.ok(!page.html.includes('<script>alert("title")'));
    assert.ok(!page.html.includes('<img src=x'));
    assert.ok(
      page.html.includes(
        '<mark>Escaping</mark> &lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt; &amp; quoting',
      ),
    );
    assert.ok(page.html.includes('&lt;b&gt;Mallory&lt;/b&gt;'));
  });
});

describe('web search page failures', () => {
  it('a search service failure is the normal 500 error page, logged', async () => {
    const t = await createTestDatabase('sqlite');
    const lines: string[] = [];
    const ctx = testContext(t);
    const broken = {
      ...ctx,
      log: createLogger('error', { write: (line: string) => void lines.push(line) }),
      search: {
        ...ctx.search,
        search: async () => {
          throw new Error('index file is corrupt');
        },
        similar: ctx.search.similar.bind(ctx.search),
        similarBatch: ctx.search.similarBatch.bind(ctx.search),
        close: ctx.search.close.bind(ctx.search),
      },
    };
    const page = await get(createApp(broken), search('harness'));
    assert.equal(page.status, 500);
    assert.match(page.html, /Something went wrong/);
    assert.ok(!page.html.includes('index file is corrupt'));
    assert.ok(lines.some((l) => l.includes('request failed') && l.includes('index file is corrupt')));
    await t.destroy();
  });
});
