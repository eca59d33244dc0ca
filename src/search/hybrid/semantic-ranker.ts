// What hybrid and semantic search need from the vector side: the k papers nearest a query's meaning,
// optionally only among papers a filter allows. ScanSemanticRanker implements it with the exact int8
// scan (vector-scan.ts) over whatever matrix its source returns — the instance's vector index in the
// search workers, or a matrix built here from an embedder (the evaluation script, the tests).

import type { Embedder } from '../semantic/embedder.js';
import { quantizeVector } from '../semantic/vector-codec.js';
import { feedbackQuery, rowsOfPapers, type VectorFeedback } from '../semantic/vector-feedback.js';
import type { VectorMatrix as SharedVectors } from '../semantic/vector-index.js';
import { rankByVector } from '../semantic/vector-ranker.js';
import { type ScanOptions, scanTopK, scoreRows, type VectorMatrix } from '../semantic/vector-scan.js';
import type { ScoredId } from './fusion.js';

export interface SemanticRanker {
  /** The embedding model's identity: vectors of different models never mix. */
  readonly modelKey: string;
  /**
   * The k papers most similar to the query text, best first (score: cosine similarity, higher is
   * better; equal scores by lower id). `allowed`: a bitmap over paper ids, 1 = may be returned.
   * Text the model has no word for gives no papers (no semantic signal), not arbitrary ones.
   */
  rank(queryText: string, k: number, options?: SemanticRankOptions): Promise<ScoredId[]>;
}

export interface SemanticRankOptions {
  /** A bitmap over paper ids, 1 = may be returned. */
  allowed?: Uint8Array;
  /** Move the query towards these papers' vectors first (vector-feedback.ts). */
  feedback?: VectorFeedback;
  /**
   * Papers to score as well, wherever they rank (hybrid search's lexical candidates, so the fusion
   * weighs their real similarity rather than "not in the top k"). Appended after the top k, in order.
   */
  alsoScore?: readonly number[];
}

/** A matrix and what maps its rows to papers. */
interface LiveRows {
  matrix: VectorMatrix;
  rowPaper: Int32Array;
  rowCount: number;
  deleted?: Uint8Array | undefined;
}

/** The query vector after feedback, if any. */
function queryAfterFeedback(
  rows: LiveRows,
  query: Float32Array,
  feedback: VectorFeedback | undefined,
): Float32Array {
  if (!feedback) return query;
  const feedbackRows = rowsOfPapers(rows.rowPaper, rows.rowCount, feedback.paperIds, rows.deleted);
  return feedbackQuery(rows.matrix, query, feedbackRows, feedback.queryWeight);
}

/** The top hits (sorted, ties by id) followed by the `alsoScore` papers they miss that have a row. */
function withAlsoScored(
  rows: LiveRows,
  query: Float32Array,
  top: ScoredId[],
  options: SemanticRankOptions,
): ScoredId[] {
  const sorted = top.sort((a, b) => b.score - a.score || a.id - b.id);
  const { alsoScore, allowed } = options;
  if (!alsoScore || alsoScore.length === 0) return sorted;
  const have = new Set(sorted.map((hit) => hit.id));
  const missing = alsoScore.filter((id) => !have.has(id) && (!allowed || allowed[id] === 1));
  const found = rowsOfPapers(rows.rowPaper, rows.rowCount, missing, rows.deleted);
  const scores = scoreRows(rows.matrix, query, found);
  return [
    ...sorted,
    ...found.map((row, i) => ({ id: rows.rowPaper[row] as number, score: scores[i] as number })),
  ];
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

  async rank(queryText: string, k: number, options: SemanticRankOptions = {}): Promise<ScoredId[]> {
    const embedded = await this.embedder.embedQuery(queryText);
    const live = this.source();
    if (!live || !embedded.some((v) => v !== 0)) return [];
    const { rowPaper, matrix } = live;
    const rows: LiveRows = { matrix, rowPaper, rowCount: rowPaper.length, deleted: live.deleted };
    const query = queryAfterFeedback(rows, embedded, options.feedback);
    const { allowed } = options;
    const scan: ScanOptions = {
      ...(live.deleted ? { skip: live.deleted } : {}),
      ...(allowed ? { accept: (row: number) => allowed[rowPaper[row] as number] === 1 } : {}),
    };
    // Rows are in the order papers were embedded, so equal scores are re-ordered by paper id.
    const top = scanTopK(matrix, query, k, scan).map((hit) => ({
      id: rowPaper[hit.row] as number,
      score: hit.score,
    }));
    return withAlsoScored(rows, query, top, options);
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
    rank: async (_queryText, k, options = {}) => {
      if (!queryVector.some((v) => v !== 0) || queryVector.length !== vectors.dims) return [];
      const rows: LiveRows = {
        matrix: {
          dims: vectors.dims,
          values: vectors.matrix.subarray(0, vectors.rows * vectors.dims),
          scales: vectors.scales.subarray(0, vectors.rows),
        },
        rowPaper: vectors.rowPaper,
        rowCount: vectors.rows,
        deleted: vectors.deleted,
      };
      const query = queryAfterFeedback(rows, queryVector, options.feedback);
      const top = rankByVector(vectors, query, k, options.allowed);
      return withAlsoScored(rows, query, top, options);
    },
  };
}
