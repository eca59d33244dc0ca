// `npm run eval:similar -- [--sample N] [dir]`: how good "similar papers" are, and what they cost.
// The real cs papers (../shared/data/arxiv-listings-cs, see its SOURCE.md) go through the real path —
// imported into a fresh store, the change log followed into a fresh search index, LSA trained on the
// store and every paper embedded and loaded into a VectorIndex — then, for a sample of papers, the
// share of the top 5 similar papers with the paper's own primary category: lexical only, vectors
// only, and the blend at a few lexical weights. Also milliseconds per paper, at 14k and at 100k rows.

import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openSqlite } from '../src/db/connection.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { importPath } from '../src/ingest/import-path.js';
import { silentLogger } from '../src/lib/logger.js';
import { fuseScores } from '../src/search/hybrid/fusion.js';
import { InProcessSearch } from '../src/search/in-process-search.js';
import { int8VectorCodec } from '../src/search/semantic/vector-codec.js';
import { VectorIndex, type VectorMatrix } from '../src/search/semantic/vector-index.js';
import { blendSimilar, SIMILAR_CANDIDATES, vectorNeighbours } from '../src/search/similar-blend.js';
import { findSimilar } from '../src/search/similar-papers.js';
import { embedStoreWithLsa } from './eval/lsa-store.js';
import { benchOutDir, sharedDataDir } from './paths.js';

const { values, positionals } = parseArgs({
  options: { sample: { type: 'string', default: '3000' } },
  allowPositionals: true,
});
const input = positionals[0] ?? join(sharedDataDir, 'arxiv-listings-cs/daily-arxiv-ai-enhanced/dedup-shards');
const WEIGHTS = [0.7, 0.5, 0.3, 0.2, 0.1];
const TOP = 5;

const work = join(benchOutDir, 'eval-similar');
rmSync(work, { recursive: true, force: true });
const database = openSqlite(join(work, 'store.db'));
await migrateToLatest(database.db, database.dialect);
const log = silentLogger();
let started = performance.now();
const imported = await importPath(input, { database, log });
console.log(`imported ${imported.inserted} records in ${seconds(started)} s`);

started = performance.now();
const dims = await embedStoreWithLsa(database, log);
const index = new VectorIndex(database, int8VectorCodec);
await index.catchUp();
const vectors = index.snapshot() as VectorMatrix;
console.log(`LSA ${dims} dims trained and ${index.size} papers embedded in ${seconds(started)} s`);

const search = new InProcessSearch(join(work, 'search'), database, { vectors: () => vectors });
await search.catchUp();
const sqlite = search.handle.get().sqlite;

const papers = await database.db
  .selectFrom('papers')
  .select(['id', 'primary_category'])
  .orderBy('id')
  .execute();
const category = new Map(papers.map((p) => [p.id, p.primary_category]));
const step = Math.max(1, Math.floor(papers.length / Number(values.sample)));
const sample = papers.filter((_, i) => i % step === 0);

const agreement = new Map<string, number>();
const add = (variant: string, paperId: number, ids: number[]) => {
  const own = category.get(paperId);
  const same = ids.slice(0, TOP).filter((id) => own && category.get(id) === own).length;
  agreement.set(variant, (agreement.get(variant) ?? 0) + same / TOP);
};
const time = { lexical: 0, vector: 0, blend: 0 };
for (const paper of sample) {
  let t = performance.now();
  const lexical = findSimilar(sqlite, paper.id, SIMILAR_CANDIDATES).map((p) => ({
    id: p.id,
    score: -p.score,
  }));
  time.lexical += performance.now() - t;
  t = performance.now();
  const semantic = vectorNeighbours(vectors, paper.id, SIMILAR_CANDIDATES) ?? [];
  time.vector += performance.now() - t;
  t = performance.now();
  blendSimilar(sqlite, vectors, paper.id, 50);
  time.blend += performance.now() - t;
  add(
    'lexical only',
    paper.id,
    lexical.map((h) => h.id),
  );
  add(
    'vectors only',
    paper.id,
    semantic.map((h) => h.id),
  );
  for (const w of WEIGHTS) {
    add(
      `blend, lexical weight ${w}`,
      paper.id,
      fuseScores(lexical, semantic, { lexicalWeight: w }).map((h) => h.id),
    );
  }
}
console.log(
  `\n${sample.length} papers (every ${step}th of ${papers.length}), top-${TOP} same primary category:`,
);
for (const [variant, sum] of agreement)
  console.log(`  ${variant.padEnd(28)} ${(sum / sample.length).toFixed(3)}`);
const ms = (x: number) => (x / sample.length).toFixed(2);
console.log(
  `\nms per paper at ${vectors.rows} rows: lexical ${ms(time.lexical)}, vector scan ${ms(time.vector)}, whole blend ${ms(time.blend)}`,
);

// The vector scan is the part that grows with the collection: the same rows tiled to 100,000.
const big = tile(vectors, 100_000);
const t = performance.now();
const probes = sample.slice(0, 200);
for (const paper of probes) vectorNeighbours(big, paper.id, SIMILAR_CANDIDATES);
console.log(
  `vector scan at ${big.rows} rows: ${((performance.now() - t) / probes.length).toFixed(2)} ms per paper`,
);
await search.close();
await database.close();

function tile(m: VectorMatrix, rows: number): VectorMatrix {
  const matrix = new Int8Array(new SharedArrayBuffer(rows * m.dims));
  const scales = new Float32Array(new SharedArrayBuffer(rows * 4));
  const rowPaper = new Int32Array(new SharedArrayBuffer(rows * 4));
  for (let row = 0; row < rows; row++) {
    const from = row % m.rows;
    matrix.set(m.matrix.subarray(from * m.dims, (from + 1) * m.dims), row * m.dims);
    scales[row] = m.scales[from] as number;
    // Copies get ids no real paper has, so each probe still finds its own (original) row.
    rowPaper[row] = row < m.rows ? (m.rowPaper[row] as number) : -row;
  }
  const deleted = new Uint8Array(new SharedArrayBuffer(Math.ceil(rows / 8)));
  return { modelKey: m.modelKey, dims: m.dims, rows, matrix, scales, rowPaper, deleted };
}

function seconds(since: number): string {
  return ((performance.now() - since) / 1000).toFixed(1);
}
