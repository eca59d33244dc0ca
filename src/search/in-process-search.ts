// The search service on the calling thread, for the CLI, the evaluation script and tests: same
// engine as the worker pool, without the threads.

import type { DatabaseHandle } from '../db/connection.js';
import { type HybridTuning, searchByMode } from './hybrid/hybrid-search.js';
import { type SemanticRanker, sharedVectorRanker } from './hybrid/semantic-ranker.js';
import { type CatchUpResult, catchUpIndex } from './index-follower.js';
import { IndexHandle } from './index-handle.js';
import type { ParsedQuery } from './query-ast.js';
import { parseQuery } from './query-parser.js';
import { needsVector, type SearchService } from './search-pool.js';
import type { SearchPage, SearchRequest } from './search-types.js';
import type { SemanticService } from './semantic/semantic-service.js';
import type { VectorMatrix } from './semantic/vector-index.js';
import { blendSimilar, blendSimilarBatch, type SimilarBatch } from './similar-blend.js';
import type { SimilarPaper } from './similar-papers.js';

export class InProcessSearch implements SearchService {
  readonly handle: IndexHandle;

  /**
   * `tuning` is for the evaluation script, which compares weightings, tokenizers and hybrid settings;
   * `semantic` enables semantic and hybrid modes (without it every page is keyword).
   */
  constructor(
    dir: string,
    private readonly database: DatabaseHandle,
    private readonly tuning: {
      weights?: readonly number[];
      tokenizer?: string;
      semantic?: SemanticRanker;
      hybrid?: HybridTuning;
      vectors?: () => VectorMatrix | undefined;
    } = {},
    private readonly semantic?: SemanticService,
  ) {
    this.handle = new IndexHandle(dir, tuning.tokenizer ? { tokenizer: tuning.tokenizer } : {});
  }

  /** Applies the store's change log to the index (the worker-pool setup has a follower for this). */
  catchUp(): Promise<CatchUpResult> {
    return catchUpIndex(this.handle, this.database);
  }

  async search(request: SearchRequest): Promise<SearchPage> {
    const { weights, hybrid } = this.tuning;
    const parsed = parseQuery(request.q);
    const semantic = this.tuning.semantic ?? (await this.serviceRanker(parsed, request));
    return searchByMode(this.handle.get().sqlite, parsed, request, {
      ...(weights ? { weights } : {}),
      ...(semantic ? { semantic } : {}),
      ...(hybrid ? { hybrid } : {}),
    });
  }

  /** The semantic service's vectors and the query's vector, when the request ranks by meaning. */
  private async serviceRanker(parsed: ParsedQuery, request: SearchRequest) {
    const vectors = this.semantic?.vectors();
    if (!vectors || !needsVector(parsed, request)) return undefined;
    const queryVector = await this.semantic?.embedQuery(request.q);
    return queryVector ? sharedVectorRanker(vectors, queryVector) : undefined;
  }

  async similar(paperId: number, limit: number): Promise<SimilarPaper[]> {
    return blendSimilar(this.handle.get().sqlite, this.vectors(), paperId, limit).papers;
  }

  async similarBatch(paperIds: number[], limit: number): Promise<SimilarBatch> {
    return blendSimilarBatch(this.handle.get().sqlite, this.vectors(), paperIds, limit);
  }

  /** The paper vectors similar papers blend in: the tuning's (tests, evaluation) or the service's. */
  private vectors(): VectorMatrix | undefined {
    return this.tuning.vectors ? this.tuning.vectors() : this.semantic?.vectors();
  }

  async close(): Promise<void> {
    this.handle.close();
  }
}
