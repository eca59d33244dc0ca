import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { importPath } from '../../src/ingest/import-path.js';
import { silentLogger } from '../../src/lib/logger.js';
import { plainText } from '../../src/search/highlight.js';
import { InProcessSearch } from '../../src/search/in-process-search.js';
import { setMeta } from '../../src/search/index-db.js';
import { IndexHandle } from '../../src/search/index-handle.js';
import { decodePostings } from '../../src/search/keyword/postings-codec.js';
import { rebuildIndex } from '../../src/search/rebuild-index.js';
import { SearchPool } from '../../src/search/search-pool.js';
import { upsertPapers } from '../../src/store/paper-writes.js';
import { arxivRecord } from '../helpers/factories.js';
import { sharedData } from '../helpers/paths.js';
import { createTestDatabase, eachDialect, type TestDatabase, tempDir } from '../helpers/test-db.js';

const request = (q: string) => ({ q, sort: 'relevance' as const, limit: 20, offset: 0 });

/** The keyword engine's live postings, whatever segments hold them: [term, paper id, 2·weighted tf]. */
function livePostings(handle: IndexHandle) {
  const sqlite = handle.get().sqlite;
  const rowsOfSegments = sqlite.prepare('select rowid, seg from doc_segments').raw().all() as Array<
    [number, number]
  >;
  const docSeg = new Int32Array(Math.max(0, ...rowsOfSegments.map(([id]) => id)) + 1);
  for (const [id, seg] of rowsOfSegments) docSeg[id] = seg;
  const rows = sqlite.prepare('select term, seg, data from postings').raw().all() as Array<
    [string, number, Buffer]
  >;
  const live: Array<[string, number, number]> = [];
  for (const [term, seg, data] of rows) {
    // Phrase pairs exist only in rebuilt indexes (their vocabulary is fixed at rebuild).
    if (term.includes(' ')) continue;
    const { docs, freq2 } = decodePostings(data, seg, docSeg);
    docs.forEach((doc, i) => {
      live.push([term, doc, freq2[i] as number]);
    });
  }
  return live.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
}

function indexContents(handle: IndexHandle) {
  const sqlite = handle.get().sqlite;
  return {
    fts: sqlite.prepare('select rowid, title, authors, abstract from papers_fts order by rowid').all(),
    docs: sqlite.prepare('select * from search_docs order by rowid').all(),
    categories: sqlite.prepare('select rowid, category from doc_categories order by rowid, category').all(),
    postings: livePostings(handle),
    lengths: sqlite.prepare('select rowid, len from doc_segments where seg > 0 order by rowid').all(),
  };
}

eachDialect('search index follows the change log', (dialect) => {
  let t: TestDatabase;
  let search: InProcessSearch;
  before(async () => {
    t = await createTestDatabase(dialect);
    search = new InProcessSearch(join(tempDir(), 'search'), t);
  });
  after(async () => {
    await search.close();
    await t.destroy();
  });

  it('indexes inserts: title, author and category searches find the paper', async () => {
    await upsertPapers(t, [
      arxivRecord({
        arxivId: '2401.00001',
        title: 'Sparse attention for genomes',
        abstract: 'We align DNA reads.',
      }),
      arxivRecord({
        arxivId: '2401.00002',
        title: 'Dense retrieval at scale',
        abstract: 'Vectors and genomes.',
        categories: ['cs.IR'],
      }),
    ]);
    assert.deepEqual(await search.catchUp(), { applied: 2, revision: 2 });
    const page = await search.search(request('genomes'));
    assert.deepEqual(
      page.hits.map((h) => h.arxivId),
      ['2401.00001', '2401.00002'],
      'title match ranks first',
    );
    assert.equal(plainText(page.hits[0]?.title ?? []), 'Sparse attention for genomes');
    assert.deepEqual(
      page.hits[0]?.title.find((s) => s.isMatch),
      { text: 'genomes', isMatch: true },
    );
    assert.deepEqual(
      (await search.search(request('au:lovelace cat:cs.IR'))).hits.map((h) => h.arxivId),
      ['2401.00002'],
    );
  });

  it('applies updates: the new title is found, the old one is not', async () => {
    await upsertPapers(t, [
      arxivRecord({
        arxivId: '2401.00001',
        version: 2,
        title: 'Sparse transformers for proteins',
        abstract: 'Folding.',
      }),
    ]);
    assert.equal((await search.catchUp()).applied, 1);
    assert.deepEqual(
      (await search.search(request('proteins'))).hits.map((h) => h.arxivId),
      ['2401.00001'],
    );
    assert.deepEqual(
      (await search.search(request('ti:genomes'))).hits.map((h) => h.arxivId),
      [],
    );
  });

  it('removes withdrawn papers', async () => {
    await upsertPapers(t, [
      arxivRecord({
        arxivId: '2401.00002',
        version: 2,
        title: 'Dense retrieval at scale',
        isWithdrawn: true,
      }),
    ]);
    await search.catchUp();
    assert.equal((await search.search(request('dense retrieval'))).total, 0);
  });

  it('a full rebuild equals the incrementally built index', async () => {
    await importPath(
      `${sharedData}hf-papers-api/daily_papers/snap-0800utc_newsletter-chinese/2026-08-21.json`,
      {
        database: t,
        log: silentLogger(),
      },
    );
    await search.catchUp();
    const dir = join(tempDir(), 'rebuilt');
    const result = await rebuildIndex(dir, t);
    const rebuilt = new IndexHandle(dir);
    assert.equal(
      result.papers,
      (indexContents(search.handle).docs.length as number) + 1,
      'withdrawn paper read, not indexed',
    );
    assert.deepEqual(indexContents(rebuilt), indexContents(search.handle));
    rebuilt.close();
  });
});

