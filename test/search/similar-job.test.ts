// Stored similar papers over the real search data with real (hashing) vectors: the similar-papers job
// fills lists on its first run, lists for new papers and their neighbours after the change log, new
// lists after a text change; withdrawn papers leave others' lists when read; vectors bring in
// neighbours the lexical more-like-this cannot find; the page and the API serve what is stored.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Hono } from 'hono';
import { silentLogger } from '../../src/lib/logger.js';
import { InProcessSearch } from '../../src/search/in-process-search.js';
import { type EmbedJobDeps, embedChanges, reembedAll } from '../../src/search/semantic/embed-job.js';
import { VectorIndex } from '../../src/search/semantic/vector-index.js';
import { blendSimilar } from '../../src/search/similar-blend.js';
import { refreshSimilar } from '../../src/search/similar-job.js';
import { readSimilarPapers } from '../../src/search/similar-lists.js';
import { findSimilar } from '../../src/search/similar-papers.js';
import { countPapers, getPaper } from '../../src/store/paper-reads.js';
import { upsertPapers } from '../../src/store/paper-writes.js';
import {
  deleteSimilarLists,
  getSimilarList,
  saveSimilarLists,
  setSimilarBackfill,
} from '../../src/store/similar-papers.js';
import { createApp } from '../../src/web/app.js';
import { loadSearchData, OLD_STYLE } from '../api/search-data.js';
import { arxivRecord } from '../helpers/factories.js';
import { HashingEmbedder, testCodec } from '../helpers/hashing-embedder.js';
import type { TestContext } from '../helpers/test-app.js';
import { createTestDatabase, eachDialect, type TestDatabase } from '../helpers/test-db.js';
import { get } from '../web/web-fixtures.js';

