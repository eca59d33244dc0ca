// Semantic ranking in a search worker: the exact vector scan (vector-scan.ts) over the instance's
// shared vector matrix (vector-index.ts, shared with the worker threads), rows mapped to paper ids,
// withdrawn rows skipped and filters (a bitmap over paper ids) applied. Called by hybrid search.

import type { VectorMatrix as SharedVectors } from './vector-index.js';
import { scanTopK } from './vector-scan.js';

export interface SemanticHit {
  id: number;
  /** Cosine similarity (vectors are unit length). */
  score: number;
}

/** The k papers closest in meaning to a query vector; none for a zero vector ("no known word"). */
export function rankByVector(
  vectors: SharedVectors,
  queryVector: Float32Array,
  k: number,
  allowed?: Uint8Array,
): SemanticHit[] {
  if (vectors.rows === 0 || !queryVector.some((x) => x !== 0)) return [];
  if (queryVector.length !== vectors.dims) return [];
  const { rowPaper } = vectors;
  const hits = scanTopK(
    {
      dims: vectors.dims,
      values: vectors.matrix.subarray(0, vectors.rows * vectors.dims),
      scales: vectors.scales.subarray(0, vectors.rows),
    },
    queryVector,
    k,
    {
      skip: vectors.deleted,
      ...(allowed ? { accept: (row: number) => allowed[rowPaper[row] as number] === 1 } : {}),
    },
  );
  return hits.map((hit) => ({ id: rowPaper[hit.row] as number, score: hit.score }));
}
