// The per-reader ranker: L2-regularised logistic regression over three blocks of features — the
// paper's semantic vector, its tf-idf (title + abstract, idf from the training papers) and its
// categories — trained on the reader's positives (saved, upvoted, "more like this"; recency-weighted)
// against "not interested" papers and a seeded sample of the corpus, as arxiv-sanity trains a linear
// SVM per user. Bounded cost: the callers cap the examples, and the iterations are fixed. Pure; the
// model is plain JSON so the store keeps it as text. Block scales and regularisation were tuned on
// the dev half of `npm run eval:recs` (README, Benchmarks).

import type { PaperFeatures } from './paper-features.js';

export interface TrainingExample {
  features: PaperFeatures;
  /** 1: the reader wants papers like it; 0: not (a "less" paper or a corpus sample). */
  label: 0 | 1;
  /** Recency and kind weight (> 0). */
  weight: number;
}

export interface ModelTuning {
  /** Scale of each block: how much the vector, the words and the categories can say. */
  vectorScale: number;
  lexicalScale: number;
  categoryScale: number;
  /** L2 penalty on the weights. */
  l2: number;
  iterations: number;
  learningRate: number;
  /** Terms kept in the stored model (largest weights): bounds its size. */
  maxTerms: number;
}

/**
 * Chosen on the dev half of `npm run eval:recs -- --tune` (2026-12-06): the best dev P@10 (0.390) of a
 * 36-point grid over the three scales and the penalty; the held-out half was not looked at for it.
 */
export const DEFAULT_TUNING: ModelTuning = {
  vectorScale: 0.5,
  lexicalScale: 0.5,
  categoryScale: 0.5,
  l2: 0.01,
  iterations: 150,
  learningRate: 1,
  maxTerms: 4000,
};

export interface ReaderModel {
  format: 2;
  /**
   * The embedding model active when trained (the vector weights apply to its vectors; empty when none
   * of the training papers had one); null when none was active.
   */
  modelKey: string | null;
  bias: number;
  /** Weights over the vector block (already multiplied by its scale); empty without vectors. */
  vector: Float32Array;
  /**
   * The kept terms, largest weight first, with their weights (scaled) and idf at the same index:
   * arrays, not a term → weights object, because a digest run parses one stored model per reader and
   * building a 4,000-key object was most of a ranking's cost (bench:recs).
   */
  terms: string[];
  termWeights: Float32Array;
  termIdf: Float32Array;
  /** idf of a term not in `terms` (as rare as can be among the training papers). */
  unknownIdf: number;
  categories: Record<string, number>;
  trainedOn: { positives: number; negatives: number; sampled: number; notInterested: number };
}

interface SparseRow {
  index: Int32Array;
  value: Float64Array;
}

