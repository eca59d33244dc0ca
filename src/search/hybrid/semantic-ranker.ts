// What hybrid and semantic search need from the vector side: the k papers nearest a query's meaning,
// optionally only among papers a filter allows. The search worker implements it over the shared
// int8 matrix (vector-scan.ts) and the active model's query embedding; ExactVectorRanker below is the
// in-memory form for the evaluation script, the CLI on a small collection, and tests.

import type { Embedder } from '../semantic/embedder.js';
import type { ScoredId } from './fusion.js';

export interface SemanticRanker {
  /** The embedding model's identity (shown nowhere yet; vectors of different models never mix). */
  readonly modelKey: string;
  /**
   * The k papers most similar to the query text, best first (score: cosine similarity, higher is
   * better; equal scores by lower id). `allowed`: a bitmap over paper ids, 1 = may be returned.
   */
  rank(queryText: string, k: number, allowed?: Uint8Array): ScoredId[] | Promise<ScoredId[]>;
}

/** Exact top-k by dot product over unit vectors held as Float32Arrays. */
export class ExactVectorRanker implements SemanticRanker {
  private readonly ids: number[] = [];
  private readonly vectors: Float32Array[] = [];

  constructor(private readonly embedder: Embedder) {}

  get modelKey(): string {
    return this.embedder.modelKey;
  }

  /** Embeds and keeps papers (a paper added again replaces nothing: add each once). */
  async add(papers: Array<{ id: number; title: string; abstract: string }>): Promise<void> {
    const vectors = await this.embedder.embedDocuments(papers);
    for (const [i, paper] of papers.entries()) {
      const vector = vectors[i];
      if (!vector || vector.length !== this.embedder.dims) throw new Error(`no vector for paper ${paper.id}`);
      this.ids.push(paper.id);
      this.vectors.push(vector);
    }
  }

  async rank(queryText: string, k: number, allowed?: Uint8Array): Promise<ScoredId[]> {
    const query = await this.embedder.embedQuery(queryText);
    const scored: ScoredId[] = [];
    for (const [i, vector] of this.vectors.entries()) {
      const id = this.ids[i] as number;
      if (allowed && allowed[id] !== 1) continue;
      let dot = 0;
      for (let d = 0; d < vector.length; d++) dot += (vector[d] as number) * (query[d] as number);
      scored.push({ id, score: dot });
    }
    return scored.sort((a, b) => b.score - a.score || a.id - b.id).slice(0, k);
  }
}
