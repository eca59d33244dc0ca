// The shapes "For you" recommendations are served in: a ranked paper with the reasons that name the
// reader's own signals. Produced by recs/recommend.ts; rendered by the board, feeds, API and digest.

import type { AppContext } from '../context.js';
import type { ReaderStateLoader } from './reader-states.js';

/** Why a paper is recommended; each names a real signal of the reader's. */
export type RecommendationReason =
  /** Close to a paper the reader saved in a reading list. */
  | { kind: 'like-saved'; paperId: number; title: string; listName: string }
  /** Close to a paper the reader upvoted. */
  | { kind: 'like-upvoted'; paperId: number; title: string }
  /** Close to a paper the reader marked "more like this". */
  | { kind: 'like-feedback'; paperId: number; title: string }
  /** Written by an author the reader follows (the name as the reader follows it). */
  | { kind: 'followed-author'; name: string }
  /** Listed in a category the reader follows. */
  | { kind: 'followed-category'; category: string };

export interface Recommendation {
  paperId: number;
  /** The reader model's score; higher is better. Comparable within one reader's ranking only. */
  score: number;
  /** Strongest first; at least one. */
  reasons: RecommendationReason[];
}

export interface RecommendationPage {
  /** 'cold': fewer than MIN_POSITIVE_SIGNALS positive signals — ask the reader for a few. */
  state: 'cold' | 'ready';
  items: Recommendation[];
  /** Recommendations in the whole period (for paging). */
  total: number;
  /**
   * The signals changed since the reader's model was trained: the ranking comes from the previous
   * model (or, before the first, from closeness to the reader's papers) until the retraining job has
   * run. Exclusions ("not interested", papers already saved) always follow the current signals.
   */
  isUpdating: boolean;
}

export interface RecommendationQuery {
  /** Board time window [from, to): papers whose board date falls in it. */
  from: Date;
  to: Date;
  limit: number;
  offset: number;
}

/**
 * What ranking needs from the app: pass the AppContext (`recsCandidates`: windows shared by readers).
 * A digest run adds `readerStates`, primed with each claimed batch's readers.
 */
export type RecommendDeps = Pick<AppContext, 'database' | 'now' | 'log' | 'recsCandidates'> & {
  readerStates?: ReaderStateLoader;
};

/** Saved + upvoted + 'more' + followed topics a reader needs before "For you" has something to go on. */
export const MIN_POSITIVE_SIGNALS = 3;

export type RecommendForReader = (
  deps: RecommendDeps,
  userId: number,
  query: RecommendationQuery,
) => Promise<RecommendationPage>;
