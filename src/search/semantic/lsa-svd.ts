// Truncated SVD of a sparse documents×terms matrix by randomized range finding (Halko, Martinsson &
// Tropp 2011, "Finding structure with randomness", algorithms 4.4 and 5.1). Called by lsa-train.ts;
// only the right singular vectors (terms → concepts) and singular values are kept.

import { seededRandom } from '../../lib/seeded-random.js';
import { orthonormalizeColumns, symmetricEigen } from './dense-linear-algebra.js';

/** Compressed sparse rows: row r's entries are at [rowStart[r], rowStart[r+1]). */
export interface SparseRows {
  rows: number;
  cols: number;
  rowStart: Int32Array;
  colIndex: Int32Array;
  values: Float64Array;
}

export interface TruncatedSvd {
  rank: number;
  /** Descending singular values. */
  sigma: Float64Array;
  /** Row-major cols×rank: row t is term t's coordinates on the rank right singular vectors. */
  rightVectors: Float64Array;
}

export interface SvdOptions {
  oversampling: number;
  powerIterations: number;
  seed: number;
  onStep?: (done: number, total: number) => void;
}

/** Seeded PRNG (mulberry32): the same seed gives the same model. */
export { seededRandom };

function gaussian(random: () => number): number {
  // Box–Muller; 1 - u keeps the logarithm finite.
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/**
 * out = AᵀA·q for a row-major cols×width block q, one document row at a time (c = a·q, out += aᵀc),
 * so the documents×width product is never stored: memory stays O(terms × width).
 */
export function applyGram(a: SparseRows, q: Float64Array, width: number): Float64Array {
  const out = new Float64Array(a.cols * width);
  const c = new Float64Array(width);
  for (let r = 0; r < a.rows; r++) {
    const start = a.rowStart[r] as number;
    const end = a.rowStart[r + 1] as number;
    c.fill(0);
    for (let p = start; p < end; p++) {
      const v = a.values[p] as number;
      const base = (a.colIndex[p] as number) * width;
      for (let j = 0; j < width; j++) c[j] = (c[j] as number) + v * (q[base + j] as number);
    }
    for (let p = start; p < end; p++) {
      const v = a.values[p] as number;
      const base = (a.colIndex[p] as number) * width;
      for (let j = 0; j < width; j++) out[base + j] = (out[base + j] as number) + v * (c[j] as number);
    }
  }
  return out;
}

/**
 * The top `rank` right singular vectors of A. The range of AᵀA is sampled with width = rank +
 * oversampling Gaussian vectors, sharpened by power iterations (each re-orthonormalised so small
 * singular directions are not lost to rounding), then Rayleigh–Ritz: the eigenvectors of QᵀAᵀAQ
 * rotate Q onto the singular vectors and its eigenvalues are σ². Rank is capped by the matrix's size.
 */
export function truncatedSvd(a: SparseRows, requestedRank: number, options: SvdOptions): TruncatedSvd {
  const m = a.cols;
  const width = Math.min(requestedRank + options.oversampling, m, a.rows);
  const rank = Math.min(requestedRank, width);
  const random = seededRandom(options.seed);
  let q: Float64Array = new Float64Array(m * width);
  // Gaussian columns are already nearly orthogonal; Halko et al. orthonormalise only after a product.
  for (let i = 0; i < q.length; i++) q[i] = gaussian(random);
  const steps = options.powerIterations + 1;
  for (let i = 0; i < options.powerIterations; i++) {
    q = applyGram(a, q, width);
    orthonormalizeColumns(q, m, width);
    options.onStep?.(i + 1, steps);
  }
  const z = applyGram(a, q, width);
  const h = new Float64Array(width * width); // QᵀZ = QᵀAᵀAQ
  for (let t = 0; t < m; t++) {
    const base = t * width;
    for (let i = 0; i < width; i++) {
      const qi = q[base + i] as number;
      if (qi === 0) continue;
      const row = i * width;
      for (let j = 0; j < width; j++) h[row + j] = (h[row + j] as number) + qi * (z[base + j] as number);
    }
  }
  for (let i = 0; i < width; i++) {
    for (let j = i + 1; j < width; j++) {
      const mean = ((h[i * width + j] as number) + (h[j * width + i] as number)) / 2;
      h[i * width + j] = mean;
      h[j * width + i] = mean;
    }
  }
  const eigen = symmetricEigen(h, width);
  options.onStep?.(steps, steps);
  const sigma = new Float64Array(rank);
  for (let j = 0; j < rank; j++) sigma[j] = Math.sqrt(Math.max(0, eigen.values[j] as number));
  const rightVectors = new Float64Array(m * rank);
  for (let t = 0; t < m; t++) {
    const base = t * width;
    for (let i = 0; i < width; i++) {
      const qi = q[base + i] as number;
      if (qi === 0) continue;
      const row = i * width;
      for (let j = 0; j < rank; j++) {
        rightVectors[t * rank + j] =
          (rightVectors[t * rank + j] as number) + qi * (eigen.vectors[row + j] as number);
      }
    }
  }
  return { rank, sigma, rightVectors };
}
