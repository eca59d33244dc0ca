// Why a paper is recommended, in the reader's own terms: the followed authors and categories it
// matches, and the reader's paper it is closest to (saved in a list, upvoted, or marked "more like
// this"). Also the closeness measure that "not interested" near-duplicates are found with. Pure.

import type { ReaderSignals } from '../store/reader-signals.js';
import { authorKey, dot, type PaperFeatures } from './paper-features.js';
import { modelIdf, type ReaderModel, tfidf } from './reader-model.js';
import type { RecommendationReason } from './types.js';

/**
 * How alike two papers are: the cosine of their semantic vectors when both have one, else of their
 * tf-idf vectors (idf from the reader's model, or plain term frequencies without one).
 */
export function paperSimilarity(a: PaperFeatures, b: PaperFeatures, model: ReaderModel | undefined): number {
  if (a.vector && b.vector && a.vector.length === b.vector.length) return dot(a.vector, b.vector);
  const idfOf = (t: string) => (model ? modelIdf(model, t) : 1);
  const x = tfidf(a.terms, idfOf);
  const y = tfidf(b.terms, idfOf);
  let sum = 0;
  for (const [term, value] of x) sum += value * (y.get(term) ?? 0);
  return sum;
}

export interface FollowedTopics {
  /** authorKey → the name as the reader followed it. */
  authors: Map<string, string>;
  categories: Set<string>;
}

export function followedTopics(signals: ReaderSignals): FollowedTopics {
  const authors = new Map<string, string>();
  const categories = new Set<string>();
  for (const f of signals.follows) {
    if (f.kind === 'author') authors.set(authorKey(f.value), f.value);
    else categories.add(f.value);
  }
  return { authors, categories };
}

export function followReasons(paper: PaperFeatures, follows: FollowedTopics): RecommendationReason[] {
  const reasons: RecommendationReason[] = [];
  for (const key of paper.authorKeys) {
    const name = follows.authors.get(key);
    if (name !== undefined) reasons.push({ kind: 'followed-author', name });
  }
  for (const category of paper.categories) {
    if (follows.categories.has(category)) reasons.push({ kind: 'followed-category', category });
  }
  return reasons;
}

/** The reader's positive paper closest to `paper` and how close; undefined without positives. */
export function closestPositive(
  paper: PaperFeatures,
  positives: readonly PaperFeatures[],
  model: ReaderModel | undefined,
): { positive: PaperFeatures; similarity: number } | undefined {
  let best: PaperFeatures | undefined;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (const positive of positives) {
    const score = paperSimilarity(paper, positive, model);
    if (score > bestScore || (score === bestScore && best && positive.id < best.id)) {
      best = positive;
      bestScore = score;
    }
  }
  return best ? { positive: best, similarity: bestScore } : undefined;
}

/** The reason naming the reader's positive paper closest to `paper`; undefined without positives. */
export function likeReason(
  paper: PaperFeatures,
  positives: readonly PaperFeatures[],
  signals: ReaderSignals,
  model: ReaderModel | undefined,
): RecommendationReason | undefined {
  const closest = closestPositive(paper, positives, model);
  if (!closest) return undefined;
  const id = closest.positive.id;
  // A saved paper names its list (the most recent saving); then an upvote; then "more like this".
  const saved = signals.saved.find((s) => s.paperId === id);
  if (saved) return { kind: 'like-saved', paperId: id, title: saved.title, listName: saved.listName };
  const upvoted = signals.upvoted.find((s) => s.paperId === id);
  if (upvoted) return { kind: 'like-upvoted', paperId: id, title: upvoted.title };
  const more = signals.feedback.find((f) => f.paperId === id && f.kind === 'more');
  if (more) return { kind: 'like-feedback', paperId: id, title: more.title };
  return undefined;
}
