// What hybrid and semantic search need from the vector side: the k papers nearest a query's meaning,
// optionally only among papers a filter allows. ScanSemanticRanker implements it with the exact int8
// scan (vector-scan.ts) over whatever matrix its source returns — the instance's vector index in the
// search workers, or a matrix built here from an embedder (the evaluation script, the tests).

import type { Embedder } from '../semantic/embedder.js';
import { quantizeVector } from '../semantic/vector-codec.js';
import type { VectorMatrix as SharedVectors } from '../semantic/vector-index.js';
import { rankByVector } from '../semantic/vector-ranker.js';
import { type ScanOptions, scanTopK, type VectorMatrix } from '../semantic/vector-scan.js';
import type { ScoredId } from './fusion.js';

export interface SemanticRanker {
  /** The embedding model's identity: vectors of different models never mix. */
  readonly modelKey: string;
  /**
   * The k papers most similar to the query text, best first (score: cosine similarity, higher is
   * better; equal scores by lower id). `allowed`: a bitmap over paper ids, 1 = may be returned.
   * Text the model has no word for gives no papers (no semantic signal), not arbitrary ones.
   */
  rank(queryText: string, k: number, allowed?: Uint8Array): Promise<ScoredId[]>;
}

/** A matrix to scan and the paper id of each row; `deleted` rows (bit set) are skipped. */
export interface PaperMatrix {
  matrix: VectorMatrix;
  rowPaper: Int32Array;
  deleted?: Uint8Array;
}

export class ScanSemanticRanker implements SemanticRanker {
  constructor(
    private readonly embedder: Pick<Embedder, 'modelKey' | 'embedQuery'>,
    /** The live matrix at the time of the query (undefined: no vectors yet). */
    private readonly source: () => PaperMatrix | undefined,
  ) {}

  get modelKey(): string {
    return this.embedder.modelKey;
  }

  async rank(queryText: string, k: number, allowed?: Uint8Array): Promise<ScoredId[]> {
    const query = await this.embedder.embedQuery(queryText);
    const live = this.source();
    if (!live || !query.some((v) => v !== 0)) return [];
    const { rowPaper } = live;
    const options: ScanOptions = {
      ...(live.deleted ? { skip: live.deleted } : {}),
      ...(allowed ? { accept: (row: number) => allowed[rowPaper[row] as number] === 1 } : {}),
    };
    // Rows are in the order papers were embedded, so equal scores are re-ordered by paper id.
    return scanTopK(live.matrix, query, k, options)
      .map((hit) => ({ id: rowPaper[hit.row] as number, score: hit.score }))
      .sort((a, b) => b.score - a.score || a.id - b.id);
  }
}

/** Embeds papers into an int8 matrix in memory (what the vector index holds, without the database). */
export async function embedPaperMatrix(
  embedder: Pick<Embedder, 'dims' | 'embedDocuments'>,
  papers: ReadonlyArray<{ id: number; title: string; abstract: string }>,
): Promise<PaperMatrix> {
  const dims = embedder.dims;
  const values = new Int8Array(papers.length * dims);
  const scales = new Float32Array(papers.length);
  const rowPaper = new Int32Array(papers.length);
  const vectors = await embedder.embedDocuments([...papers]);
  for (const [row, paper] of papers.entries()) {
    const vector = vectors[row];
    if (!vector || vector.length !== dims) throw new Error(`no ${dims}-dim vector for paper ${paper.id}`);
    const quantised = quantizeVector(vector);
    values.set(quantised.values, row * dims);
    scales[row] = quantised.scale;
    rowPaper[row] = paper.id;
  }
  return { matrix: { dims, values, scales }, rowPaper };
}

/**
 * The ranker for one query in a search worker: its vector was embedded on the main thread (an external
 * provider is an HTTP call), the instance's shared matrix was posted to the worker (search-pool.ts).
 */
export function sharedVectorRanker(vectors: SharedVectors, queryVector: Float32Array): SemanticRanker {
  return {
    modelKey: vectors.modelKey,
    rank: async (_queryText, k, allowed) =>
      rankByVector(vectors, queryVector, k, allowed).sort((a, b) => b.score - a.score || a.id - b.id),
  };
}