eachDialect('stored similar papers', (dialect) => {
  let t: TestDatabase;
  let ctx: TestContext;
  let app: Hono;
  let search: InProcessSearch;
  let index: VectorIndex;
  let clock = new Date('2026-08-21T12:00:00Z');
  const embedder = new HashingEmbedder(64);
  const embedDeps = (): EmbedJobDeps => ({
    database: t,
    log: silentLogger(),
    now: () => clock,
    codec: testCodec,
    embedderFor: () => embedder,
  });
  const idOf = async (arxivId: string) => (await getPaper(t.db, arxivId))?.id as number;
  /** What serve does between runs: embed changes, load vectors, follow the log into the index. */
  const runJob = async () => {
    await embedChanges(embedDeps());
    await index.catchUp();
    await search.catchUp();
    return refreshSimilar({ database: t, search, log: silentLogger(), now: () => clock });
  };

  before(async () => {
    t = await createTestDatabase(dialect);
    ({ ctx } = await loadSearchData(t));
    const model = {
      modelKey: embedder.modelKey,
      kind: 'lsa' as const,
      dims: embedder.dims,
      modelBytes: null,
    };
    await reembedAll(embedDeps(), model);
    index = new VectorIndex(t, testCodec);
    await index.catchUp();
    search = new InProcessSearch(ctx.config.searchIndexDir, t, { vectors: () => index.snapshot() });
    app = createApp({ ...ctx, search });
  });
  after(async () => {
    await search.close();
    await t.destroy();
  });

  it('the first run stores a list for every paper, computed with the active model', async () => {
    const result = await runJob();
    assert.equal(result.modelKey, embedder.modelKey);
    assert.equal(result.backfilled, await countPapers(t.db));
    const list = await getSimilarList(t.db, await idOf('2608.18565'));
    assert.equal(list?.modelKey, embedder.modelKey);
    assert.equal(list?.similar.length, 50);
    const again = await runJob();
    assert.equal(again.backfilled + again.computed, 0);
  });

  it('vectors add neighbours that share none of the distinctive words lexical search uses', async () => {
    const sqlite = search.handle.get().sqlite;
    const id = await idOf('2608.18565');
    const lexical = new Set(findSimilar(sqlite, id, 50).map((p) => p.id));
    const blended = blendSimilar(sqlite, index.snapshot(), id, 10);
    const vectorOnly = blended.papers.filter((p) => !lexical.has(p.id));
    assert.ok(vectorOnly.length > 0, 'some of the top 10 come from the vectors alone');
    const withoutVectors = blendSimilar(sqlite, undefined, id, 10);
    assert.equal(withoutVectors.modelKey, null);
    assert.ok(withoutVectors.papers.every((p) => lexical.has(p.id)));
    const stored = await getSimilarList(t.db, id);
    assert.deepEqual(
      stored?.similar.slice(0, 10).map(([paperId]) => paperId),
      blended.papers.map((p) => p.id),
    );
  });

  it('lists a new paper and puts it into its neighbours’ lists', async () => {
    const [witten] = OLD_STYLE;
    assert.ok(witten);
    clock = new Date('2026-08-22T12:00:00Z');
    const twin = arxivRecord({
      arxivId: '2608.70001',
      title: witten.title,
      abstract: `${witten.abstract} Branes again.`,
    });
    await upsertPapers(t, [twin], clock.toISOString());
    const result = await runJob();
    assert.ok(result.changes >= 1);
    const twinId = await idOf('2608.70001');
    const wittenId = await idOf(witten.arxivId);
    const own = await getSimilarList(t.db, twinId);
    assert.equal(own?.similar[0]?.[0], wittenId);
    const theirs = await getSimilarList(t.db, wittenId);
    assert.equal(theirs?.computedAt, clock.toISOString());
    assert.equal(theirs?.similar[0]?.[0], twinId);
  });

  it('recomputes a list after a text change', async () => {
    clock = new Date('2026-08-23T12:00:00Z');
    const before = await getSimilarList(t.db, await idOf('2608.70001'));
    await upsertPapers(
      t,
      [
        arxivRecord({
          arxivId: '2608.70001',
          version: 2,
          title: 'Zorblax quuxification revisited',
          abstract: 'Frobnicated glorpish wibbles, again.',
        }),
      ],
      clock.toISOString(),
    );
    await runJob();
    const after = await getSimilarList(t.db, await idOf('2608.70001'));
    assert.notEqual(after?.textHash, before?.textHash);
    assert.equal(after?.computedAt, clock.toISOString());
    // It now reads like the lonely paper, whose words nobody else uses.
    assert.equal(after?.similar[0]?.[0], await idOf('2401.00002'));
  });

  it('serves a stored list on the page and the API, withdrawn papers dropped on read', async () => {
    const paperId = await idOf('2401.00009');
    const listed = ['2608.18565', 'hep-th/9901002', '2401.00001'];
    const ids = await Promise.all(listed.map(idOf));
    await saveSimilarLists(t.db, [
      {
        paperId,
        modelKey: embedder.modelKey,
        textHash: 'known',
        similar: ids.map((id, i) => [id, 0.9 - i / 10]),
        computedAt: clock.toISOString(),
      },
    ]);
    const api = (await (await app.request('/api/papers/2401.00009/similar')).json()) as Array<{
      id: string;
      score: number;
    }>;
    assert.deepEqual(
      api.map((p) => [p.id, p.score]),
      [
        ['2608.18565', 0.9],
        ['hep-th/9901002', 0.8],
        ['2401.00001', 0.7],
      ],
    );
    const page = await get(app, '/papers/2401.00009');
    const hrefs = [...page.html.matchAll(/<li><a href="(\/papers\/[^"]+)">/g)].map((m) => m[1]);
    assert.deepEqual(
      hrefs.slice(0, 3),
      listed.map((id) => `/papers/${id}`),
    );

    const [, maldacena] = OLD_STYLE;
    assert.ok(maldacena);
    await upsertPapers(t, [{ ...maldacena, version: 2, isWithdrawn: true }], clock.toISOString());
    const paper = await getPaper(t.db, '2401.00009');
    assert.ok(paper);
    const read = await readSimilarPapers({ database: t, now: () => clock }, paper, 10);
    assert.equal(read.isPending, false);
    assert.deepEqual(
      read.similar.map((s) => s.paper.arxivId),
      ['2608.18565', '2401.00001'],
    );
    await runJob();
    assert.equal(await getSimilarList(t.db, await idOf('hep-th/9901002')), undefined);
  });

  it('a page view never computes a list: it asks the job, which answers requests before its backfill', async () => {
    clock = new Date('2026-08-24T12:00:00Z');
    const arxivId = '2401.00001';
    const paperId = await idOf(arxivId);
    const expected = await getSimilarList(t.db, paperId);
    await deleteSimilarLists(t.db, [paperId]);
    // A backfill that has walked past the paper (as after a fresh install's first runs) would never
    // come back to it: only the request brings its list.
    await setSimilarBackfill(t.db, { modelKey: embedder.modelKey, beforeId: 0 }, clock);
    const asked: number[][] = [];
    const watching = {
      similarBatch: (ids: number[], limit: number) => {
        asked.push(ids);
        return search.similarBatch(ids, limit);
      },
    };
    const watchedApp = createApp({ ...ctx, search: Object.assign(Object.create(search), watching) });

    const page = await get(watchedApp, `/papers/${arxivId}`);
    assert.equal(page.status, 200);
    assert.match(page.html, /Similar papers<\/h2>\s*<p class="muted">Being found for this paper/);
    const api = await watchedApp.request(`/api/papers/${arxivId}/similar`);
    assert.deepEqual(await api.json(), []);
    assert.deepEqual(asked, [], 'neither the page nor the API computed a list');
    assert.equal(await getSimilarList(t.db, paperId), undefined);

    const result = await refreshSimilar({
      database: t,
      search: watching,
      log: silentLogger(),
      now: () => clock,
    });
    assert.equal(result.requested, 1);
    assert.equal(result.backfilled, 0);
    assert.deepEqual(asked, [[paperId]]);
    const stored = await getSimilarList(t.db, paperId);
    assert.equal(stored?.computedAt, clock.toISOString());
    assert.equal(stored?.modelKey, embedder.modelKey);
    assert.equal(stored?.similar.length, expected?.similar.length);
    assert.equal(
      (await refreshSimilar({ database: t, search, log: silentLogger(), now: () => clock })).requested,
      0,
    );

    // A withdrawn paper is not requested: it never gets a list.
    const withdrawn = await getPaper(t.db, 'hep-th/9901002');
    assert.ok(withdrawn?.isWithdrawn);
    assert.deepEqual(await readSimilarPapers({ database: t, now: () => clock }, withdrawn, 10), {
      similar: [],
      isPending: false,
    });
  });

  it('still rejects malformed ids and limits', async () => {
    for (const path of ['/api/papers/not-an-id/similar', '/api/papers/2608.18565/similar?limit=0']) {
      assert.equal((await app.request(path)).status, 400, path);
    }
  });
});
