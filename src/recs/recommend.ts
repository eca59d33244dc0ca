// "For you": one reader's ranking of the papers on the board in a time window. Never trains: it uses
// the reader's stored model even when their signals changed since (and asks the retraining job for a
// new one, jobs/reader-models-job.ts), or before the first model, ranks by closeness to the reader's
// own papers. Followed authors and categories add a boost; papers the reader already saved, upvoted or
// gave feedback on are left out, and so are "not interested" papers' near duplicates — always by the
// current signals. Each result carries the reasons that name the reader's own signals. Called by the
// For-you board, feeds, API and digest.

import type { EmbeddingModel } from '../store/embeddings.js';
import { markReaderModelWanted, type StoredReaderModel } from '../store/reader-models.js';
import { loadCandidatePapers } from './candidate-papers.js';
import { closestPositive, followedTopics, followReasons, likeReason, paperSimilarity } from './explain.js';
import type { PaperFeatures } from './paper-features.js';
import type { ReaderModel } from './reader-model.js';
import { parseReaderModel } from './reader-model-codec.js';
import { loadReaderStates, type ReaderState } from './reader-states.js';
import { positivePapers } from './reader-training.js';
import {
  MIN_POSITIVE_SIGNALS,
  type RecommendationPage,
  type RecommendationQuery,
  type RecommendationReason,
  type RecommendDeps,
} from './types.js';
import { windowScorer } from './window-scorer.js';

/** Papers ranked per request at most (the newest placements in the window): bounds request cost. */
export const MAX_CANDIDATES = 5000;
/** Logit added for each followed author of a paper, and for a followed category it is listed in. */
export const FOLLOWED_AUTHOR_BOOST = 3;
export const FOLLOWED_CATEGORY_BOOST = 1;
/**
 * Papers at least this similar to one marked "not interested" are left out with it. Measured with
 * `npm run eval:recs` on the real corpus (LSA, 256 dims): pairs above it are the same work under
 * two ids or near-identical abstracts, pairs below are merely on the same topic (README, Benchmarks).
 */
export const NEAR_DUPLICATE_SIMILARITY = 0.9;

/**
 * Before a reader's first model, candidates are ranked by closeness to this many of their most recent
 * papers: bounds that request's cost (candidates × seeds vector products) like the model's would be.
 */
export const SEED_POSITIVES = 30;

const DAY_MS = 86_400_000;

/** The board dates [fromDate, toDate) a time window covers: a partial last day counts. */
export function boardDateWindow(query: Pick<RecommendationQuery, 'from' | 'to'>): {
  fromDate: string;
  toDate: string;
} {
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const toMs = query.to.getTime();
  return {
    fromDate: day(query.from.getTime()),
    toDate: toMs % DAY_MS === 0 ? day(toMs) : day(toMs - (toMs % DAY_MS) + DAY_MS),
  };
}

export async function recommendForReader(
  deps: RecommendDeps,
  userId: number,
  query: RecommendationQuery,
): Promise<RecommendationPage> {
  const db = deps.database.db;
  const { signals, stored, active, own } = await (deps.readerStates?.load(userId) ??
    loadReaderStates(db, [userId]).then((states) => states.get(userId) as ReaderState));
  const positives = positivePapers(signals);
  if (positives.length + signals.follows.length < MIN_POSITIVE_SIGNALS) {
    return { state: 'cold', items: [], total: 0, isUpdating: false };
  }
  const { model, isUpdating } = await servedModel(deps, userId, {
    stored,
    active,
    positives: positives.length,
  });
  const window = { ...boardDateWindow(query), limit: MAX_CANDIDATES };
  const candidates = await (deps.recsCandidates?.get(db, active?.id, window) ??
    loadCandidatePapers(db, active?.id, window));
  const notInterested = signals.feedback.filter((f) => f.kind === 'less').map((f) => f.paperId);
  const seen = new Set([...positives.map((p) => p.paperId), ...signals.feedback.map((f) => f.paperId)]);
  for (const s of signals.saved) seen.add(s.paperId);
  for (const s of signals.upvoted) seen.add(s.paperId);
  const featuresOf = (id: number) => candidates.features.get(id) ?? own.get(id) ?? [];
  const positiveFeatures = positives.flatMap((p) => featuresOf(p.paperId));
  const seedFeatures = positiveFeatures.slice(0, SEED_POSITIVES);
  const lessFeatures = notInterested.flatMap(featuresOf);
  const follows = followedTopics(signals);
  const score = model ? windowScorer(model, candidates) : undefined;
  const ranked: Array<{ paper: PaperFeatures; score: number; follow: RecommendationReason[] }> = [];
  for (const id of candidates.ids) {
    const paper = candidates.features.get(id);
    if (!paper || seen.has(id)) continue;
    if (lessFeatures.some((less) => paperSimilarity(paper, less, model) >= NEAR_DUPLICATE_SIMILARITY))
      continue;
    const follow = followReasons(paper, follows);
    // Without papers to go on (follows only) a paper is recommended for its follows alone.
    if (!model && seedFeatures.length === 0 && follow.length === 0) continue;
    // Before the first model, closeness to the reader's own papers ranks.
    let logit = score ? score(paper) : (closestPositive(paper, seedFeatures, undefined)?.similarity ?? 0);
    for (const reason of follow) {
      logit += reason.kind === 'followed-author' ? FOLLOWED_AUTHOR_BOOST : FOLLOWED_CATEGORY_BOOST;
    }
    ranked.push({ paper, score: logit, follow });
  }
  ranked.sort((a, b) => b.score - a.score || b.paper.id - a.paper.id);
  const page = ranked.slice(query.offset, query.offset + query.limit);
  return {
    state: 'ready',
    total: ranked.length,
    isUpdating,
    items: page.map(({ paper, score, follow }) => {
      const like = likeReason(paper, positiveFeatures, signals, model);
      return { paperId: paper.id, score, reasons: like ? [...follow, like] : follow };
    }),
  };
}

/**
 * The model requests rank with: the stored one, current or not, when it applies to the active
 * embedding model's vectors (weights over another model's vectors would rank noise) and the reader
 * still has papers they like. When the signals changed since it was trained (or it was never
 * trained, or deleted with the reader's data while their lists remain) the retraining job is asked.
 */
async function servedModel(
  deps: RecommendDeps,
  userId: number,
  reader: { stored: StoredReaderModel | undefined; active: EmbeddingModel | undefined; positives: number },
): Promise<{ model: ReaderModel | undefined; isUpdating: boolean }> {
  const { stored, active, positives } = reader;
  const isSameEmbedding = stored?.model === null || stored?.modelKey === (active?.modelKey ?? null);
  const isCurrent = stored !== undefined && stored.trainedVersion === stored.signalVersion && isSameEmbedding;
  if (!isCurrent) await markReaderModelWanted(deps.database.db, userId, deps.now());
  if (positives === 0) return { model: undefined, isUpdating: false };
  return {
    model: isSameEmbedding ? parseReaderModel(stored?.model ?? null) : undefined,
    isUpdating: !isCurrent,
  };
}
