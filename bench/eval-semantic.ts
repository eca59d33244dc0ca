// `node --import tsx bench/eval-semantic.ts [--sample 1000]`: quality and speed of the offline LSA
// model. Semantic-only nDCG@10 on the BEIR collections (cacm, cisi) for each fold-in alpha and
// k ∈ {128, 256}; on the 14k cs listings, top-5 same-primary-category agreement of nearest
// neighbours, LSA against plain tf-idf cosine; training time and embedding throughput.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { EmbeddableDocument } from '../src/search/semantic/embedder.js';
import type { LsaModel } from '../src/search/semantic/lsa-model.js';
import { documentTermCounts } from '../src/search/semantic/lsa-terms.js';
import { trainLsaModel } from '../src/search/semantic/lsa-train.js';
import { readBeirCollection } from './eval/beir.js';
import { mean, ndcgAt } from './eval/metrics.js';
import { sharedDataDir } from './paths.js';

export interface CategorisedPaper extends EmbeddableDocument {
  primaryCategory: string;
}

export function readCsListings(): CategorisedPaper[] {
  const dir = join(sharedDataDir, 'arxiv-listings-cs/daily-arxiv-ai-enhanced/dedup-shards');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n'))
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const r = JSON.parse(line) as { title: string; summary: string; categories: string[] };
      return { title: r.title, abstract: r.summary, primaryCategory: r.categories[0] ?? '' };
    });
}

/** Indices of the k largest scores (ties → lower index), skipping `exclude`. */
export function topIndices(scores: Float64Array, k: number, exclude = -1): number[] {
  const order: number[] = [];
  for (let i = 0; i < scores.length; i++) if (i !== exclude) order.push(i);
  order.sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
  return order.slice(0, k);
}

/** Semantic-only ranking: all documents by dot product with the query's vector. */
export function denseScores(vectors: Float32Array[], query: Float32Array): Float64Array {
  const scores = new Float64Array(vectors.length);
  vectors.forEach((v, i) => {
    let s = 0;
    for (let j = 0; j < v.length; j++) s += (v[j] as number) * (query[j] as number);
    scores[i] = s;
  });
  return scores;
}

/** Unit tf-idf rows over the model's vocabulary and idf (the LSA model's own input, before the SVD). */
export function tfidfRows(model: LsaModel, documents: EmbeddableDocument[]): Array<Map<number, number>> {
  const ids = new Map(model.parts.terms.map((t, i) => [t, i]));
  return documents.map((d) => {
    const row = new Map<number, number>();
    let norm = 0;
    for (const [term, count] of documentTermCounts(d)) {
      const id = ids.get(term);
      if (id === undefined) continue;
      const v = (1 + Math.log(count)) * (model.parts.idf[id] as number);
      row.set(id, v);
      norm += v * v;
    }
    for (const [id, v] of row) row.set(id, v / Math.sqrt(norm));
    return row;
  });
}

/** Mean share of each sampled paper's k nearest neighbours that have its primary category. */
export function categoryAgreement(
  papers: CategorisedPaper[],
  sample: number[],
  neighbours: (i: number) => number[],
): number {
  return mean(
    sample.map((i) => {
      const found = neighbours(i);
      return (
        found.filter((j) => papers[j]?.primaryCategory === papers[i]?.primaryCategory).length / found.length
      );
    }),
  );
}

function tfidfNeighbours(rows: Array<Map<number, number>>, k: number): (i: number) => number[] {
  const postings = new Map<number, Array<[number, number]>>();
  rows.forEach((row, doc) => {
    for (const [id, v] of row) {
      const list = postings.get(id) ?? [];
      list.push([doc, v]);
      postings.set(id, list);
    }
  });
  return (i) => {
    const scores = new Float64Array(rows.length);
    for (const [id, v] of rows[i] ?? [])
      for (const [doc, w] of postings.get(id) ?? []) scores[doc] = (scores[doc] as number) + v * w;
    return topIndices(scores, k, i);
  };
}

export function evaluateBeir(dir: string, dims: number, alphas: number[]): Map<number, number> {
  const collection = readBeirCollection(dir);
  const base = trainLsaModel(
    collection.documents.map((d) => ({ title: d.title, abstract: d.text })),
    { dims },
  );
  const results = new Map<number, number>();
  for (const alpha of alphas) {
    const model = base.withAlpha(alpha);
    const vectors = collection.documents.map((d) =>
      model.embedDocumentSync({ title: d.title, abstract: d.text }),
    );
    const ndcgs = [...collection.qrels].map(([queryId, relevant]) => {
      const scores = denseScores(vectors, model.embedQuerySync(collection.queries.get(queryId) ?? ''));
      const ranked = topIndices(scores, 10).map((i) => collection.documents[i]?.id ?? '');
      return ndcgAt(ranked, relevant, 10);
    });
    results.set(alpha, mean(ndcgs));
  }
  return results;
}

async function main() {
  const { values } = parseArgs({ options: { sample: { type: 'string', default: '1000' } } });
  const alphas = [0, 0.5, 1];
  for (const name of ['cacm', 'cisi']) {
    for (const dims of [128, 256]) {
      const scores = evaluateBeir(join(sharedDataDir, 'ir', name), dims, alphas);
      const line = alphas.map((a) => `α=${a}: ${(scores.get(a) ?? 0).toFixed(4)}`).join('  ');
      console.log(`${name} k=${dims} semantic-only nDCG@10  ${line}`);
    }
  }
  const papers = readCsListings();
  const started = performance.now();
  const model = trainLsaModel(papers);
  const trainMs = performance.now() - started;
  console.log(
    `cs listings: ${papers.length} papers, ${model.parts.terms.length} terms, trained in ${(trainMs / 1000).toFixed(1)} s`,
  );
  const embedStart = performance.now();
  const base = await model.embedDocuments(papers);
  const perSecond = papers.length / ((performance.now() - embedStart) / 1000);
  console.log(`embedding: ${Math.round(perSecond)} docs/s on one thread`);
  const step = Math.max(1, Math.floor(papers.length / Number(values.sample)));
  const sample = papers.map((_, i) => i).filter((i) => i % step === 0);
  const rows = tfidfRows(model, papers);
  console.log(`top-5 same-primary-category agreement over ${sample.length} papers:`);
  console.log(
    `  tf-idf cosine      ${categoryAgreement(papers, sample, tfidfNeighbours(rows, 5)).toFixed(4)}`,
  );
  for (const alpha of alphas) {
    const folding = model.withAlpha(alpha);
    const vectors = alpha === model.parts.alpha ? base : papers.map((p) => folding.embedDocumentSync(p));
    const agreement = categoryAgreement(papers, sample, (i) =>
      topIndices(denseScores(vectors, vectors[i] as Float32Array), 5, i),
    );
    console.log(`  LSA k=256 α=${alpha}   ${agreement.toFixed(4)}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
