// Exact top-k by dot product over int8-quantised vectors (vector-codec.ts), every row scanned. Called
// by semantic and hybrid search (each worker thread may scan a row range [from, to) of one shared
// matrix). Uses the wasm SIMD kernel (vector-scan-wasm.ts) where it runs, else a plain JS loop.

import { createDotKernel, type DotKernel } from './vector-scan-wasm.js';

export interface VectorMatrix {
  dims: number;
  /** Row-major rows × dims int8 values; may be backed by a SharedArrayBuffer. */
  values: Int8Array;
  /** Per-row scale: row value ≈ scale × int8. A scale of 0 is a zero (or absent) vector. */
  scales: Float32Array;
}

export interface ScanHit {
  row: number;
  score: number;
}

export interface ScanOptions {
  /** Row range to scan, [from, to); defaults to all rows. */
  from?: number;
  to?: number;
  /** Bitmap of rows to leave out (deleted, filtered): bit (row & 7) of byte (row >> 3). */
  skip?: Uint8Array;
  /** Rows for which this returns false are left out (slower than `skip`; called once per row). */
  accept?: (row: number) => boolean;
  /** 'auto' picks wasm where it runs; 'js' and 'wasm' force one (benchmarks, tests). */
  kernel?: 'auto' | 'wasm' | 'js';
}

/** A query quantised to int16: the integer dot products are exact, scores identical on both paths. */
interface QuantizedQuery {
  values: Int16Array;
  scale: number;
}

function quantizeQuery(query: Float32Array): QuantizedQuery {
  // Keep dims × 127 × max|q| below 2³¹ so int32 accumulators cannot overflow (32767 up to 516 dims).
  const limit = Math.min(32767, Math.floor(0x7fffffff / (127 * query.length)));
  let max = 0;
  for (const v of query) max = Math.max(max, Math.abs(v));
  const values = new Int16Array(query.length);
  if (max === 0 || !Number.isFinite(max)) return { values, scale: 0 };
  const scale = max / limit;
  for (let i = 0; i < query.length; i++) values[i] = Math.round((query[i] as number) / scale);
  return { values, scale };
}

/** The k best rows so far; the root is the worst kept (lowest score, then highest row). */
class TopK {
  readonly rows: Int32Array;
  readonly scores: Float64Array;
  size = 0;
  constructor(readonly k: number) {
    this.rows = new Int32Array(k);
    this.scores = new Float64Array(k);
  }
  private worse(a: number, b: number): boolean {
    const sa = this.scores[a] as number;
    const sb = this.scores[b] as number;
    return sa < sb || (sa === sb && (this.rows[a] as number) > (this.rows[b] as number));
  }
  /** Rows arrive in ascending order, so an equal score never displaces a kept (lower) row. */
  offer(row: number, score: number): void {
    if (this.size < this.k) {
      let i = this.size++;
      this.rows[i] = row;
      this.scores[i] = score;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!this.worse(i, parent)) break;
        this.swap(i, parent);
        i = parent;
      }
    } else if (score > (this.scores[0] as number)) {
      this.rows[0] = row;
      this.scores[0] = score;
      this.siftDown();
    }
  }
  private siftDown(): void {
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      let worst = i;
      if (left < this.size && this.worse(left, worst)) worst = left;
      if (left + 1 < this.size && this.worse(left + 1, worst)) worst = left + 1;
      if (worst === i) return;
      this.swap(i, worst);
      i = worst;
    }
  }
  private swap(a: number, b: number): void {
    const row = this.rows[a] as number;
    const score = this.scores[a] as number;
    this.rows[a] = this.rows[b] as number;
    this.scores[a] = this.scores[b] as number;
    this.rows[b] = row;
    this.scores[b] = score;
  }
  sorted(): ScanHit[] {
    const hits: ScanHit[] = [];
    for (let i = 0; i < this.size; i++)
      hits.push({ row: this.rows[i] as number, score: this.scores[i] as number });
    return hits.sort((a, b) => b.score - a.score || a.row - b.row);
  }
}

const BLOCK_ROWS = 1024;
let kernel: DotKernel | null | undefined;
let kernelDims = 0;

/** This thread's kernel, with room for a query, a block of rows and their dot products. */
function kernelFor(dims: number): DotKernel | null {
  if (kernel === undefined || (kernel && dims > kernelDims)) {
    kernelDims = Math.max(dims, 256);
    kernel = createDotKernel(kernelDims * 2 + BLOCK_ROWS * 4 + BLOCK_ROWS * kernelDims);
  }
  return kernel;
}

