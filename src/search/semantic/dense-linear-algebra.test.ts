import assert from 'node:assert/strict';
import { test } from 'node:test';
import { orthonormalizeColumns, symmetricEigen } from './dense-linear-algebra.js';
import { seededRandom } from './lsa-svd.js';

test('symmetricEigen: A·v = λ·v, eigenvalues descending, eigenvectors orthonormal', () => {
  const n = 12;
  const random = seededRandom(1);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = i; j < n; j++) a[i * n + j] = a[j * n + i] = random() - 0.5;
  const { values, vectors } = symmetricEigen(a, n);
  for (let k = 0; k < n; k++) {
    if (k > 0) assert.ok((values[k] as number) <= (values[k - 1] as number));
    for (let i = 0; i < n; i++) {
      let av = 0;
      for (let j = 0; j < n; j++) av += (a[i * n + j] as number) * (vectors[j * n + k] as number);
      assert.ok(Math.abs(av - (values[k] as number) * (vectors[i * n + k] as number)) < 1e-10);
    }
    for (let l = 0; l < n; l++) {
      let d = 0;
      for (let i = 0; i < n; i++) d += (vectors[i * n + k] as number) * (vectors[i * n + l] as number);
      assert.ok(Math.abs(d - (k === l ? 1 : 0)) < 1e-10);
    }
  }
  assert.deepEqual([...symmetricEigen(Float64Array.from([2, 0, 0, 5]), 2).values], [5, 2]);
});

test('orthonormalizeColumns: orthonormal columns spanning the input; a dependent column becomes zero', () => {
  const rows = 50;
  const cols = 4;
  const random = seededRandom(2);
  const a = Float64Array.from({ length: rows * cols }, () => random() - 0.5);
  for (let r = 0; r < rows; r++) a[r * cols + 3] = 2 * (a[r * cols] as number) - (a[r * cols + 1] as number);
  const original = a.slice();
  orthonormalizeColumns(a, rows, cols);
  const column = (m: Float64Array, c: number) =>
    Array.from({ length: rows }, (_, r) => m[r * cols + c] as number);
  const dot = (x: number[], y: number[]) => x.reduce((s, v, i) => s + v * (y[i] as number), 0);
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++)
      assert.ok(Math.abs(dot(column(a, i), column(a, j)) - (i === j ? 1 : 0)) < 1e-12);
  }
  assert.ok(column(a, 3).every((v) => v === 0));
  // The first input column lies in the span of the first output column alone (Gram–Schmidt order).
  const first = column(original, 0);
  const projection = dot(first, column(a, 0));
  assert.ok(Math.abs(Math.abs(projection) - Math.sqrt(dot(first, first))) < 1e-12);
});
