import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Dialect } from '../../src/db/dialect.js';
import { embeddingJob } from '../../src/jobs/recurring-jobs.js';
import { Scheduler } from '../../src/jobs/scheduler.js';
import { silentLogger } from '../../src/lib/logger.js';
import type { PaperRecord } from '../../src/model/paper.js';
import {
  type EmbedJobDeps,
  embedChanges,
  REEMBED_LEASE,
  reembedAll,
} from '../../src/search/semantic/embed-job.js';
import type { Embedder } from '../../src/search/semantic/embedder.js';
import {
  type EmbeddingModel,
  getActiveModel,
  getModelByKey,
  listModels,
  listVectorsSince,
} from '../../src/store/embeddings.js';
import { releaseLease, tryAcquireLease } from '../../src/store/job-leases.js';
import { upsertPapers } from '../../src/store/paper-writes.js';
import { arxivRecord } from '../helpers/factories.js';
import { HashingEmbedder, testCodec } from '../helpers/hashing-embedder.js';
import { createTestDatabase, eachDialect, type TestDatabase } from '../helpers/test-db.js';

const WORDS = [
  'sparse',
  'attention',
  'graph',
  'protein',
  'diffusion',
  'retrieval',
  'robot',
  'speech',
  'vision',
];

function paper(i: number, overrides: Partial<PaperRecord> = {}): PaperRecord {
  return arxivRecord({
    arxivId: `2401.${String(i).padStart(5, '0')}`,
    title: `${WORDS[i % WORDS.length]} ${WORDS[(i * 7) % WORDS.length]} study ${i}`,
    abstract: `We study ${WORDS[(i * 3) % WORDS.length]} with ${WORDS[(i * 5) % WORDS.length]} models.`,
    ...overrides,
  });
}

function depsFor(t: TestDatabase, embedders: Embedder[], extra: Partial<EmbedJobDeps> = {}): EmbedJobDeps {
  return {
    database: t,
    log: silentLogger(),
    now: () => new Date('2026-12-01T10:00:00Z'),
    codec: testCodec,
    batchSize: 50,
    embedderFor: (model: EmbeddingModel) => {
      const embedder = embedders.find((e) => e.modelKey === model.modelKey);
      if (!embedder) throw new Error(`no test embedder for ${model.modelKey}`);
      return embedder;
    },
    ...extra,
  };
}

const modelOf = (e: Embedder) => ({
  modelKey: e.modelKey,
  kind: 'lsa' as const,
  dims: e.dims,
  modelBytes: null,
});

/** Live vectors of a model as paper id → hex, read through the seq feed (latest write wins). */
async function liveVectors(t: TestDatabase, modelKey: string): Promise<Map<number, string>> {
  const model = await getModelByKey(t.db, modelKey);
  assert.ok(model, `model ${modelKey} exists`);
  const out = new Map<number, string>();
  let seq = 0;
  for (;;) {
    const page = await listVectorsSince(t.db, model.id, seq, 100);
    if (page.length === 0) return out;
    for (const v of page) {
      if (v.vector) out.set(v.paperId, Buffer.from(v.vector).toString('hex'));
      else out.delete(v.paperId);
      assert.ok(v.seq > seq, 'seq increases');
      seq = v.seq;
    }
  }
}

async function paperIds(t: TestDatabase): Promise<Map<string, number>> {
  const rows = await t.db.selectFrom('papers').select(['id', 'arxiv_id']).execute();
  return new Map(rows.map((r) => [r.arxiv_id, r.id]));
}

async function expectedHex(embedder: Embedder, title: string, abstract: string): Promise<string> {
  const [v] = await embedder.embedDocuments([{ title, abstract }]);
  return Buffer.from(testCodec.encode(v as Float32Array)).toString('hex');
}

