import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { seededRandom } from './lsa-svd.js';
import { type ScanHit, type ScanOptions, scanTopK, scoreRows, type VectorMatrix } from './vector-scan.js';

/**
 * Rows with power-of-two scales and a query of integers with one component at the int16 limit: the
 * scan's query quantisation is then exact and every float product and sum below is exact too, so the
 * naive float scan's scores and the scan's must be equal, ties included.
 */
function exactCase(rows: number, dims: number, seed: number, duplicates = false) {
  const random = seededRandom(seed);
  const values = new Int8Array(new SharedArrayBuffer(rows * dims));
  const scales = new Float32Array(new SharedArrayBuffer(rows * 4));
  for (let r = 0; r < rows; r++) {
    if (duplicates && r % 3 === 2) {
      values.copyWithin(r * dims, (r - 1) * dims, r * dims); // same as the row before: a tie
      scales[r] = scales[r - 1] as number;
      continue;
    }
    for (let i = 0; i < dims; i++) values[r * dims + i] = Math.floor(random() * 255) - 127;
    scales[r] = 2 ** -(6 + Math.floor(random() * 3));
  }
  const query = Float32Array.from({ length: dims }, () => Math.floor(random() * 65535) - 32767);
  query[0] = 32767;
  return { matrix: { dims, values, scales } satisfies VectorMatrix, query };
}

function naiveTopK(
  m: VectorMatrix,
  query: Float32Array,
  k: number,
  keep = (_row: number) => true,
): ScanHit[] {
  const hits: ScanHit[] = [];
  for (let r = 0; r < m.scales.length; r++) {
    if (!keep(r)) continue;
    let score = 0;
    for (let i = 0; i < m.dims; i++)
      score += (m.values[r * m.dims + i] as number) * (m.scales[r] as number) * (query[i] as number);
    hits.push({ row: r, score });
  }
  return hits.sort((a, b) => b.score - a.score || a.row - b.row).slice(0, k);
}

for (const kernel of ['wasm', 'js'] as const) {
  describe(`scanTopK with the ${kernel} kernel`, () => {
    const scan = (m: VectorMatrix, q: Float32Array, k: number, o: ScanOptions = {}) =>
      scanTopK(m, q, k, { ...o, kernel });

    test('equals a naive float scan on random data, ties broken by lower row', () => {
      for (const seed of [1, 2, 3]) {
        const { matrix, query } = exactCase(3000, 32, seed, true);
        assert.deepEqual(scan(matrix, query, 25), naiveTopK(matrix, query, 25));
      }
    });

    test('ties: identical rows come out in row order', () => {
      const { matrix, query } = exactCase(10, 16, 4);
      for (let r = 1; r < 10; r++) matrix.values.copyWithin(r * 16, 0, 16);
      matrix.scales.fill(2 ** -7);
      assert.deepEqual(
        scan(matrix, query, 4).map((h) => h.row),
        [0, 1, 2, 3],
      );
    });

    test('a better row evicts the higher of two tied rows at the cut', () => {
      const values = new Int8Array(3 * 16);
      values.fill(1, 0, 32); // rows 0 and 1 tie
      values.fill(2, 32); // row 2 is better
      const matrix = { dims: 16, values, scales: new Float32Array([0.5, 0.5, 0.5]) };
      assert.deepEqual(
        scan(matrix, new Float32Array(16).fill(1), 2).map((h) => h.row),
        [2, 0],
      );
    });

    test('k larger than the rows returns every row; empty matrix and k = 0 return nothing', () => {
      const { matrix, query } = exactCase(7, 16, 5);
      assert.deepEqual(scan(matrix, query, 100), naiveTopK(matrix, query, 100));
      assert.equal(scan(matrix, query, 100).length, 7);
      assert.deepEqual(
        scan({ dims: 16, values: new Int8Array(0), scales: new Float32Array(0) }, query, 5),
        [],
      );
      assert.deepEqual(scan(matrix, query, 0), []);
    });

    test('skip bitmap and accept predicate leave rows out', () => {
      const { matrix, query } = exactCase(2500, 48, 6);
      const skip = new Uint8Array(Math.ceil(2500 / 8));
      for (let r = 0; r < 2500; r += 2) skip[r >> 3] = (skip[r >> 3] as number) | (1 << (r & 7));
      assert.deepEqual(
        scan(matrix, query, 10, { skip }),
        naiveTopK(matrix, query, 10, (r) => r % 2 === 1),
      );
      const accept = (r: number) => r % 5 === 0;
      assert.deepEqual(scan(matrix, query, 10, { accept }), naiveTopK(matrix, query, 10, accept));
    });

    test('two row ranges merged equal the whole scan', () => {
      const { matrix, query } = exactCase(5000, 64, 7);
      const halves = [
        ...scan(matrix, query, 15, { from: 0, to: 2317 }),
        ...scan(matrix, query, 15, { from: 2317 }),
      ];
      halves.sort((a, b) => b.score - a.score || a.row - b.row);
      assert.deepEqual(halves.slice(0, 15), scan(matrix, query, 15));
      assert.ok(scan(matrix, query, 15, { from: 100, to: 200 }).every((h) => h.row >= 100 && h.row < 200));
    });

    test('a zero query scores every row 0', () => {
      const { matrix } = exactCase(20, 16, 8);
      assert.deepEqual(
        scan(matrix, new Float32Array(16), 3),
        [0, 1, 2].map((row) => ({ row, score: 0 })),
      );
    });
  });
}

