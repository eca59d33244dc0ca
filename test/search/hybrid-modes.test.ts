// Search modes end to end over the real search data: the engine (semantic pages respect filters,
// hybrid fuses, highlights for papers without the words), and `mode=` on the API, the /search page
// and the search feeds, malformed values included. The semantic side is the real int8 scan over a
// real (hashing) embedder's vectors; keyword results are the unchanged engine's.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Hono } from 'hono';
import { embedPaperMatrix, ScanSemanticRanker } from '../../src/search/hybrid/semantic-ranker.js';
import { InProcessSearch } from '../../src/search/in-process-search.js';
import { getPapersByIds } from '../../src/store/paper-lookups.js';
import { createApp } from '../../src/web/app.js';
import { loadSearchData } from '../api/search-data.js';
import { HashingEmbedder } from '../helpers/hashing-embedder.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db.js';

describe('search modes', () => {
  let t: TestDatabase;
  let app: Hono;
  let keywordApp: Hono;
  let search: InProcessSearch;
  let paperIds: number[];

  before(async () => {
    t = await createTestDatabase('sqlite');
    const loaded = await loadSearchData(t);
    keywordApp = loaded.app;
    const ids = (
      loaded.ctx.search.handle.get().sqlite.prepare('select rowid from search_docs').pluck().all() as number[]
    ).sort((a, b) => a - b);
    const papers = await getPapersByIds(t.db, ids);
    paperIds = papers.map((p) => p.id);
    const embedder = new HashingEmbedder(64);
    const matrix = await embedPaperMatrix(
      embedder,
      papers.map((p) => ({ id: p.id, title: p.title, abstract: p.abstract })),
    );
    search = new InProcessSearch(loaded.ctx.config.searchIndexDir, t, {
      semantic: new ScanSemanticRanker(embedder, () => matrix),
    });
    app = createApp({ ...loaded.ctx, search });
  });
  after(async () => {
    await search.close();
    await t.destroy();
  });

  it('auto is hybrid for plain words, keyword for the query language, and says why', async () => {
    const plain = await search.search({ q: 'language models', sort: 'relevance', limit: 10, offset: 0 });
    assert.equal(plain.mode, 'hybrid');
    assert.equal(plain.keywordReason, undefined);
    assert.ok(plain.hits.length > 0);
    const quoted = await search.search({ q: '"language models"', sort: 'relevance', limit: 10, offset: 0 });
    assert.equal(quoted.mode, 'keyword');
    assert.equal(quoted.keywordReason, 'operators');
    const dated = await search.search({
      q: 'language models',
      sort: 'date',
      limit: 10,
      offset: 0,
      mode: 'semantic',
    });
    assert.deepEqual([dated.mode, dated.keywordReason], ['keyword', 'sort']);
  });

  it('keyword mode is exactly the keyword engine', async () => {
    const request = { q: 'language models', sort: 'relevance' as const, limit: 20, offset: 0 };
    const keyword = await search.search({ ...request, mode: 'keyword' });
    const plainEngine = new InProcessSearch(search.handle.dir, t);
    try {
      const expected = await plainEngine.search(request);
      assert.equal(expected.mode, 'keyword');
      assert.equal(expected.keywordReason, 'unavailable');
      assert.deepEqual(
        keyword.hits.map((h) => [h.id, h.score]),
        expected.hits.map((h) => [h.id, h.score]),
      );
    } finally {
      await plainEngine.close();
    }
  });

  it('semantic pages list candidates by meaning, respect filters, and highlight or show plain text', async () => {
    const all = await search.search({
      q: 'language models',
      sort: 'relevance',
      limit: 200,
      offset: 0,
      mode: 'semantic',
    });
    assert.equal(all.mode, 'semantic');
    assert.equal(all.total, all.hits.length);
    assert.ok(all.total > 20, `${all.total}`);
    const scores = all.hits.map((h) => h.score as number);
    assert.deepEqual(
      scores,
      [...scores].sort((a, b) => a - b),
      'lower (negated similarity) first',
    );
    // A paper with no query word still has its title and the abstract's start, unmarked.
    const unmarked = all.hits.find(
      (h) => !h.title.some((s) => s.isMatch) && !h.snippet.some((s) => s.isMatch),
    );
    assert.ok(unmarked, 'some meaning match lacks the words');
    assert.ok(unmarked.title.length > 0 && unmarked.snippet.length > 0);
    const marked = all.hits.find((h) => h.title.some((s) => s.isMatch && /language|model/i.test(s.text)));
    assert.ok(marked, 'papers with the words are highlighted');
    const filtered = await search.search({
      q: 'language models year:2024',
      sort: 'relevance',
      limit: 200,
      offset: 0,
      mode: 'semantic',
    });
    assert.ok(filtered.hits.length > 0 && filtered.hits.length < all.hits.length);
    const years = await getPapersByIds(
      t.db,
      filtered.hits.map((h) => h.id),
    );
    for (const paper of years) assert.match(paper.publishedAt ?? '', /^2024-/, paper.arxivId);
    // Pages of the same list do not overlap.
    const second = await search.search({
      q: 'language models',
      sort: 'relevance',
      limit: 10,
      offset: 10,
      mode: 'semantic',
    });
    assert.deepEqual(
      second.hits.map((h) => h.id),
      all.hits.slice(10, 20).map((h) => h.id),
    );
  });

  it('hybrid fuses: papers with the words lead, papers found by meaning alone join the list', async () => {
    const request = { q: 'speech recognition', sort: 'relevance' as const, limit: 200, offset: 0 };
    const page = await search.search({ ...request, mode: 'hybrid' });
    const keyword = await search.search({ ...request, mode: 'keyword' });
    const semantic = await search.search({ ...request, mode: 'semantic' });
    assert.equal(page.mode, 'hybrid');
    assert.ok(keyword.total > 0 && keyword.total < page.total, `${keyword.total} < ${page.total}`);
    const withWords = new Set(keyword.hits.map((h) => h.id));
    // The lexical list weighs 0.7: the best fused papers have the words.
    assert.ok(page.hits[0] && withWords.has(page.hits[0].id));
    const meaningOnly = page.hits.filter((h) => !withWords.has(h.id)).map((h) => h.id);
    assert.ok(meaningOnly.length > 0);
    const semanticIds = new Set(semantic.hits.map((h) => h.id));
    for (const id of meaningOnly) assert.ok(semanticIds.has(id), `${id} came from the semantic list`);
    assert.ok(paperIds.length > 0);
  });

  it('API: mode is validated, used and reported', async () => {
    const res = await app.request('/api/papers/search?q=language%20models&mode=semantic');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('x-search-mode'), 'semantic');
    const items = (await res.json()) as unknown[];
    assert.ok(items.length > 0);
    const auto = await app.request('/api/papers/search?q=language%20models');
    assert.equal(auto.headers.get('x-search-mode'), 'hybrid');
    const without = await keywordApp.request('/api/papers/search?q=language%20models&mode=hybrid');
    assert.equal(without.headers.get('x-search-mode'), 'keyword');
    for (const bad of ['mode=Hybrid', 'mode=', 'mode=vector', 'mode=hybrid&mode=keyword', 'mode=%00']) {
      const r = await app.request(`/api/papers/search?q=language&${bad}`);
      assert.equal(r.status, 400, bad);
      const body = (await r.json()) as { error: string; code: string };
      assert.equal(body.code, 'invalid');
      assert.match(body.error, /mode/, bad);
    }
  });

  it('web: the toggle links keep the query, mark the mode asked for, and show the mode in effect', async () => {
    const res = await app.request('/search?q=language+models&mode=semantic');
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, /aria-label="Search mode"/);
    assert.match(
      html,
      /<a href="\/search\?q=language\+models&amp;mode=semantic" aria-current="page">Semantic<\/a>/,
    );
    assert.match(html, /<a href="\/search\?q=language\+models">Auto<\/a>/);
    assert.match(html, /best matches by meaning/);
    assert.match(html, /Showing semantic search/);
    const operators = await (await app.request('/search?q=language+-vision&mode=hybrid')).text();
    assert.match(operators, /Showing keyword search \(papers with your words\): the query uses fields/);
    const bad = await app.request('/search?q=language&mode=fuzzy');
    assert.equal(bad.status, 400);
    assert.match(await bad.text(), /The search mode \(\?mode=\) must be auto, keyword, semantic, hybrid/);
  });

  it('feeds: strict keyword unless a mode is given; a bad mode is a 400', async () => {
    const keywordFeed = (await (await app.request('/feeds/search.json?q=kazakh')).json()) as {
      items: unknown[];
    };
    const semanticFeed = (await (await app.request('/feeds/search.json?q=kazakh&mode=semantic')).json()) as {
      items: unknown[];
    };
    const exact = await search.search({ q: 'kazakh', sort: 'date', limit: 50, offset: 0, isStrict: true });
    assert.equal(keywordFeed.items.length, exact.hits.length);
    assert.ok(semanticFeed.items.length > keywordFeed.items.length);
    const bad = await app.request('/feeds/search.rss?q=kazakh&mode=nope');
    assert.equal(bad.status, 400);
  });
});
