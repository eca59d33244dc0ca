// "Similar papers" as stored: the paper's exact vector neighbours (its own row of the instance's shared
// matrix as the query, every row scanned) and the lexical more-like-this list (similar-papers.ts),
// min-max fused (hybrid/fusion.ts). Without vectors (no model yet, or the paper not embedded yet) it
// is the lexical list alone. Runs in the search workers (and InProcessSearch); the similar-papers job
// stores the results. The weight was measured with `npm run eval:similar` (README, Benchmarks).

import type SQLite from 'better-sqlite3';
import { fuseScores, type ScoredId } from './hybrid/fusion.js';
import { appliedRevision } from './index-db.js';
import { rowOfPaper } from './semantic/row-lookup.js';
import type { VectorMatrix } from './semantic/vector-index.js';
import { scanTopK } from './semantic/vector-scan.js';
import { findSimilar, type SimilarPaper } from './similar-papers.js';

/** Candidates taken from each side before fusing. */
export const SIMILAR_CANDIDATES = 50;
/**
 * Weight of the lexical list (the vector list gets the rest). `npm run eval:similar` on the 14,318 cs
 * papers (LSA, 256 dims), top-5 same-primary-category agreement: lexical 0.629, vectors 0.724, blend
 * 0.7 → 0.656, 0.5 → 0.696, 0.3 → 0.721, 0.2 → 0.723, 0.1 → 0.723. Categories reward topic, which is
 * what the vectors see; the lexical share keeps near-duplicates and rare shared terms on top.
 */
export const SIMILAR_LEXICAL_WEIGHT = 0.2;

export interface SimilarList {
  paperId: number;
  /** The embedding model whose vectors took part; null when the list is lexical only. */
  modelKey: string | null;
  papers: SimilarPaper[];
}

/** The row holding a paper's vector. */
function rowOf(vectors: VectorMatrix, paperId: number): number | undefined {
  return rowOfPaper(vectors.rowPaper, vectors.rows, paperId);
}

function isDeleted(vectors: VectorMatrix, row: number): boolean {
  return ((vectors.deleted[row >> 3] ?? 0) & (1 << (row & 7))) !== 0;
}

/**
 * The k papers nearest a paper's own vector (cosine), itself and withdrawn rows left out; undefined
 * when the paper has no live vector in this matrix (not embedded yet, or withdrawn).
 */
export function vectorNeighbours(vectors: VectorMatrix, paperId: number, k: number): ScoredId[] | undefined {
  const own = rowOf(vectors, paperId);
  if (own === undefined || isDeleted(vectors, own)) return undefined;
  const { dims, rows } = vectors;
  const scale = vectors.scales[own] as number;
  if (scale === 0) return [];
  const query = Float32Array.from(vectors.matrix.subarray(own * dims, (own + 1) * dims), (v) => v * scale);
  const hits = scanTopK(
    { dims, values: vectors.matrix.subarray(0, rows * dims), scales: vectors.scales.subarray(0, rows) },
    query,
    k,
    { skip: vectors.deleted, accept: (row) => row !== own },
  );
  return hits
    .map((hit) => ({ id: vectors.rowPaper[hit.row] as number, score: hit.score }))
    .sort((a, b) => b.score - a.score || a.id - b.id);
}

export interface BlendOptions {
  lexicalWeight?: number;
  candidates?: number;
}

/** A paper's blended similar papers (at most `limit`), best first; only papers in the index. */
export function blendSimilar(
  sqlite: SQLite.Database,
  vectors: VectorMatrix | undefined,
  paperId: number,
  limit: number,
  options: BlendOptions = {},
): SimilarList {
  const k = options.candidates ?? SIMILAR_CANDIDATES;
  const lexical = findSimilar(sqlite, paperId, k);
  const semantic = vectors ? vectorNeighbours(vectors, paperId, k) : undefined;
  if (!vectors || !semantic) {
    // BM25 from FTS5 is lower-is-better; fused alone it becomes (s − min) / (max − min) like the blend.
    const fused = fuseScores(
      lexical.map((p) => ({ id: p.id, score: -p.score })),
      [],
      { lexicalWeight: 1 },
    );
    const arxiv = new Map(lexical.map((p) => [p.id, p.arxivId]));
    return { paperId, modelKey: null, papers: withArxivIds(fused, arxiv, limit) };
  }
  const fused = fuseScores(
    lexical.map((p) => ({ id: p.id, score: -p.score })),
    semantic,
    { lexicalWeight: options.lexicalWeight ?? SIMILAR_LEXICAL_WEIGHT },
  );
  return {
    paperId,
    modelKey: vectors.modelKey,
    papers: withArxivIds(fused, indexedArxivIds(sqlite, fused), limit),
  };
}

/** arXiv ids of the candidates still in the index (a paper withdrawn since its vector was read is not). */
function indexedArxivIds(sqlite: SQLite.Database, hits: readonly ScoredId[]): Map<number, string> {
  if (hits.length === 0) return new Map();
  const rows = sqlite
    .prepare(
      `select rowid as id, arxiv_id as arxivId from search_docs where rowid in (${hits.map(() => '?').join(',')})`,
    )
    .all(...hits.map((h) => h.id)) as Array<{ id: number; arxivId: string }>;
  return new Map(rows.map((r) => [r.id, r.arxivId]));
}

function withArxivIds(hits: readonly ScoredId[], arxiv: Map<number, string>, limit: number): SimilarPaper[] {
  const papers: SimilarPaper[] = [];
  for (const hit of hits) {
    const arxivId = arxiv.get(hit.id);
    if (arxivId === undefined) continue;
    papers.push({ id: hit.id, arxivId, score: hit.score });
    if (papers.length === limit) break;
  }
  return papers;
}

export interface SimilarBatch {
  /** The change-log revision the index had applied: lists reflect every change up to it. */
  revision: number;
  /** The model of the vectors the worker holds ('' without): lists without it are lexical only. */
  modelKey: string;
  lists: SimilarList[];
}

/** Blends for several papers in one read transaction (one consistent index snapshot). */
export function blendSimilarBatch(
  sqlite: SQLite.Database,
  vectors: VectorMatrix | undefined,
  paperIds: readonly number[],
  limit: number,
): SimilarBatch {
  return sqlite.transaction(() => ({
    revision: appliedRevision(sqlite),
    modelKey: vectors?.modelKey ?? '',
    lists: paperIds.map((id) => blendSimilar(sqlite, vectors, id, limit)),
  }))();
}
