// searchPapers, on both databases: the search's ranked ids come back with their stored papers in the
// search's order, a hit whose paper left the store is dropped, and the page's counts pass through.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { searchPapers } from '../../src/search/search-papers.js';
import type { SearchHit, SearchPage, SearchRequest } from '../../src/search/search-types.js';
import { getPaper } from '../../src/store/paper-reads.js';
import { upsertPapers } from '../../src/store/paper-writes.js';
import { arxivRecord } from '../helpers/factories.js';
import { createTestDatabase, eachDialect, type TestDatabase } from '../helpers/test-db.js';

const hit = (id: number, arxivId: string): SearchHit => ({
  id,
  arxivId,
  score: null,
  title: [{ text: arxivId, isMatch: false }],
  snippet: [],
});

eachDialect('searchPapers', (dialect) => {
  let t: TestDatabase;
  const ids: number[] = [];
  before(async () => {
    t = await createTestDatabase(dialect);
    await upsertPapers(t, [
      arxivRecord({ arxivId: '2608.00001', title: 'First' }),
      arxivRecord({ arxivId: '2608.00002', title: 'Second' }),
    ]);
    for (const arxivId of ['2608.00001', '2608.00002']) ids.push((await getPaper(t.db, arxivId))?.id ?? 0);
  });
  after(async () => {
    await t.destroy();
  });

  it('keeps the search order, drops hits the store no longer has, and passes the page through', async () => {
    const [first = 0, second = 0] = ids;
    const requests: SearchRequest[] = [];
    const page: SearchPage = {
      hits: [hit(second, '2608.00002'), hit(999_999, '2608.99999'), hit(first, '2608.00001')],
      total: 3,
      isTotalExact: true,
      isRelaxed: false,
      strictTotal: 3,
      mode: 'keyword',
    };
    const search = {
      search: async (request: SearchRequest) => {
        requests.push(request);
        return page;
      },
    };
    const request: SearchRequest = { q: 'x', sort: 'relevance', limit: 10, offset: 0 };
    const result = await searchPapers({ search, database: t }, request);
    assert.deepEqual(requests, [request]);
    assert.deepEqual(
      result.results.map((r) => [r.hit.arxivId, r.paper.arxivId, r.paper.title]),
      [
        ['2608.00002', '2608.00002', 'Second'],
        ['2608.00001', '2608.00001', 'First'],
      ],
    );
    assert.deepEqual(
      { total: result.total, mode: result.mode, isRelaxed: result.isRelaxed },
      { total: 3, mode: 'keyword', isRelaxed: false },
    );
  });
});