/** idf over the training papers: ln((N + 1) / (df + 1)) + 1, as scikit-learn's smooth idf. */
function idfTable(examples: readonly TrainingExample[]): { idf: Map<string, number>; unknown: number } {
  const df = new Map<string, number>();
  for (const example of examples)
    for (const term of example.features.terms.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  const n = examples.length;
  const idf = new Map<string, number>();
  for (const [term, count] of df) idf.set(term, Math.log((n + 1) / (count + 1)) + 1);
  return { idf, unknown: Math.log(n + 1) + 1 };
}

/** Sublinear tf × idf, L2-normalised: long abstracts do not outweigh short ones. */
export function tfidf(terms: Map<string, number>, idfOf: (term: string) => number): Map<string, number> {
  const out = new Map<string, number>();
  let norm = 0;
  for (const [term, count] of terms) {
    const value = (1 + Math.log(count)) * idfOf(term);
    out.set(term, value);
    norm += value * value;
  }
  if (norm === 0) return out;
  const scale = 1 / Math.sqrt(norm);
  for (const [term, value] of out) out.set(term, value * scale);
  return out;
}

function categoryValue(categories: readonly string[]): number {
  return categories.length === 0 ? 0 : 1 / Math.sqrt(categories.length);
}

export function trainReaderModel(
  examples: readonly TrainingExample[],
  modelKey: string | null,
  tuning: ModelTuning = DEFAULT_TUNING,
): ReaderModel {
  const { idf, unknown } = idfTable(examples);
  const termIndex = new Map<string, number>();
  const categoryIndex = new Map<string, number>();
  const dims = examples.find((e) => e.features.vector)?.features.vector?.length ?? 0;
  const rows = examples.map((example): SparseRow => {
    const weights = tfidf(example.features.terms, (t) => idf.get(t) ?? unknown);
    const index: number[] = [];
    const value: number[] = [];
    for (const [term, w] of weights) {
      const i = indexOf(termIndex, term);
      index.push(i);
      value.push(w * tuning.lexicalScale);
    }
    const cv = categoryValue(example.features.categories) * tuning.categoryScale;
    for (const category of example.features.categories) {
      const i = indexOf(categoryIndex, category);
      index.push(-1 - i);
      value.push(cv);
    }
    return { index: Int32Array.from(index), value: Float64Array.from(value) };
  });
  const wVec = new Float64Array(dims);
  const wTerm = new Float64Array(termIndex.size);
  const wCat = new Float64Array(categoryIndex.size);
  let bias = 0;
  // Class-balanced: the positives together weigh as much as the negatives together.
  const positiveTotal = sum(examples.filter((e) => e.label === 1).map((e) => e.weight));
  const negativeTotal = sum(examples.filter((e) => e.label === 0).map((e) => e.weight));
  const share = examples.map((e) =>
    e.label === 1 ? e.weight / (2 * (positiveTotal || 1)) : e.weight / (2 * (negativeTotal || 1)),
  );
  const gVec = new Float64Array(dims);
  const gTerm = new Float64Array(termIndex.size);
  const gCat = new Float64Array(categoryIndex.size);
  const vScale = tuning.vectorScale;
  for (let iteration = 0; iteration < tuning.iterations; iteration++) {
    gVec.fill(0);
    gTerm.fill(0);
    gCat.fill(0);
    let gBias = 0;
    for (let n = 0; n < examples.length; n++) {
      const example = examples[n] as TrainingExample;
      const row = rows[n] as SparseRow;
      const vector = example.features.vector;
      let z = bias;
      if (vector && vector.length === dims)
        for (let d = 0; d < dims; d++) z += (wVec[d] as number) * (vector[d] as number) * vScale;
      for (let k = 0; k < row.index.length; k++) {
        const i = row.index[k] as number;
        z += (i >= 0 ? (wTerm[i] as number) : (wCat[-1 - i] as number)) * (row.value[k] as number);
      }
      const error = (1 / (1 + Math.exp(-z)) - example.label) * (share[n] as number);
      gBias += error;
      if (vector && vector.length === dims)
        for (let d = 0; d < dims; d++) gVec[d] = (gVec[d] as number) + error * (vector[d] as number) * vScale;
      for (let k = 0; k < row.index.length; k++) {
        const i = row.index[k] as number;
        const g = error * (row.value[k] as number);
        if (i >= 0) gTerm[i] = (gTerm[i] as number) + g;
        else gCat[-1 - i] = (gCat[-1 - i] as number) + g;
      }
    }
    const rate = tuning.learningRate;
    step(wVec, gVec, tuning.l2, rate);
    step(wTerm, gTerm, tuning.l2, rate);
    step(wCat, gCat, tuning.l2, rate);
    bias -= rate * gBias;
  }
  return {
    format: 2,
    modelKey,
    bias,
    vector: Float32Array.from(wVec, (w) => w * vScale),
    ...keptTerms(termIndex, wTerm, idf, tuning),
    unknownIdf: unknown,
    categories: Object.fromEntries(
      [...categoryIndex].map(([c, i]) => [c, (wCat[i] as number) * tuning.categoryScale]),
    ),
    trainedOn: {
      positives: examples.filter((e) => e.label === 1).length,
      negatives: examples.filter((e) => e.label === 0).length,
      sampled: 0,
      notInterested: 0,
    },
  };
}

/** The column of a key, given the next free one when new. */
function indexOf(columns: Map<string, number>, key: string): number {
  let i = columns.get(key);
  if (i === undefined) {
    i = columns.size;
    columns.set(key, i);
  }
  return i;
}

/** Plain gradient step with the L2 penalty's gradient. */
function step(weights: Float64Array, gradient: Float64Array, l2: number, rate: number): void {
  for (let i = 0; i < weights.length; i++) {
    weights[i] = (weights[i] as number) - rate * ((gradient[i] as number) + l2 * (weights[i] as number));
  }
}

function keptTerms(
  termIndex: Map<string, number>,
  wTerm: Float64Array,
  idf: Map<string, number>,
  tuning: ModelTuning,
): Pick<ReaderModel, 'terms' | 'termWeights' | 'termIdf'> {
  const kept = [...termIndex]
    .sort((a, b) => Math.abs(wTerm[b[1]] as number) - Math.abs(wTerm[a[1]] as number))
    .slice(0, tuning.maxTerms);
  return {
    terms: kept.map(([term]) => term),
    termWeights: Float32Array.from(kept, ([, i]) => (wTerm[i] as number) * tuning.lexicalScale),
    termIdf: Float32Array.from(kept, ([term]) => idf.get(term) as number),
  };
}

const lookups = new WeakMap<ReaderModel, Map<string, number>>();

/** term → its index in the model's arrays, built on first use and kept with the model. */
export function termLookup(model: ReaderModel): Map<string, number> {
  let lookup = lookups.get(model);
  if (!lookup) {
    lookup = new Map(model.terms.map((term, i) => [term, i]));
    lookups.set(model, lookup);
  }
  return lookup;
}

/** The model's idf of a term (unknownIdf for a term it did not keep). */
export function modelIdf(model: ReaderModel, term: string): number {
  const i = termLookup(model).get(term);
  return i === undefined ? model.unknownIdf : (model.termIdf[i] as number);
}

/** The model's logit for a paper (higher: more the reader's kind of paper). */
export function scorePaper(model: ReaderModel, paper: PaperFeatures): number {
  let z = model.bias;
  if (paper.vector && paper.vector.length === model.vector.length) {
    for (let d = 0; d < model.vector.length; d++)
      z += (model.vector[d] as number) * (paper.vector[d] as number);
  }
  const lookup = termLookup(model);
  const weights = tfidf(paper.terms, (t) => modelIdf(model, t));
  for (const [term, value] of weights) {
    const i = lookup.get(term);
    if (i !== undefined) z += (model.termWeights[i] as number) * value;
  }
  const cv = categoryValue(paper.categories);
  for (const category of paper.categories) z += (model.categories[category] ?? 0) * cv;
  return z;
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}
