// Trains the LSA model from papers: vocabulary and idf, sublinear tf-idf rows (unit length), then a
// truncated SVD (lsa-svd.ts). Called by whatever (re)builds the semantic index; deterministic for a
// given input order and seed.

import type { EmbeddableDocument } from './embedder.js';
import { LsaModel } from './lsa-model.js';
import { type SparseRows, seededRandom, truncatedSvd } from './lsa-svd.js';
import { documentTermCounts } from './lsa-terms.js';

export interface LsaTrainingProgress {
  phase: 'reading' | 'vocabulary' | 'svd';
  done: number;
  total: number;
}

export interface LsaTrainingOptions {
  /** Concept dimensions kept (k). */
  dims?: number;
  /** A term must appear in this many sampled documents: rarer ones are typos and one-off names. */
  minDocumentFrequency?: number;
  /** The vocabulary keeps the most frequent terms up to this many (model size is terms × dims × 4 B). */
  maxTerms?: number;
  /**
   * Training reads at most this many documents, a uniform seeded sample (reservoir sampling) of the
   * input: at a million papers, 100k of them fix the vocabulary and concepts about as well, in a tenth
   * of the time and memory. Every paper is still embedded (folded in) afterwards.
   */
  maxDocuments?: number;
  oversampling?: number;
  powerIterations?: number;
  seed?: number;
  /** Fold-in scales coordinates by σ^-alpha. */
  alpha?: number;
  onProgress?: (progress: LsaTrainingProgress) => void;
}

export const LSA_DEFAULTS = {
  dims: 256,
  minDocumentFrequency: 2,
  maxTerms: 50_000,
  maxDocuments: 100_000,
  oversampling: 10,
  powerIterations: 3,
  seed: 1,
  alpha: 0,
} as const;

/** Algorithm R (Vitter 1985) with a seeded PRNG: a uniform sample, the same for the same input. */
function sampleDocuments(
  documents: Iterable<EmbeddableDocument>,
  max: number,
  seed: number,
  onProgress?: LsaTrainingOptions['onProgress'],
): EmbeddableDocument[] {
  const random = seededRandom(seed ^ 0x5eed);
  const sample: EmbeddableDocument[] = [];
  let seen = 0;
  for (const document of documents) {
    if (sample.length < max) sample.push(document);
    else {
      const j = Math.floor(random() * (seen + 1));
      if (j < max) sample[j] = document;
    }
    seen += 1;
    if (seen % 10_000 === 0) onProgress?.({ phase: 'reading', done: seen, total: 0 });
  }
  return sample;
}

interface Vocabulary {
  terms: string[];
  idf: Float32Array;
  rows: SparseRows;
}

/** Vocabulary (by document frequency, ties by term), smoothed idf, and the tf-idf rows. */
function buildRows(sample: EmbeddableDocument[], options: Required<Omit<LsaTrainingOptions, 'onProgress'>>) {
  const provisional = new Map<string, number>();
  const documentFrequency: number[] = [];
  const counted = sample.map((document) => {
    const counts = documentTermCounts(document);
    const ids = new Int32Array(counts.size);
    const tfs = new Float64Array(counts.size);
    let i = 0;
    for (const [term, count] of counts) {
      let id = provisional.get(term);
      if (id === undefined) {
        id = provisional.size;
        provisional.set(term, id);
        documentFrequency.push(0);
      }
      documentFrequency[id] = (documentFrequency[id] as number) + 1;
      ids[i] = id;
      tfs[i] = 1 + Math.log(count);
      i += 1;
    }
    return { ids, tfs };
  });
  const kept = [...provisional]
    .filter(([, id]) => (documentFrequency[id] as number) >= options.minDocumentFrequency)
    .sort(
      ([a, x], [b, y]) =>
        (documentFrequency[y] as number) - (documentFrequency[x] as number) || (a < b ? -1 : 1),
    )
    .slice(0, options.maxTerms)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  const finalId = new Int32Array(provisional.size).fill(-1);
  const terms = kept.map(([term, id], i) => {
    finalId[id] = i;
    return term;
  });
  const n = sample.length;
  const idf = Float32Array.from(
    kept,
    ([, id]) => Math.log((1 + n) / (1 + (documentFrequency[id] as number))) + 1,
  );
  return { terms, idf, rows: toSparseRows(counted, finalId, idf) };
}

function toSparseRows(
  counted: Array<{ ids: Int32Array; tfs: Float64Array }>,
  finalId: Int32Array,
  idf: Float32Array,
): SparseRows {
  let nnz = 0;
  for (const { ids } of counted) for (const id of ids) if ((finalId[id] as number) >= 0) nnz += 1;
  const rowStart = new Int32Array(counted.length + 1);
  const colIndex = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  let p = 0;
  counted.forEach(({ ids, tfs }, r) => {
    const start = p;
    let norm = 0;
    ids.forEach((id, i) => {
      const term = finalId[id] as number;
      if (term < 0) return;
      const v = (tfs[i] as number) * (idf[term] as number);
      colIndex[p] = term;
      values[p] = v;
      norm += v * v;
      p += 1;
    });
    const inverse = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let q = start; q < p; q++) values[q] = (values[q] as number) * inverse;
    rowStart[r + 1] = p;
  });
  return { rows: counted.length, cols: idf.length, rowStart, colIndex, values };
}

export function trainLsaModel(
  documents: Iterable<EmbeddableDocument>,
  options: LsaTrainingOptions = {},
): LsaModel {
  const { onProgress, ...rest } = options;
  const o = { ...LSA_DEFAULTS, ...rest };
  const sample = sampleDocuments(documents, o.maxDocuments, o.seed, onProgress);
  onProgress?.({ phase: 'vocabulary', done: 0, total: sample.length });
  const { terms, idf, rows }: Vocabulary = buildRows(sample, o);
  if (terms.length === 0) throw new Error('cannot train an LSA model: no term appears in enough documents');
  onProgress?.({ phase: 'vocabulary', done: sample.length, total: sample.length });
  const svd = truncatedSvd(rows, o.dims, {
    oversampling: o.oversampling,
    powerIterations: o.powerIterations,
    seed: o.seed,
    onStep: (done, total) => onProgress?.({ phase: 'svd', done, total }),
  });
  return new LsaModel({
    terms,
    idf,
    sigma: Float32Array.from(svd.sigma),
    termVectors: Float32Array.from(svd.rightVectors),
    alpha: o.alpha,
    trainedDocuments: sample.length,
  });
}
