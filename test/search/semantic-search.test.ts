// Semantic and hybrid search through the real pieces, on both databases: an LSA model trained on real
// papers and stored in the database, vectors embedded by the job, the per-instance vector index, and
// the worker pool scanning the shared matrix. Vectors follow updates and withdrawals.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { loadConfig } from '../../src/config/config.js';
import { importPath } from '../../src/ingest/import-path.js';
import { silentLogger } from '../../src/lib/logger.js';
import { IndexFollower } from '../../src/search/index-follower.js';
import { IndexHandle } from '../../src/search/index-handle.js';
import { rebuildIndex } from '../../src/search/rebuild-index.js';
import { SearchPool } from '../../src/search/search-pool.js';
import { embedChanges } from '../../src/search/semantic/embed-job.js';
import { embedderFor, ensureSemanticModel } from '../../src/search/semantic/semantic-models.js';
import { SemanticService } from '../../src/search/semantic/semantic-service.js';
import { int8VectorCodec } from '../../src/search/semantic/vector-codec.js';
import { getActiveModel } from '../../src/store/embeddings.js';
import { upsertPapers } from '../../src/store/paper-writes.js';
import { getIndexablePapers } from '../../src/store/search-feed.js';
import { arxivRecord } from '../helpers/factories.js';
import { sharedData } from '../helpers/paths.js';
import { createTestDatabase, eachDialect, type TestDatabase, tempDir } from '../helpers/test-db.js';

const SHARD = `${sharedData}arxiv-listings-cs/daily-arxiv-ai-enhanced/dedup-shards/cs-papers-01.jsonl`;

eachDialect('semantic search through the worker pool', (dialect) => {
  let t: TestDatabase;
  let pool: SearchPool;
  let semantic: SemanticService;
  let follower: IndexFollower;
  let handle: IndexHandle;
  const config = loadConfig({}, { lsaDimensions: '64' });
  const deps = () => ({
    database: t,
    log: silentLogger(),
    now: () => new Date(),
    codec: int8VectorCodec,
    embedderFor: (model: Parameters<typeof embedderFor>[0]) => embedderFor(model, config, t.db),
  });

  before(async () => {
    t = await createTestDatabase(dialect);
    await importPath(SHARD, { database: t, log: silentLogger() });
    const dir = join(tempDir(), 'search');
    await rebuildIndex(dir, t);
    handle = new IndexHandle(dir);
    follower = new IndexFollower(handle, t, silentLogger(), 60_000);
    assert.equal(await ensureSemanticModel(deps(), config), 'activated');
    semantic = new SemanticService(t, config, silentLogger());
    await semantic.catchUp();
    pool = new SearchPool(dir, 1, semantic);
  });
  after(async () => {
    await pool.close();
    await follower.stop();
    handle.close();
    await t.destroy();
  });

  it('trains, stores and activates an LSA model; every paper gets a vector', async () => {
    const model = await getActiveModel(t.db);
    assert.equal(model?.kind, 'lsa');
    assert.equal(model?.dims, 64);
    const vectors = semantic.vectors();
    assert.ok(vectors);
    const papers = await getIndexablePapers(t.db, [1, 2, 3]);
    assert.equal(papers.length, 3);
    assert.ok((vectors?.rows ?? 0) > 1000, `${vectors?.rows} rows`);
  });

  it('answers semantic and hybrid searches in the workers, and keyword for query syntax', async () => {
    const semanticPage = await pool.search({
      q: 'robots learning to grasp objects',
      sort: 'relevance',
      limit: 10,
      offset: 0,
      mode: 'semantic',
    });
    assert.equal(semanticPage.mode, 'semantic');
    assert.equal(semanticPage.hits.length, 10);
    const hybridPage = await pool.search({
      q: 'robots learning to grasp objects',
      sort: 'relevance',
      limit: 10,
      offset: 0,
    });
    assert.equal(hybridPage.mode, 'hybrid');
    assert.equal(hybridPage.hits.length, 10);
    const keywordPage = await pool.search({ q: '"robot learning"', sort: 'relevance', limit: 10, offset: 0 });
    assert.equal(keywordPage.mode, 'keyword');
  });

  it('vectors follow a rewritten and a withdrawn paper', async () => {
    const marker = 'photosynthesis chlorophyll leaves sunlight plants';
    const [first, second] = await getIndexablePapers(t.db, [10, 11]);
    assert.ok(first && second);
    await upsertPapers(t, [
      arxivRecord({
        arxivId: first.arxivId,
        version: 9,
        title: 'Photosynthesis in plants',
        abstract: `${marker}. ${marker}.`,
        categories: first.categories,
      }),
    ]);
    await follower.poke();
    await embedChanges(deps());
    await semantic.catchUp();
    const page = await pool.search({ q: marker, sort: 'relevance', limit: 3, offset: 0, mode: 'semantic' });
    assert.equal(page.hits[0]?.arxivId, first.arxivId, 'the rewritten paper is now the closest');

    await upsertPapers(t, [
      arxivRecord({
        arxivId: first.arxivId,
        version: 10,
        title: 'Photosynthesis in plants',
        abstract: marker,
        categories: first.categories,
        isWithdrawn: true,
      }),
    ]);
    await follower.poke();
    await embedChanges(deps());
    await semantic.catchUp();
    const after = await pool.search({ q: marker, sort: 'relevance', limit: 10, offset: 0, mode: 'semantic' });
    assert.ok(!after.hits.some((h) => h.arxivId === first.arxivId), 'a withdrawn paper is never found');
  });
});
