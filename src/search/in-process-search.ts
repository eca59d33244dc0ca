// The search service on the calling thread, for the CLI, the evaluation script and tests: same
// engine as the worker pool, without the threads.

import type { DatabaseHandle } from '../db/connection.js';
import { type CatchUpResult, catchUpIndex } from './index-follower.js';
import { IndexHandle } from './index-handle.js';
import { parseQuery } from './query-parser.js';
import { runSearch, type SearchPage, type SearchRequest } from './search-engine.js';
import type { SearchService } from './search-pool.js';
import { findSimilar, type SimilarPaper } from './similar-papers.js';

export class InProcessSearch implements SearchService {
  readonly handle: IndexHandle;

  /** `tuning` is for the evaluation script, which compares weightings and tokenizers. */
  constructor(
    dir: string,
    private readonly database: DatabaseHandle,
    private readonly tuning: { weights?: readonly number[]; tokenizer?: string } = {},
  ) {
    this.handle = new IndexHandle(dir, tuning.tokenizer ? { tokenizer: tuning.tokenizer } : {});
  }

  /** Applies the store's change log to the index (the worker-pool setup has a follower for this). */
  catchUp(): Promise<CatchUpResult> {
    return catchUpIndex(this.handle, this.database);
  }

  async search(request: SearchRequest): Promise<SearchPage> {
    return runSearch(this.handle.get().sqlite, parseQuery(request.q), request, this.tuning.weights);
  }

  async similar(paperId: number, limit: number): Promise<SimilarPaper[]> {
    return findSimilar(this.handle.get().sqlite, paperId, limit);
  }

  async close(): Promise<void> {
    this.handle.close();
  }
}