test('a real-valued query ranks like the float scan (int16 query rounding only)', () => {
  const { matrix } = exactCase(4000, 256, 9);
  const random = seededRandom(10);
  const query = Float32Array.from({ length: 256 }, () => random() * 2 - 1);
  const fast = scanTopK(matrix, query, 10);
  const naive = naiveTopK(matrix, query, 10);
  assert.deepEqual(
    fast.map((h) => h.row),
    naive.map((h) => h.row),
  );
  fast.forEach((h, i) => {
    assert.ok(Math.abs(h.score - (naive[i] as ScanHit).score) < 1e-3 * Math.abs(h.score));
  });
});

test('wasm and js kernels agree exactly; a bad shape throws', () => {
  const { matrix, query } = exactCase(3000, 128, 11);
  const real = query.map((x) => x / 40000 + 0.001);
  assert.deepEqual(
    scanTopK(matrix, real, 50, { kernel: 'wasm' }),
    scanTopK(matrix, real, 50, { kernel: 'js' }),
  );
  assert.throws(() => scanTopK(matrix, new Float32Array(64), 5), /query has 64 dims/);
  assert.throws(
    () => scanTopK({ ...matrix, scales: new Float32Array(2999) }, query, 5),
    /expected 2999 rows/,
  );
  // dims not a multiple of 16: the JS loop answers, forcing wasm is refused.
  const odd = exactCase(100, 20, 12);
  assert.deepEqual(scanTopK(odd.matrix, odd.query, 5), naiveTopK(odd.matrix, odd.query, 5));
  assert.throws(() => scanTopK(odd.matrix, odd.query, 5, { kernel: 'wasm' }), /unavailable for 20 dims/);
});

describe('scoreRows', () => {
  test('scores given rows exactly as the scan does, in the order given', () => {
    const { matrix } = exactCase(300, 32, 11);
    const random = seededRandom(5);
    const query = Float32Array.from({ length: 32 }, () => random() * 2 - 1); // quantisation not exact
    const scanned = new Map(scanTopK(matrix, query, 300).map((hit) => [hit.row, hit.score]));
    const rows = [299, 0, 17, 17, 150];
    assert.deepEqual(
      scoreRows(matrix, query, rows),
      rows.map((row) => scanned.get(row)),
    );
  });

  test('rejects a query of other dims', () => {
    const { matrix } = exactCase(3, 16, 1);
    assert.throws(() => scoreRows(matrix, new Float32Array(8), [0]), RangeError);
  });
});
