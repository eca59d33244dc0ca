// Small dense linear algebra on Float64Array for the LSA trainer (lsa-svd.ts): orthonormalising the
// columns of a tall matrix, and the eigen-decomposition of a small symmetric matrix by Jacobi rotations.

/** Row-major rows×cols → row-major cols×rows. */
export function transpose(a: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    for (let c = 0; c < cols; c++) out[c * rows + r] = a[base + c] as number;
  }
  return out;
}

function dot(a: Float64Array, aStart: number, b: Float64Array, bStart: number, length: number): number {
  // Four partial sums: V8 then keeps several multiply-adds in flight (about 2× faster here).
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < length; i += 4) {
    s0 += (a[aStart + i] as number) * (b[bStart + i] as number);
    s1 += (a[aStart + i + 1] as number) * (b[bStart + i + 1] as number);
    s2 += (a[aStart + i + 2] as number) * (b[bStart + i + 2] as number);
    s3 += (a[aStart + i + 3] as number) * (b[bStart + i + 3] as number);
  }
  for (; i < length; i++) s0 += (a[aStart + i] as number) * (b[bStart + i] as number);
  return s0 + s1 + s2 + s3;
}

/**
 * Orthonormalises the columns of a row-major rows×cols matrix in place by classical Gram–Schmidt run
 * twice ("twice is enough": Giraud et al. 2005), which keeps orthogonality to machine precision where
 * one pass would lose it on the ill-conditioned blocks power iterations produce. A column that is
 * (numerically) in the span of earlier ones becomes zero: the rank is lower than cols.
 */
export function orthonormalizeColumns(a: Float64Array, rows: number, cols: number): void {
  const t = transpose(a, rows, cols); // column j at t[j*rows ...], contiguous
  const coefficients = new Float64Array(cols);
  for (let j = 0; j < cols; j++) {
    const jStart = j * rows;
    const original = Math.sqrt(dot(t, jStart, t, jStart, rows));
    for (let pass = 0; pass < 2; pass++) {
      for (let i = 0; i < j; i++) coefficients[i] = dot(t, i * rows, t, jStart, rows);
      for (let i = 0; i < j; i++) {
        const c = coefficients[i] as number;
        if (c === 0) continue;
        const iStart = i * rows;
        for (let r = 0; r < rows; r++)
          t[jStart + r] = (t[jStart + r] as number) - c * (t[iStart + r] as number);
      }
    }
    const norm = Math.sqrt(dot(t, jStart, t, jStart, rows));
    const scale = norm > 1e-10 * original && norm > 1e-300 ? 1 / norm : 0;
    for (let r = 0; r < rows; r++) t[jStart + r] = (t[jStart + r] as number) * scale;
  }
  a.set(transpose(t, cols, rows));
}

export interface SymmetricEigen {
  /** Descending. */
  values: Float64Array;
  /** Row-major n×n; column j is the unit eigenvector of values[j]. */
  vectors: Float64Array;
}

/**
 * Eigenvalues and eigenvectors of a symmetric n×n matrix (row-major, not modified) by cyclic Jacobi
 * rotations (Golub & Van Loan §8.5; rotation formulas as in Numerical Recipes §11.1). Accurate and
 * simple; O(n³) per sweep, fine for the few hundred columns of a randomized SVD.
 */
export function symmetricEigen(matrix: Float64Array, n: number): SymmetricEigen {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  let total = 0;
  for (let i = 0; i < n * n; i++) total += (a[i] as number) ** 2;
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += (a[p * n + q] as number) ** 2;
    if (off <= 1e-30 * total || off === 0) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) rotate(a, v, n, p, q);
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (x, y) => (a[y * n + y] as number) - (a[x * n + x] as number) || x - y,
  );
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  order.forEach((from, to) => {
    values[to] = a[from * n + from] as number;
    for (let r = 0; r < n; r++) vectors[r * n + to] = v[r * n + from] as number;
  });
  return { values, vectors };
}

/** One Jacobi rotation zeroing a[p][q]: a ← Jᵀ a J, v ← v J. */
function rotate(a: Float64Array, v: Float64Array, n: number, p: number, q: number): void {
  const apq = a[p * n + q] as number;
  if (apq === 0) return;
  const theta = ((a[q * n + q] as number) - (a[p * n + p] as number)) / (2 * apq);
  const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
  const c = 1 / Math.sqrt(t * t + 1);
  const s = t * c;
  for (let k = 0; k < n; k++) {
    const akp = a[k * n + p] as number;
    const akq = a[k * n + q] as number;
    a[k * n + p] = c * akp - s * akq;
    a[k * n + q] = s * akp + c * akq;
  }
  for (let k = 0; k < n; k++) {
    const apk = a[p * n + k] as number;
    const aqk = a[q * n + k] as number;
    a[p * n + k] = c * apk - s * aqk;
    a[q * n + k] = s * apk + c * aqk;
  }
  for (let k = 0; k < n; k++) {
    const vkp = v[k * n + p] as number;
    const vkq = v[k * n + q] as number;
    v[k * n + p] = c * vkp - s * vkq;
    v[k * n + q] = s * vkp + c * vkq;
  }
}