describe('index generations', () => {
  let t: TestDatabase;
  before(async () => {
    t = await createTestDatabase('sqlite');
    await upsertPapers(t, [arxivRecord({ arxivId: '2401.00003', title: 'Quantum annealing schedules' })]);
  });
  after(async () => {
    await t.destroy();
  });

  it('an open handle switches to a newly published generation; the replaced one is removed on publishing', async () => {
    const dir = join(tempDir(), 'search');
    const first = await rebuildIndex(dir, t);
    const handle = new IndexHandle(dir, { readonly: true });
    assert.equal(handle.get().path, first.path);
    await upsertPapers(t, [arxivRecord({ arxivId: '2401.00004', title: 'Annealing in practice' })]);
    const second = await rebuildIndex(dir, t);
    assert.equal(handle.get().path, second.path);
    assert.equal(
      (handle.get().sqlite.prepare('select count(*) as n from search_docs').get() as { n: number }).n,
      2,
    );
    handle.close();
    const third = await rebuildIndex(dir, t);
    // Only the live generation remains (readers still holding the old one keep reading it:
    // index-generations.test.ts).
    assert.deepEqual(
      readdirSync(dir)
        .filter((n) => n.endsWith('.db'))
        .sort(),
      [third.path.split('/').at(-1)],
    );
  });

  it('an index written by another format version is detected, and a rebuild replaces it', async () => {
    const dir = join(tempDir(), 'search');
    const handle = new IndexHandle(dir);
    assert.equal(handle.isCurrentFormat(), true, 'a new index has the current format');
    setMeta(handle.get().sqlite, 'format', '0');
    assert.equal(handle.isCurrentFormat(), false);
    await rebuildIndex(dir, t);
    assert.equal(handle.isCurrentFormat(), true);
    handle.close();
  });

  it('the worker pool answers searches off the main thread and reports bad queries', async () => {
    const dir = join(tempDir(), 'search');
    await rebuildIndex(dir, t);
    const pool = new SearchPool(dir, 2);
    try {
      const pages = await Promise.all(
        ['annealing', 'quantum', 'annealing practice'].map((q) => pool.search(request(q))),
      );
      assert.deepEqual(
        pages.map((p) => [p.total, p.isRelaxed]),
        [
          [2, false],
          [1, false],
          [2, true],
        ],
      );
      // Relaxed to any word, the paper with every word still comes first.
      assert.equal(pages[2]?.hits[0]?.arxivId, '2401.00004');
      await assert.rejects(pool.search(request('-onlyexcluded')), /at least one word/i);
      assert.equal((await pool.similar(1, 5)).length >= 0, true);
    } finally {
      await pool.close();
    }
  });
});
