// What a query means, through the real index on both databases: relaxed queries keep every paper
// with all the words first and count them right; acronyms are not stemmed into other words; free
// words never match categories, which answer only cat:.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { plainText } from '../../src/search/highlight.js';
import { InProcessSearch } from '../../src/search/in-process-search.js';
import { upsertPapers } from '../../src/store/paper-writes.js';
import { arxivRecord } from '../helpers/factories.js';
import { createTestDatabase, eachDialect, type TestDatabase, tempDir } from '../helpers/test-db.js';

const ids = (page: { hits: Array<{ arxivId: string }> }) => page.hits.map((h) => h.arxivId);
const request = (q: string, limit = 20, offset = 0) => ({ q, sort: 'relevance' as const, limit, offset });

eachDialect('query semantics', (dialect) => {
  let t: TestDatabase;
  let search: InProcessSearch;
  before(async () => {
    t = await createTestDatabase(dialect);
    search = new InProcessSearch(join(tempDir(), 'search'), t);
    const partial = Array.from({ length: 30 }, (_, i) =>
      arxivRecord({
        arxivId: `2402.${String(i).padStart(5, '0')}`,
        // Many papers with some of the words, and strong scores on them (repeated in the title).
        title: `Sparse sparse attention kernels ${i}`,
        abstract: 'Sparse attention for long sequences.',
      }),
    );
    const complete = Array.from({ length: 3 }, (_, i) =>
      arxivRecord({
        arxivId: `2403.${String(i).padStart(5, '0')}`,
        title: `Notes ${i}`,
        abstract: 'Sparse attention on graphs with hypernetworks.',
      }),
    );
    await upsertPapers(t, [
      ...partial,
      ...complete,
      arxivRecord({
        arxivId: '2404.00001',
        title: 'Training-free NAS with zero-cost proxies',
        abstract: 'Neural architecture search (NAS) without training.',
        categories: ['cs.LG'],
      }),
      arxivRecord({
        arxivId: '2404.00002',
        title: 'Na-IRSTD: infrared small target detection',
        abstract: 'Infrared targets.',
        categories: ['cs.CV'],
      }),
      arxivRecord({
        arxivId: '2404.00003',
        title: 'A diffusion sampler',
        abstract: 'Sampling with stiff solvers.',
        categories: ['math.NA', 'cs.LG'],
      }),
      arxivRecord({
        arxivId: '2404.00004',
        title: 'GANs for tabular data',
        abstract: 'A GAN that trains on tables.',
        categories: ['cs.LG'],
      }),
    ]);
    await search.catchUp();
  });
  after(async () => {
    await search.close();
    await t.destroy();
  });

  it('relaxed queries put every all-word paper first, on every page size, with right totals', async () => {
    for (const limit of [4, 5, 20]) {
      const page = await search.search(request('sparse attention hypernetworks graphs', limit));
      assert.equal(page.isRelaxed, true);
      assert.equal(page.strictTotal, 3);
      assert.equal(page.total, 33);
      const all = ['2403.00000', '2403.00001', '2403.00002'];
      assert.deepEqual(ids(page).slice(0, Math.min(limit, 3)).sort(), all.slice(0, Math.min(limit, 3)));
    }
    const second = await search.search(request('sparse attention hypernetworks graphs', 2, 2));
    assert.equal(ids(second)[0]?.startsWith('2403.'), true, 'the third all-word paper opens page two');
    assert.equal(ids(second)[1]?.startsWith('2402.'), true);
  });

  it('a page that all-word papers fill is not relaxed', async () => {
    const page = await search.search(request('sparse attention hypernetworks graphs', 2));
    assert.equal(page.isRelaxed, false);
    assert.equal(page.total, 3);
  });

  it('strict searches (saved-search feeds) never relax', async () => {
    const page = await search.search({ ...request('sparse attention hypernetworks graphs'), isStrict: true });
    assert.equal(page.isRelaxed, false);
    assert.equal(page.total, 3);
  });

  it('an upper-case acronym is not stemmed into another word', async () => {
    const page = await search.search(request('training-free NAS'));
    assert.deepEqual(ids(page), ['2404.00001']);
    assert.deepEqual(ids(await search.search(request('NAS'))), ['2404.00001']);
    const title = page.hits[0]?.title ?? [];
    assert.equal(
      plainText(title),
      'Training-free NAS with zero-cost proxies',
      'the index mark is never shown',
    );
    assert.deepEqual(
      title.filter((s) => s.isMatch).map((s) => s.text),
      ['Training-free', 'NAS'],
    );
  });

  it('acronyms Porter leaves alone match either case, and plurals still fold', async () => {
    assert.deepEqual(ids(await search.search(request('GAN'))), ['2404.00004']);
    assert.deepEqual(ids(await search.search(request('gans'))), ['2404.00004']);
  });

  it('free words never match categories; cat: does', async () => {
    assert.deepEqual(ids(await search.search(request('na'))), ['2404.00002']);
    assert.deepEqual(ids(await search.search(request('lg'))), []);
    assert.deepEqual(ids(await search.search(request('math'))), []);
    assert.deepEqual(ids(await search.search(request('cat:math.NA'))), ['2404.00003']);
    assert.deepEqual(ids(await search.search(request('sampler cat:math.*'))), ['2404.00003']);
    assert.deepEqual(ids(await search.search(request('diffusion -cat:math.NA'))), []);
  });
});
