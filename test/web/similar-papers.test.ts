// The "Similar papers" section of the paper page over real HF daily papers: related papers link to
// their pages with title and first authors, never the paper itself; hidden when there are none. The
// page reads the lists the similar-papers job stored and never asks the search for one: with the
// search failing, stored lists still show, and a paper without one says they are being found.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Hono } from 'hono';
import { getPaper } from '../../src/store/paper-reads.js';
import { deleteSimilarLists } from '../../src/store/similar-papers.js';
import { createApp } from '../../src/web/app.js';
import { loadSearchData } from '../api/search-data.js';
import { storeSimilarLists, type TestContext } from '../helpers/test-app.js';
import { createTestDatabase, eachDialect, type TestDatabase } from '../helpers/test-db.js';
import { get } from './web-fixtures.js';

interface SimilarLink {
  href: string;
  title: string;
  authors: string;
}

function similarSection(html: string): SimilarLink[] | undefined {
  const section = /<section class="similar-papers"[^>]*>([\s\S]*?)<\/section>/.exec(html)?.[1];
  if (section === undefined) return undefined;
  assert.match(section, /<h2 id="similar-heading">Similar papers<\/h2>/);
  return [
    ...section.matchAll(
      /<li><a href="([^"]+)">(.*?)<\/a>(?:<span class="similar-authors">(.*?)<\/span>)?<\/li>/g,
    ),
  ].map((m) => ({ href: m[1] ?? '', title: m[2] ?? '', authors: m[3] ?? '' }));
}

eachDialect('web similar papers', (dialect) => {
  let t: TestDatabase;
  let app: Hono;
  let ctx: TestContext;

  before(async () => {
    t = await createTestDatabase(dialect);
    ({ app, ctx } = await loadSearchData(t));
    await storeSimilarLists(ctx);
  });
  after(async () => {
    await t.destroy();
  });

  it('lists up to 10 related papers with links, titles and first authors, not the paper itself', async () => {
    const page = await get(app, '/papers/2608.18565');
    assert.equal(page.status, 200);
    const links = similarSection(page.html);
    assert.ok(links, 'the section is there');
    assert.equal(links.length, 10);
    assert.ok(!links.some((l) => l.href === '/papers/2608.18565'));
    const paper = await getPaper(t.db, '2608.18565');
    assert.ok(paper);
    const expected = await ctx.search.similar(paper.id, 10);
    assert.deepEqual(
      links.map((l) => l.href),
      expected.map((s) => `/papers/${s.arxivId}`),
    );
    const top = links.slice(0, 3).map((l) => l.title);
    // SemaPLC is an agent harness for code generation: its neighbours are agent harnesses.
    assert.ok(top.filter((title) => /harness|agent/i.test(title)).length >= 2, top.join(' | '));
    // Two authors at most, then "et al.".
    for (const link of links) assert.ok(link.authors.split(', ').length <= 2, link.authors);
    assert.ok(links.some((l) => l.authors.endsWith(' et al.')));
  });

  it('links old-style ids with their slash and lands on that paper', async () => {
    const links = similarSection((await get(app, '/papers/hep-th/9901001')).html);
    assert.equal(links?.[0]?.href, '/papers/hep-th/9901002');
    assert.equal(links?.[0]?.authors, 'Juan Maldacena');
    const target = await get(app, links?.[0]?.href ?? '');
    assert.equal(target.status, 200);
    assert.match(
      target.html,
      /<h1 id="paper-title">Intersecting branes and supersymmetric gauge dualities<\/h1>/,
    );
  });

  it('hides the section when there are no similar papers', async () => {
    const page = await get(app, '/papers/2401.00002');
    assert.equal(page.status, 200);
    assert.equal(similarSection(page.html), undefined);
    assert.doesNotMatch(page.html, /Similar papers/);
  });

  it('escapes titles and authors of similar papers', async () => {
    const page = await get(app, '/papers/hep-th/9901002');
    const evil = similarSection(page.html)?.find((l) => l.href === '/papers/2608.00003');
    assert.ok(evil);
    assert.equal(evil.title, 'Escaping &lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt; &amp; quoting');
    assert.equal(evil.authors, '&lt;b&gt;Mallory&lt;/b&gt;');
    assert.ok(!page.html.includes('<script>alert'));
  });
});

describe('web similar papers when search fails', () => {
  it('shows stored lists, and says a missing one is being found, without asking the search', async () => {
    const t = await createTestDatabase('sqlite');
    const { ctx } = await loadSearchData(t);
    await storeSimilarLists(ctx);
    const failing = async () => {
      throw new Error('search worker exited');
    };
    const app = createApp({
      ...ctx,
      search: {
        search: ctx.search.search.bind(ctx.search),
        similar: failing,
        similarBatch: failing,
        close: ctx.search.close.bind(ctx.search),
      },
    });
    const page = await get(app, '/papers/2608.18565');
    assert.equal(page.status, 200);
    assert.match(page.html, /SemaPLC/);
    assert.equal(similarSection(page.html)?.length, 10);

    const paper = await getPaper(t.db, '2608.19880');
    assert.ok(paper);
    await deleteSimilarLists(t.db, [paper.id]);
    const pending = await get(app, '/papers/2608.19880');
    assert.equal(pending.status, 200);
    assert.deepEqual(similarSection(pending.html), []);
    assert.match(pending.html, /Being found for this paper: they appear here within a minute or two\./);
    await ctx.search.close();
    await t.destroy();
  });
});