function suite(dialect: Dialect) {
  let t: TestDatabase;
  const first = new HashingEmbedder(16);
  before(async () => {
    t = await createTestDatabase(dialect);
  });
  after(async () => {
    await t.destroy();
  });

  it('is inert without an active model', async () => {
    await upsertPapers(t, [paper(1), paper(2), paper(3)]);
    assert.equal(await embedChanges(depsFor(t, [first])), undefined);
  });

  it('reembedAll builds the first model and activates it', async () => {
    const result = await reembedAll(depsFor(t, [first]), modelOf(first));
    assert.equal(result.isActivated, true);
    assert.equal(result.embedded, 3);
    assert.equal((await getActiveModel(t.db))?.modelKey, first.modelKey);
    const ids = await paperIds(t);
    const vectors = await liveVectors(t, first.modelKey);
    assert.equal(vectors.size, 3);
    const p2 = paper(2);
    assert.equal(vectors.get(ids.get(p2.arxivId) ?? -1), await expectedHex(first, p2.title, p2.abstract));
  });

  it('vectors follow inserts, updates and withdrawals through the change log', async () => {
    await upsertPapers(t, [paper(4), paper(5)]);
    await upsertPapers(t, [
      paper(2, { version: 2, title: 'Protein folding with graphs', abstract: 'New text.' }),
    ]);
    await upsertPapers(t, [paper(3, { version: 2, isWithdrawn: true })]);
    const result = await embedChanges(depsFor(t, [first]));
    assert.ok(result);
    assert.equal(result.embedded, 3, 'two inserts and one update');
    assert.equal(result.removed, 1, 'one withdrawal');
    const ids = await paperIds(t);
    const vectors = await liveVectors(t, first.modelKey);
    assert.deepEqual(
      [...vectors.keys()].sort((a, b) => a - b),
      [1, 2, 4, 5].map((n) => ids.get(paper(n).arxivId)),
    );
    assert.equal(
      vectors.get(ids.get(paper(2).arxivId) ?? -1),
      await expectedHex(first, 'Protein folding with graphs', 'New text.'),
    );
    // Nothing new: no writes, the cursor stays.
    const again = await embedChanges(depsFor(t, [first]));
    assert.deepEqual(
      { ...again, revision: 0 },
      { modelKey: first.modelKey, applied: 0, embedded: 0, removed: 0, revision: 0 },
    );
    assert.equal(again?.revision, result.revision);
  });

  it('re-embedding everything equals the incrementally maintained vectors', async () => {
    await upsertPapers(
      t,
      Array.from({ length: 40 }, (_, i) => paper(100 + i)),
    );
    await upsertPapers(t, [
      paper(104, { version: 2, isWithdrawn: true }),
      paper(101, { version: 2, title: 'Speech' }),
    ]);
    await embedChanges(depsFor(t, [first]));
    const full = new HashingEmbedder(16, '', 'full');
    const result = await reembedAll(depsFor(t, [first, full]), modelOf(full));
    assert.equal(result.isActivated, true);
    assert.deepEqual(await liveVectors(t, full.modelKey), await liveVectors(t, first.modelKey));
    const states = Object.fromEntries((await listModels(t.db)).map((m) => [m.modelKey, m.state]));
    assert.deepEqual(states, { [first.modelKey]: 'retired', [full.modelKey]: 'active' });
  });

  it('a re-embed killed mid-way leaves the old model active; the next run resumes and equals a clean run', async () => {
    await upsertPapers(
      t,
      Array.from({ length: 1200 }, (_, i) => paper(1000 + i)),
    );
    const active = (await getActiveModel(t.db))?.modelKey;
    await embedChanges(depsFor(t, [new HashingEmbedder(16, '', 'full')]));
    const next = new HashingEmbedder(16, 'v2');
    let calls = 0;
    const crashing: Embedder = {
      modelKey: next.modelKey,
      dims: next.dims,
      embedQuery: (text) => next.embedQuery(text),
      async embedDocuments(documents) {
        if (++calls === 15) throw new Error('killed');
        return next.embedDocuments(documents);
      },
    };
    await assert.rejects(reembedAll(depsFor(t, [crashing]), modelOf(next)), /killed/);
    assert.equal((await getActiveModel(t.db))?.modelKey, active, 'old model still active');
    assert.equal((await getModelByKey(t.db, next.modelKey))?.state, 'building');
    const partial = (await liveVectors(t, next.modelKey)).size;
    assert.ok(partial >= 500 && partial < 1200, `partial build: ${partial} vectors`);

    // Papers change while the build is stopped; the resumed build must pick that up too.
    await upsertPapers(t, [
      paper(1001, { version: 2, title: 'Robot vision' }),
      paper(1500, { version: 2, isWithdrawn: true }),
    ]);
    next.embedded = 0;
    const resumed = await reembedAll(depsFor(t, [next]), modelOf(next));
    assert.equal(resumed.isActivated, true);
    assert.ok(next.embedded < 1200, `resumed, not restarted (${next.embedded} embedded)`);
    assert.equal((await getActiveModel(t.db))?.modelKey, next.modelKey);

    const clean = new HashingEmbedder(16, 'v2', 'clean');
    await reembedAll(depsFor(t, [clean]), modelOf(clean));
    const resumedVectors = await liveVectors(t, next.modelKey);
    assert.deepEqual(resumedVectors, await liveVectors(t, clean.modelKey));
    const ids = await paperIds(t);
    assert.equal(resumedVectors.has(ids.get(paper(1500).arxivId) ?? -1), false, 'withdrawn during the pause');
  });

  it('refuses to re-embed while another instance holds the lease', async () => {
    const a = new HashingEmbedder(8, 'lease');
    assert.ok(await tryAcquireLease(t.db, REEMBED_LEASE, 'other-instance', new Date(), 60_000));
    await assert.rejects(reembedAll(depsFor(t, [a]), modelOf(a)), /another instance/);
    assert.equal(await getModelByKey(t.db, a.modelKey), undefined, 'nothing written');
    await releaseLease(t.db, REEMBED_LEASE, 'other-instance');
  });
}

eachDialect('embedding job', suite);
describe('embedding job helpers', () => {
  it('the test codec round-trips within int8 precision', () => {
    const v = new Float32Array([0.6, -0.8, 0, 0.001]);
    const row = new Int8Array(4);
    const scale = testCodec.decodeInto(testCodec.encode(v), row);
    for (let i = 0; i < 4; i++) assert.ok(Math.abs((row[i] ?? 0) * scale - (v[i] ?? 0)) < 0.8 / 127);
  });
});

eachDialect('embedding recurring job', (dialect) => {
  let t: TestDatabase;
  before(async () => {
    t = await createTestDatabase(dialect);
  });
  after(async () => {
    await t.destroy();
  });

  it('runs once per lease across two schedulers, and is inert without an active model', async () => {
    const embedder = new HashingEmbedder(16);
    const job = embeddingJob(async (signal) => ({
      result: await embedChanges({ ...depsFor(t, [embedder]), signal }),
    }));
    await upsertPapers(t, [paper(1)]);
    assert.equal(await job.run(new AbortController().signal), undefined, 'no active model: nothing to do');
    await reembedAll(depsFor(t, [embedder]), modelOf(embedder));
    await upsertPapers(t, [paper(2), paper(3)]);
    const schedulers = [1, 2].map(
      () => new Scheduler({ db: t.db, log: silentLogger(), now: () => new Date(), leaseMs: 60_000 }),
    );
    embedder.embedded = 0;
    await Promise.all(schedulers.map((s) => s.runOnce(job)));
    assert.equal(embedder.embedded, 2, 'one instance embedded the two new papers');
    assert.equal((await liveVectors(t, embedder.modelKey)).size, 3);
  });
});
