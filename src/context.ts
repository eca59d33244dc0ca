// What every surface (web, API, feeds, jobs) is handed by the CLI composition root.

import type { ArxivLookup } from './community/submit-paper.js';
import type { Config } from './config/config.js';
import type { DatabaseHandle } from './db/connection.js';
import type { Logger } from './lib/logger.js';
import type { Mailer } from './mail/mailer.js';
import type { CandidateCache } from './recs/candidate-papers.js';
import type { SearchHealth } from './search/index-follower-thread.js';
import type { SearchService } from './search/search-pool.js';
import type { FullTextSource } from './sources/arxiv-html-client.js';

export interface AppContext {
  config: Config;
  database: DatabaseHandle;
  log: Logger;
  /** arXiv API lookups by id (paper submissions); polite: one request at a time, spaced out. */
  arxiv: ArxivLookup;
  /** arXiv's HTML renderings, for papers' Markdown form; absent when ARXIV_HTML_URL is not set. */
  arxivHtml?: FullTextSource;
  /** Outgoing email (sign-in links, notifications, digests). */
  mailer: Mailer;
  /** Full-text search over the derived index (worker pool in `serve`, in-process in tests). */
  search: SearchService;
  /** The search index's state for /healthz (serve: catching up with the change log, rebuilding, current). */
  searchHealth?: () => Promise<SearchHealth>;
  /** The change-log revision the search index has applied (null before it is known); serve only. */
  searchRevision?: () => number | null;
  /** Current time; tests pass a fixed clock. */
  now(): Date;
  /** Board windows' candidate papers shared by readers' "For you" rankings (recs/); serve sets it. */
  recsCandidates?: CandidateCache;
}
