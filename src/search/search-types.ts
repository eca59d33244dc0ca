// The search service's request and page shapes, and the keyword ranking's constants, shared by the
// keyword engine, FTS5 path, hybrid search, the worker pool and the web, API and CLI callers.

import type { HighlightSegment } from './highlight.js';
import type { KeywordReason, RequestedMode, SearchMode } from './search-mode.js';

export type SearchSort = 'relevance' | 'date' | 'upvotes';

export interface SearchRequest {
  q: string;
  sort: SearchSort;
  limit: number;
  offset: number;
  /** Highlight the whole abstract instead of cutting a snippet (the HF-compatible API wants it). */
  isFullAbstract?: boolean;
  /** Never relax to "any of the words" (saved-search feeds must match exactly what was asked). */
  isStrict?: boolean;
  /** keyword, semantic, hybrid, or auto (the default: hybrid for plain language; search-mode.ts). */
  mode?: RequestedMode;
}

export interface SearchHit {
  id: number;
  arxivId: string;
  /**
   * Lower is better: BM25 as FTS5's bm25() reports it in keyword mode; in semantic and hybrid modes the
   * negated similarity or fused score. Null when not sorted by relevance.
   */
  score: number | null;
  title: HighlightSegment[];
  /** A passage of the abstract around the matches (or all of it with isFullAbstract). */
  snippet: HighlightSegment[];
}

export interface SearchPage {
  hits: SearchHit[];
  total: number;
  /** False when the count stopped at COUNT_CAP ("about N"). */
  isTotalExact: boolean;
  /** True when too few papers matched every word and papers with any of them follow. */
  isRelaxed: boolean;
  /** How many papers match every word (equals total unless relaxed). */
  strictTotal: number;
  /**
   * The mode that ranked this page. Semantic and hybrid pages list the best matches by meaning: their
   * total is the number of candidates shown, not of papers containing the words.
   */
  mode: SearchMode;
  /** Why the page is keyword when another mode was asked for, or is the default (search-mode.ts). */
  keywordReason?: KeywordReason;
}

/** A page before the mode is known: the keyword paths below produce these. */
export type KeywordPage = Omit<SearchPage, 'mode' | 'keywordReason'>;

/**
 * Column weights for bm25(): title, authors, abstract (tuned on the eval collections). The keyword
 * engine's postings hold frequencies weighted with these (keyword/token-oracle.ts).
 */
export const FIELD_WEIGHTS: readonly number[] = [6, 2, 1];
/** Counting every match of a very common word costs as much as ranking it; stop here. */
export const COUNT_CAP = 10_000;
