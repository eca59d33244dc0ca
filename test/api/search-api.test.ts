// GET /api/papers/search (the Hugging Face search result shape, compared with a recorded HF response)
// and GET /api/papers/:id/similar, over real HF daily papers; 400s for bad input, 404 for unknown ids.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Hono } from 'hono';
import type { HfSearchResult, SimilarPaper as SimilarPaperItem } from '../../src/api/schemas/papers.js';
import { sharedData } from '../helpers/paths.js';
import { storeSimilarLists } from '../helpers/test-app.js';
import { createTestDatabase, eachDialect, type TestDatabase } from '../helpers/test-db.js';
import { loadSearchData, realPapers } from './search-data.js';

const RECORDED = join(sharedData, 'hf-papers-api/hf-mcp-server-papers-search/papers_search_q=kazakh.json');
const recorded = JSON.parse(readFileSync(RECORDED, 'utf8')) as Array<Record<string, unknown>>;

const typeOf = (value: unknown) => (Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value);

/** key → JSON type, over an object's own keys. */
function shapeOf(value: unknown): Record<string, string> {
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, typeOf(v)]));
}

async function errorOf(res: Response): Promise<{ code: string; message: string }> {
  assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
  const body = (await res.json()) as { error: string; code: string };
  return { code: body.code, message: body.error };
}

const joined = (pieces: Array<{ text: string }>) => pieces.map((p) => p.text).join('');

eachDialect('GET /api/papers/search', (dialect) => {
  let t: TestDatabase;
  let app: Hono;
  const real = realPapers();
  const searchApi = async (query: string) => {
    const res = await app.request(`/api/papers/search?${query}`);
    return { res, body: (await res.json()) as HfSearchResult[] };
  };

  before(async () => {
    t = await createTestDatabase(dialect);
    ({ app } = await loadSearchData(t));
  });
  after(async () => {
    await t.destroy();
  });

  it('has exactly the keys and types of a recorded Hugging Face search result', async () => {
    const { res, body } = await searchApi('q=mamba');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    const hf = recorded[0];
    assert.ok(hf && body[0]);
    assert.deepEqual(shapeOf(body[0]), shapeOf(hf));
    // The HF paper object's keys are all there with the same types (ours may add optional ones).
    const ourPaper = shapeOf(body[0].paper);
    for (const [key, type] of Object.entries(shapeOf(hf.paper))) {
      if (key === 'ai_keywords' && !('ai_keywords' in ourPaper)) continue;
      assert.equal(ourPaper[key], type, `paper.${key}`);
    }
    const hfItem = (hf.highlightedTitle as unknown[])[0];
    assert.deepEqual(Object.keys(body[0].highlightedTitle[0] ?? {}), Object.keys(hfItem as object));
  });

  it('returns the paper with the word highlighted, title and the whole abstract', async () => {
    const { res, body } = await searchApi('q=mamba');
    assert.equal(res.headers.get('x-total-count'), '2');
    const [first] = body;
    assert.ok(first);
    const meteor = real.get('2405.15574');
    assert.ok(meteor);
    assert.equal(first.paper.id, '2405.15574');
    assert.equal(first.title, meteor.title);
    assert.equal(first.paper.upvotes, meteor.raw.paper.upvotes);
    assert.equal(first.paper.publishedAt, meteor.raw.paper.publishedAt);
    assert.equal(first.upvoted, false);
    assert.equal(first.isAuthorParticipating, false);
    assert.equal(
      first.thumbnail,
      'https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2405.15574.png',
    );
    assert.deepEqual(first.highlightedTitle, [
      { type: 'text', text: 'Meteor: ' },
      { type: 'highlight', text: 'Mamba' },
      { type: 'text', text: '-based Traversal of Rationale for Large Language and Vision Models' },
    ]);
    for (const item of body) {
      assert.equal(joined(item.highlightedTitle), item.title, item.paper.id);
      assert.equal(joined(item.highlightedSummary), item.summary, item.paper.id);
      assert.ok(item.highlightedSummary.some((p) => p.type === 'highlight' && /^mamba$/i.test(p.text)));
    }
  });

  it('highlights the whole abstract even when it has a lone $ (a price, not math)', async () => {
    const { body } = await searchApi('q=cheap');
    const [first] = body;
    assert.equal(first?.paper.id, '2401.00009');
    assert.equal(joined(first.highlightedSummary), first.summary);
    assert.ok(first.highlightedSummary.some((p) => p.type === 'highlight' && p.text === 'cheap'));
  });

  it('limits results (default 20) and ranks the relevant paper first', async () => {
    assert.equal((await searchApi('q=model')).body.length, 20);
    assert.equal((await searchApi('q=model&limit=3')).body.length, 3);
    const many = await searchApi('q=model&limit=100');
    assert.equal(String(many.body.length), many.res.headers.get('x-total-count'));
    const { body } = await searchApi(`q=${encodeURIComponent('ti:"world models" year:2024')}`);
    assert.deepEqual(
      body.map((r) => r.paper.id),
      ['2405.15223'],
    );
  });

  it('answers a query with an unbalanced quote', async () => {
    const { res, body } = await searchApi(`q=${encodeURIComponent('"world model')}`);
    assert.equal(res.status, 200);
    assert.ok(body.some((r) => r.paper.id === '2405.15223'));
  });

  describe('bad input → 400 JSON', () => {
    for (const [query, message] of [
      ['', /q is required/],
      ['q=', /q is required/],
      ['q=%20', /q is required/],
      ['q=a&q=b', /q may be given only once/],
      ['q=-onlyexclusion', /Add at least one word/],
      ['q=year%3Aabc', /year: expects a year/],
      ['q=a%20OR%20-b', /One side of OR is only an exclusion/],
      [`q=${'x'.repeat(5000)}`, /too long \(5000 characters\)/],
      // HF's search takes up to 120.
      ['q=agent&limit=0', /limit must be an integer from 1 to 120/],
      ['q=agent&limit=abc', /limit must be an integer from 1 to 120/],
      ['q=agent&limit=121', /limit must be an integer from 1 to 120/],
    ] as const) {
      it(query.slice(0, 40) || '(no q)', async () => {
        const res = await app.request(`/api/papers/search?${query}`);
        assert.equal(res.status, 400);
        const error = await errorOf(res);
        assert.equal(error.code, 'invalid');
        assert.match(error.message, message);
      });
    }
  });
});

