import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { feedbackQuery, rowsOfPapers } from './vector-feedback.js';
import type { VectorMatrix } from './vector-scan.js';

const norm = (x: Float32Array) => Math.sqrt(x.reduce((s, v) => s + v * v, 0));

// Three 2-d rows: (1,0), (0,1) and (0,1) again, as int8 × scale.
const matrix: VectorMatrix = {
  dims: 2,
  values: Int8Array.from([127, 0, 0, 127, 0, 127]),
  scales: Float32Array.from([1 / 127, 1 / 127, 2 / 127]),
};

describe('feedbackQuery', () => {
  it('mixes the unit query with the mean of the unit feedback rows, unit length', () => {
    const mixed = feedbackQuery(matrix, Float32Array.from([3, 0]), [1, 2], 0.5);
    // 0.5·(1,0) + 0.5·(0,1) (rows 1 and 2 are the same direction; scale does not count) → (1,1)/√2.
    assert.ok(Math.abs((mixed[0] as number) - Math.SQRT1_2) < 1e-6);
    assert.ok(Math.abs((mixed[1] as number) - Math.SQRT1_2) < 1e-6);
    assert.ok(Math.abs(norm(mixed) - 1) < 1e-6);
  });

  it('is the unit query alone without rows, at query weight 1, or for a query of other dims', () => {
    for (const mixed of [
      feedbackQuery(matrix, Float32Array.from([0, 2]), [], 0.5),
      feedbackQuery(matrix, Float32Array.from([0, 2]), [0], 1),
    ]) {
      assert.deepEqual([...mixed], [0, 1]);
    }
    assert.deepEqual([...feedbackQuery(matrix, Float32Array.from([2, 0, 0]), [1], 0.5)], [1, 0, 0]);
  });

  it('does not change the caller’s query', () => {
    const query = Float32Array.from([3, 4]);
    feedbackQuery(matrix, query, [0], 0.5);
    assert.deepEqual([...query], [3, 4]);
  });
});

describe('rowsOfPapers', () => {
  const rowPaper = Int32Array.from([10, 20, 30, 20]);

  it('gives the papers’ rows in the papers’ order, leaving out papers without a row', () => {
    assert.deepEqual(rowsOfPapers(rowPaper, 3, [30, 99, 10]), [2, 0]);
  });

  it('passes over deleted rows: a rewritten paper’s live row is its newer one', () => {
    const deleted = Uint8Array.from([0b0010]); // row 1 (paper 20's old row)
    assert.deepEqual(rowsOfPapers(rowPaper, 4, [20], deleted), [3]);
    assert.deepEqual(rowsOfPapers(rowPaper, 4, [20]), [3], 'the newest row is the paper’s');
  });

  it('reads only the first rowCount rows', () => {
    assert.deepEqual(rowsOfPapers(rowPaper, 2, [30]), []);
  });
});
