// A reader model applied to a window's candidate papers: the model's term weights and idf laid out
// over the window's vocabulary once per reader, then each paper scored by array lookups instead of a
// tf-idf map per paper. Gives scorePaper's logit (recs/reader-model.ts) to rounding. Pure.

import type { CandidatePapers } from './candidate-papers.js';
import type { PaperFeatures } from './paper-features.js';
import type { ReaderModel } from './reader-model.js';

export type WindowScorer = (paper: PaperFeatures) => number;

export function windowScorer(model: ReaderModel, window: CandidatePapers): WindowScorer {
  const size = window.vocabulary.size;
  const weight = new Float64Array(size);
  const idf = new Float64Array(size).fill(model.unknownIdf);
  for (let i = 0; i < model.terms.length; i++) {
    const v = window.vocabulary.get(model.terms[i] as string);
    if (v === undefined) continue;
    weight[v] = model.termWeights[i] as number;
    idf[v] = model.termIdf[i] as number;
  }
  const vector = Float64Array.from(model.vector);
  return (paper) => {
    let z = model.bias;
    if (paper.vector && paper.vector.length === vector.length) {
      for (let d = 0; d < vector.length; d++) z += (vector[d] as number) * (paper.vector[d] as number);
    }
    const row = window.rows.get(paper.id);
    if (row) {
      let dot = 0;
      let norm = 0;
      for (let k = 0; k < row.ids.length; k++) {
        const v = row.ids[k] as number;
        const value = (row.tf[k] as number) * (idf[v] as number);
        norm += value * value;
        dot += value * (weight[v] as number);
      }
      if (norm > 0) z += dot / Math.sqrt(norm);
    }
    const cv = paper.categories.length === 0 ? 0 : 1 / Math.sqrt(paper.categories.length);
    for (const category of paper.categories) z += (model.categories[category] ?? 0) * cv;
    return z;
  };
}
