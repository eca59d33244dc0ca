import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { silentLogger } from '../../src/lib/logger.js';
import type { PaperRecord } from '../../src/model/paper.js';
import { type EmbedJobDeps, embedChanges, reembedAll } from '../../src/search/semantic/embed-job.js';
import type { Embedder } from '../../src/search/semantic/embedder.js';
import { VectorIndex, type VectorMatrix } from '../../src/search/semantic/vector-index.js';
import { upsertPapers } from '../../src/store/paper-writes.js';
import { arxivRecord } from '../helpers/factories.js';
import { HashingEmbedder, testCodec } from '../helpers/hashing-embedder.js';
import { createTestDatabase, eachDialect, type TestDatabase } from '../helpers/test-db.js';

const TOPICS = ['protein folding', 'speech recognition', 'graph neural', 'robot grasping', 'image diffusion'];

function paper(i: number, overrides: Partial<PaperRecord> = {}): PaperRecord {
  const topic = TOPICS[i % TOPICS.length];
  return arxivRecord({
    arxivId: `2402.${String(i).padStart(5, '0')}`,
    title: `${topic} number ${i}`,
    abstract: `A study of ${topic}.`,
    ...overrides,
  });
}

/** Exact dot-product scan (the real kernel is vector-scan.ts): live paper ids, best first. */
function nearest(m: VectorMatrix, query: Float32Array): number[] {
  return scores(m, query).map(([id]) => id);
}

function scores(m: VectorMatrix, query: Float32Array): [number, number][] {
  const scored: [number, number][] = [];
  for (let row = 0; row < m.rows; row++) {
    if ((m.deleted[row >> 3] ?? 0) & (1 << (row & 7))) continue;
    let dot = 0;
    for (let d = 0; d < m.dims; d++) dot += (m.matrix[row * m.dims + d] ?? 0) * (query[d] ?? 0);
    scored.push([m.rowPaper[row] ?? -1, dot * (m.scales[row] ?? 0)]);
  }
  return scored.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
}

eachDialect('vector index', (dialect) => {
  let t: TestDatabase;
  let index: VectorIndex;
  const embedder = new HashingEmbedder(64);
  const deps = (embedders: Embedder[]): EmbedJobDeps => ({
    database: t,
    log: silentLogger(),
    now: () => new Date('2026-12-01T10:00:00Z'),
    codec: testCodec,
    embedderFor: (model) => embedders.find((e) => e.modelKey === model.modelKey) ?? embedder,
  });
  const model = (e: Embedder) => ({
    modelKey: e.modelKey,
    kind: 'lsa' as const,
    dims: e.dims,
    modelBytes: null,
  });
  const idOf = async (i: number) =>
    (
      await t.db
        .selectFrom('papers')
        .select('id')
        .where('arxiv_id', '=', paper(i).arxivId)
        .executeTakeFirstOrThrow()
    ).id;

  before(async () => {
    t = await createTestDatabase(dialect);
    index = new VectorIndex(t, testCodec);
  });
  after(async () => {
    await t.destroy();
  });

  it('is empty without an active model', async () => {
    assert.deepEqual(await index.catchUp(), { applied: 0, isSwitched: false, seq: 0 });
    assert.equal(index.snapshot(), undefined);
  });

  it('loads the active model by seq, growing past its first capacity', async () => {
    await upsertPapers(
      t,
      Array.from({ length: 2500 }, (_, i) => paper(i)),
    );
    await reembedAll(deps([embedder]), model(embedder));
    const started = performance.now();
    const result = await index.catchUp();
    const ms = performance.now() - started;
    assert.equal(result.isSwitched, true);
    assert.equal(result.applied, 2500);
    assert.equal(index.size, 2500);
    const m = index.snapshot();
    assert.ok(m && m.matrix.buffer instanceof SharedArrayBuffer);
    assert.equal(m.dims, 64);
    // Paper 7's own text scores ≈ 1 against its row (int8 rounding aside) and nothing scores higher;
    // the hashing embedder may give a few papers the very same vector, so ties are allowed.
    const p7 = paper(7);
    const [query] = await embedder.embedDocuments([{ title: p7.title, abstract: p7.abstract }]);
    const ranked = scores(m, query as Float32Array);
    const id7 = await idOf(7);
    const own = ranked.find(([id]) => id === id7);
    assert.ok(own && Math.abs(own[1] - 1) < 0.02, `self-similarity ${own?.[1]}`);
    assert.ok(Math.abs((ranked[0]?.[1] ?? 0) - own[1]) < 1e-6, 'paper 7 is among the best');
    process.stderr.write(
      `  [${dialect}] loaded 2500 × 64 in ${ms.toFixed(0)} ms, ${index.memoryBytes()} bytes\n`,
    );
  });

  it('catches up after updates and withdrawals', async () => {
    const before = index.snapshot()?.rows;
    await upsertPapers(t, [paper(7, { version: 2, title: 'Quantum error correction', abstract: 'Qubits.' })]);
    await upsertPapers(t, [paper(12, { version: 2, isWithdrawn: true })]);
    await embedChanges(deps([embedder]));
    const result = await index.catchUp();
    assert.deepEqual(
      { applied: result.applied, isSwitched: result.isSwitched },
      { applied: 2, isSwitched: false },
    );
    const m = index.snapshot();
    assert.ok(m);
    assert.equal(m.rows, before, 'an update overwrites the paper row');
    assert.equal(index.size, 2499);
    assert.equal(nearest(m, await embedder.embedQuery('quantum error correction qubits'))[0], await idOf(7));
    assert.equal(
      nearest(m, await embedder.embedQuery('protein folding number 12')).includes(await idOf(12)),
      false,
    );
    assert.deepEqual(await index.catchUp(), { applied: 0, isSwitched: false, seq: result.seq });
  });

  it('a withdrawn paper that comes back reuses its row', async () => {
    await upsertPapers(t, [paper(12, { version: 3, isWithdrawn: false })]);
    await embedChanges(deps([embedder]));
    await index.catchUp();
    assert.equal(index.size, 2500);
    assert.equal(index.snapshot()?.rows, 2500);
  });

  it('switches to a newly activated model by rebuilding', async () => {
    const next = new HashingEmbedder(32, 'next');
    await reembedAll(deps([embedder, next]), model(next));
    const result = await index.catchUp();
    assert.equal(result.isSwitched, true);
    const m = index.snapshot();
    assert.ok(m);
    assert.deepEqual([m.modelKey, m.dims, m.rows], [next.modelKey, 32, 2500]);
    assert.equal(nearest(m, await next.embedQuery('quantum error correction qubits'))[0], await idOf(7));
  });
});
