// `node --import tsx bench/vector-scan.ts [--sizes 100000,1000000] [--dims 256]`: ms per query of the
// exact int8 vector scan (plain JS loop and wasm SIMD kernel) over seeded random unit vectors in a
// SharedArrayBuffer, and the top-10 overlap of the int8 scan with an exact float scan.

import { parseArgs } from 'node:util';
import { seededRandom } from '../src/search/semantic/lsa-svd.js';
import { quantizeVector } from '../src/search/semantic/vector-codec.js';
import { type ScanOptions, scanTopK, type VectorMatrix } from '../src/search/semantic/vector-scan.js';

function randomUnitVector(random: () => number, dims: number): Float32Array {
  const v = new Float32Array(dims);
  let norm = 0;
  for (let i = 0; i < dims; i++) {
    const x = random() * 2 - 1;
    v[i] = x;
    norm += x * x;
  }
  for (let i = 0; i < dims; i++) v[i] = (v[i] as number) / Math.sqrt(norm);
  return v;
}

/** Rows are regenerated from the same seed for the float reference, so no float matrix is kept. */
function eachRow(rows: number, dims: number, seed: number, visit: (row: number, v: Float32Array) => void) {
  const random = seededRandom(seed);
  for (let r = 0; r < rows; r++) visit(r, randomUnitVector(random, dims));
}

function buildMatrix(rows: number, dims: number, seed: number): VectorMatrix {
  const values = new Int8Array(new SharedArrayBuffer(rows * dims));
  const scales = new Float32Array(new SharedArrayBuffer(rows * 4));
  eachRow(rows, dims, seed, (r, v) => {
    const q = quantizeVector(v);
    values.set(q.values, r * dims);
    scales[r] = q.scale;
  });
  return { dims, values, scales };
}

function msPerQuery(matrix: VectorMatrix, queries: Float32Array[], options: ScanOptions): number[] {
  scanTopK(matrix, queries[0] as Float32Array, 10, options); // warm-up (compile, first block copy)
  return queries.map((q) => {
    const start = performance.now();
    scanTopK(matrix, q, 10, options);
    return performance.now() - start;
  });
}

const percentile = (ms: number[], p: number) =>
  [...ms].sort((a, b) => a - b)[Math.floor((ms.length - 1) * p)] ?? 0;
const summary = (ms: number[]) =>
  `p50 ${percentile(ms, 0.5).toFixed(1)} ms, max ${Math.max(...ms).toFixed(1)} ms`;

function exactTop10(rows: number, dims: number, seed: number, queries: Float32Array[]): number[][] {
  const scores = queries.map(() => new Float64Array(rows));
  eachRow(rows, dims, seed, (r, v) => {
    queries.forEach((q, i) => {
      let s = 0;
      for (let j = 0; j < dims; j++) s += (v[j] as number) * (q[j] as number);
      (scores[i] as Float64Array)[r] = s;
    });
  });
  return scores.map((s) => {
    const best: number[] = [];
    for (let r = 0; r < rows; r++) {
      if (best.length < 10 || (s[r] as number) > (s[best[9] as number] as number)) {
        best.push(r);
        best.sort((a, b) => (s[b] as number) - (s[a] as number) || a - b);
        best.length = Math.min(best.length, 10);
      }
    }
    return best;
  });
}

const { values } = parseArgs({
  options: { sizes: { type: 'string', default: '100000,1000000' }, dims: { type: 'string', default: '256' } },
});
const dims = Number(values.dims);
for (const rows of values.sizes.split(',').map(Number)) {
  const seed = 7;
  let start = performance.now();
  const matrix = buildMatrix(rows, dims, seed);
  console.log(`${rows} rows × ${dims} dims: built in ${((performance.now() - start) / 1000).toFixed(1)} s`);
  const random = seededRandom(99);
  const queries = Array.from({ length: 20 }, () => randomUnitVector(random, dims));
  console.log(`  wasm SIMD  ${summary(msPerQuery(matrix, queries, { kernel: 'wasm' }))} (20 queries)`);
  console.log(
    `  plain JS   ${summary(msPerQuery(matrix, queries.slice(0, 5), { kernel: 'js' }))} (5 queries)`,
  );
  const half = Math.floor(rows / 2);
  const split = queries.map((q) => {
    const t = performance.now();
    scanTopK(matrix, q, 10, { from: 0, to: half });
    return performance.now() - t;
  });
  console.log(`  wasm, half the rows (one of two threads) ${summary(split)}`);
  start = performance.now();
  const checked = queries.slice(0, 10);
  const exact = exactTop10(rows, dims, seed, checked);
  const overlaps = checked.map((q, i) => {
    const found = new Set(scanTopK(matrix, q, 10).map((h) => h.row));
    return (exact[i] as number[]).filter((r) => found.has(r)).length;
  });
  const mean = overlaps.reduce((a, b) => a + b, 0) / overlaps.length;
  console.log(
    `  top-10 overlap of the int8 scan with an exact float scan: ${mean.toFixed(1)}/10 (min ${Math.min(...overlaps)}, ${checked.length} queries)`,
  );
}
