// Pseudo-relevance feedback in vector space (Rocchio): the query's vector moved towards the centroid of
// the papers the lexical ranking put first, so the semantic list looks for "papers like the ones the
// words found" as well as for the words' own meaning. A short query's LSA vector is a sum of a few word
// vectors; the top papers' vectors carry their whole topic. Pure; called by semantic-ranker.ts for
// hybrid search (Rocchio 1971; vector PRF as in Li et al. 2021, "Pseudo Relevance Feedback with Deep
// Language Models and Dense Retrievers").

import { rowOfPaper } from './row-lookup.js';
import type { VectorMatrix } from './vector-scan.js';

export interface VectorFeedback {
  /** Paper ids of the feedback papers, best first (the lexical ranking's top). */
  paperIds: readonly number[];
  /** Weight of the query's own (unit) vector; the feedback centroid gets 1 − queryWeight. */
  queryWeight: number;
}

/** x scaled to unit length; a zero vector stays zero. */
function normalised(x: Float32Array): Float32Array {
  let norm = 0;
  for (const v of x) norm += v * v;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < x.length; i++) x[i] = (x[i] as number) / norm;
  return x;
}

/**
 * queryWeight·q̂ + (1 − queryWeight)·mean of the feedback rows (each dequantised and made unit length),
 * unit length. `rows` are the feedback papers' matrix rows; with none, the query alone.
 */
export function feedbackQuery(
  matrix: VectorMatrix,
  query: Float32Array,
  rows: readonly number[],
  queryWeight: number,
): Float32Array {
  const { dims, values, scales } = matrix;
  const mixed = normalised(Float32Array.from(query));
  if (rows.length === 0 || queryWeight >= 1 || query.length !== dims) return mixed;
  for (let i = 0; i < dims; i++) mixed[i] = (mixed[i] as number) * queryWeight;
  const share = (1 - queryWeight) / rows.length;
  const row = new Float32Array(dims);
  for (const r of rows) {
    const scale = scales[r] as number;
    for (let i = 0; i < dims; i++) row[i] = (values[r * dims + i] as number) * scale;
    normalised(row);
    for (let i = 0; i < dims; i++) mixed[i] = (mixed[i] as number) + share * (row[i] as number);
  }
  return normalised(mixed);
}

/**
 * The live matrix rows of the given papers (those that have one), in the papers' order. `deleted`: the
 * rows to pass over (a withdrawn paper's row), one bit per row.
 */
export function rowsOfPapers(
  rowPaper: Int32Array,
  rowCount: number,
  paperIds: readonly number[],
  deleted?: Uint8Array,
): number[] {
  const rows: number[] = [];
  for (const paperId of paperIds) {
    const row = rowOfPaper(rowPaper, rowCount, paperId);
    if (row === undefined) continue;
    if (deleted && ((deleted[row >> 3] as number) & (1 << (row & 7))) !== 0) continue;
    rows.push(row);
  }
  return rows;
}
