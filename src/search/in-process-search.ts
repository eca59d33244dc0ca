// The search service on the calling thread, for the CLI, the evaluation script and tests: same
// engine as the worker pool, without the threads.

import type { DatabaseHandle } from '../db/connection.js';
import { type HybridTuning, searchByMode } from './hybrid/hybrid-search.js';
import type { SemanticRanker } from './hybrid/semantic-ranker.js';
import { type CatchUpResult, catchUpIndex } from './index-follower.js';
import { IndexHandle } from './index-handle.js';
import { parseQuery } from './query-parser.js';
import type { SearchPage, SearchRequest } from './search-engine.js';
import type { SearchService } from './search-pool.js';
import { findSimilar, type SimilarPaper } from './similar-papers.js';

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
    } = {},
  ) {
    this.handle = new IndexHandle(dir, tuning.tokenizer ? { tokenizer: tuning.tokenizer } : {});
  }

  /** Applies the store's change log to the index (the worker-pool setup has a follower for this). */
  catchUp(): Promise<CatchUpResult> {
    return catchUpIndex(this.handle, this.database);
  }

  async search(request: SearchRequest): Promise<SearchPage> {
    const { weights, semantic, hybrid } = this.tuning;
    return searchByMode(this.handle.get().sqlite, parseQuery(request.q), request, {
      ...(weights ? { weights } : {}),
      ...(semantic ? { semantic } : {}),
      ...(hybrid ? { hybrid } : {}),
    });
  }

  async similar(paperId: number, limit: number): Promise<SimilarPaper[]> {
    return findSimilar(this.handle.get().sqlite, paperId, limit);
  }

  async close(): Promise<void> {
    this.handle.close();
  }
}