eachDialect('GET /api/papers/:id/similar', (dialect) => {
  let t: TestDatabase;
  let app: Hono;
  const similarTo = async (id: string, query = '') => {
    const res = await app.request(`/api/papers/${id}/similar${query}`);
    return { res, body: (await res.json()) as SimilarPaperItem[] };
  };

  before(async () => {
    t = await createTestDatabase(dialect);
    const loaded = await loadSearchData(t);
    app = loaded.app;
    await storeSimilarLists(loaded.ctx);
  });
  after(async () => {
    await t.destroy();
  });

  it('lists related papers as HF paper objects with a score, most similar first, never itself', async () => {
    // SemaPLC: "A Project-Grounded, Verification-Gated Agent Harness for PLC Code Generation".
    const { res, body } = await similarTo('2608.18565');
    assert.equal(res.status, 200);
    assert.ok(body.length > 0 && body.length <= 10);
    assert.ok(!body.some((p) => p.id === '2608.18565'));
    const scores = body.map((p) => p.score);
    assert.deepEqual(
      scores,
      [...scores].sort((a, b) => b - a),
    );
    assert.ok(scores.every((s) => s > 0));
    // Other agent-harness papers of those days come first.
    const top = body.slice(0, 3).map((p) => p.title);
    assert.ok(top.filter((title) => /harness|agent/i.test(title)).length >= 2, top.join(' | '));
    const [first] = body;
    assert.ok(first);
    for (const key of ['id', 'authors', 'publishedAt', 'title', 'summary', 'upvotes', 'discussionId']) {
      assert.ok(key in first, key);
    }
  });

  it('is an empty list for a paper without distinctive words in common with others', async () => {
    const { res, body } = await similarTo('2401.00002');
    assert.equal(res.status, 200);
    assert.deepEqual(body, []);
  });

  it('works for old-style ids with a slash, raw, encoded or versioned', async () => {
    for (const id of ['hep-th/9901001', 'hep-th%2F9901001', 'hep-th/9901001v1']) {
      const { res, body } = await similarTo(id);
      assert.equal(res.status, 200, id);
      assert.equal(body[0]?.id, 'hep-th/9901002', id);
      assert.equal(body[0]?.title, 'Intersecting branes and supersymmetric gauge dualities');
    }
  });

  it('honours limit (default 10, at most 50)', async () => {
    assert.equal((await similarTo('2608.18565')).body.length, 10);
    assert.equal((await similarTo('2608.18565', '?limit=2')).body.length, 2);
    for (const limit of ['0', '51', 'abc', '-1']) {
      const res = await app.request(`/api/papers/2608.18565/similar?limit=${limit}`);
      assert.equal(res.status, 400, limit);
      assert.match((await errorOf(res)).message, /limit must be an integer from 1 to 50/);
    }
  });

  it('unknown paper → 404, malformed id → 400', async () => {
    const missing = await app.request('/api/papers/2608.99999/similar');
    assert.equal(missing.status, 404);
    assert.equal((await errorOf(missing)).code, 'not_found');
    const malformed = await app.request('/api/papers/not-an-id/similar');
    assert.equal(malformed.status, 400);
    assert.equal((await errorOf(malformed)).code, 'invalid');
  });

  it('leaves /api/papers/:id alone for ids and for "search"', async () => {
    const res = await app.request('/api/papers/hep-th/9901001');
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as { id: string }).id, 'hep-th/9901001');
    const search = await app.request('/api/papers/search');
    assert.equal(search.status, 400);
    assert.match((await errorOf(search)).message, /q is required/);
  });
});
