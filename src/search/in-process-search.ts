// The search service on the calling thread, for the CLI, the evaluation script and tests: same
// engine as the worker pool, without the threads.

import type { DatabaseHandle } from '../db/connection.js';
import { type CatchUpResult, catchUpIndex } from './index-follower.js';
import { IndexHandle } from './index-handle.js';
import { parseQuery } from './query-parser.js';
import { runSearch, type SearchPage, type SearchRequest } from './search-engine.js';
import { needsVector, type SearchService } from './search-pool.js';
import type { SemanticService } from './semantic/semantic-service.js';
import { findSimilar, type SimilarPaper } from './similar-papers.js';

export class InProcessSearch implements SearchService {
  readonly handle: IndexHandle;

  /** `tuning` is for the evaluation script, which compares weightings and tokenizers. */
  constructor(
    dir: string,
    private readonly database: DatabaseHandle,
    private readonly tuning: { weights?: readonly number[]; tokenizer?: string } = {},
    private readonly semantic?: SemanticService,
  ) {
    this.handle = new IndexHandle(dir, tuning.tokenizer ? { tokenizer: tuning.tokenizer } : {});
  }

  /** Applies the store's change log to the index (the worker-pool setup has a follower for this). */
  catchUp(): Promise<CatchUpResult> {
    return catchUpIndex(this.handle, this.database);
  }

  async search(request: SearchRequest): Promise<SearchPage> {
    const parsed = parseQuery(request.q);
    const vectors = this.semantic?.vectors();
    const queryVector =
      vectors && needsVector(parsed, request) ? await this.semantic?.embedQuery(request.q) : undefined;
    return runSearch(this.handle.get().sqlite, parsed, request, this.tuning.weights, {
      ...(vectors ? { vectors } : {}),
      ...(queryVector ? { queryVector } : {}),
    });
  }

  async similar(paperId: number, limit: number): Promise<SimilarPaper[]> {
    return findSimilar(this.handle.get().sqlite, paperId, limit);
  }

  async close(): Promise<void> {
    this.handle.close();
  }
}