/** The rows of a block in the scan that survive skip/accept, offered to the top-k. */
function offerBlock(
  top: TopK,
  dots: Int32Array,
  first: number,
  count: number,
  scales: Float32Array,
  queryScale: number,
  options: ScanOptions,
): void {
  const { skip, accept } = options;
  for (let i = 0; i < count; i++) {
    const row = first + i;
    if (skip && ((skip[row >> 3] as number) & (1 << (row & 7))) !== 0) continue;
    const score = (dots[i] as number) * (scales[row] as number) * queryScale;
    if (top.size === top.k && score <= (top.scores[0] as number)) continue;
    if (accept && !accept(row)) continue;
    top.offer(row, score);
  }
}

function scanWithWasm(
  kernel: DotKernel,
  m: VectorMatrix,
  q: QuantizedQuery,
  from: number,
  to: number,
  top: TopK,
  options: ScanOptions,
) {
  const { dims } = m;
  const queryBytes = kernelDims * 2;
  const outPtr = queryBytes;
  const rowsPtr = queryBytes + BLOCK_ROWS * 4;
  new Int16Array(kernel.memory.buffer, 0, dims).set(q.values);
  const rows = new Int8Array(kernel.memory.buffer, rowsPtr, BLOCK_ROWS * dims);
  const dots = new Int32Array(kernel.memory.buffer, outPtr, BLOCK_ROWS);
  for (let first = from; first < to; first += BLOCK_ROWS) {
    const count = Math.min(BLOCK_ROWS, to - first);
    rows.set(m.values.subarray(first * dims, (first + count) * dims));
    kernel.dots(rowsPtr, count, dims, 0, outPtr);
    offerBlock(top, dots, first, count, m.scales, q.scale, options);
  }
}

function scanWithJs(
  m: VectorMatrix,
  q: QuantizedQuery,
  from: number,
  to: number,
  top: TopK,
  options: ScanOptions,
) {
  const { dims, values } = m;
  const query = q.values;
  const dots = new Int32Array(BLOCK_ROWS);
  for (let first = from; first < to; first += BLOCK_ROWS) {
    const count = Math.min(BLOCK_ROWS, to - first);
    for (let i = 0; i < count; i++) {
      const base = (first + i) * dims;
      let sum = 0;
      for (let j = 0; j < dims; j++) sum += (values[base + j] as number) * (query[j] as number);
      dots[i] = sum;
    }
    offerBlock(top, dots, first, count, m.scales, q.scale, options);
  }
}

/**
 * The k rows with the highest dot product with `query`, best first (equal scores: lower row first).
 * Scores are row scale × query scale × the exact integer dot product of the int8 row and the query
 * quantised to int16 (relative error ≈ 1e-4 of the query's largest component): the same on both
 * kernels. A zero query scores every row 0.
 */
export function scanTopK(
  matrix: VectorMatrix,
  query: Float32Array,
  k: number,
  options: ScanOptions = {},
): ScanHit[] {
  const { dims, values, scales } = matrix;
  const rowCount = scales.length;
  if (values.length !== rowCount * dims) {
    throw new RangeError(`matrix has ${values.length} values, expected ${rowCount} rows × ${dims} dims`);
  }
  if (query.length !== dims) throw new RangeError(`query has ${query.length} dims, matrix ${dims}`);
  const from = Math.max(0, options.from ?? 0);
  const to = Math.min(rowCount, options.to ?? rowCount);
  if (k <= 0 || from >= to) return [];
  const top = new TopK(Math.min(k, to - from));
  const q = quantizeQuery(query);
  const wasm = options.kernel !== 'js' && dims % 16 === 0 ? kernelFor(dims) : null;
  if (options.kernel === 'wasm' && !wasm) throw new Error(`the wasm kernel is unavailable for ${dims} dims`);
  if (wasm) scanWithWasm(wasm, matrix, q, from, to, top, options);
  else scanWithJs(matrix, q, from, to, top, options);
  return top.sorted();
}

/**
 * The score of each given row, exactly as scanTopK scores it (same quantised query, same integer dot
 * product), in the rows' order. For scoring a few known rows without scanning the matrix.
 */
export function scoreRows(matrix: VectorMatrix, query: Float32Array, rows: readonly number[]): number[] {
  const { dims, values, scales } = matrix;
  if (query.length !== dims) throw new RangeError(`query has ${query.length} dims, matrix ${dims}`);
  const q = quantizeQuery(query);
  return rows.map((row) => {
    const base = row * dims;
    let sum = 0;
    for (let j = 0; j < dims; j++) sum += (values[base + j] as number) * (q.values[j] as number);
    return sum * (scales[row] as number) * q.scale;
  });
}
