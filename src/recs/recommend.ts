// "For you": one reader's ranking of the papers on the board in a time window. Uses the stored reader
// model when it was trained at the reader's current signal version (and under the active embedding
// model), else trains and stores it first. Followed authors and categories add a boost; papers the
// reader already saved, upvoted or gave feedback on are left out, and so are "not interested" papers'
// near duplicates. Each result carries the reasons that name the reader's own signals. Called by the
// For-you board, feeds, API and digest.

import { getActiveModel } from '../store/embeddings.js';
import { listBoardPaperIds } from '../store/reader-candidates.js';
import { getReaderModel } from '../store/reader-models.js';
import { readerSignals } from '../store/reader-signals.js';
import { followedTopics, followReasons, likeReason, paperSimilarity } from './explain.js';
import { loadPaperFeatures, type PaperFeatures } from './paper-features.js';
import { parseReaderModel, type ReaderModel, scorePaper } from './reader-model.js';
import { MAX_POSITIVES, positivePapers, trainAndStoreReaderModel } from './reader-training.js';
import {
  MIN_POSITIVE_SIGNALS,
  type RecommendationPage,
  type RecommendationQuery,
  type RecommendationReason,
  type RecommendDeps,
} from './types.js';

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
  const [signals, stored, active] = await Promise.all([
    readerSignals(db, userId, { limit: MAX_POSITIVES }),
    getReaderModel(db, userId),
    getActiveModel(db),
  ]);
  const positives = positivePapers(signals);
  if (positives.length + signals.follows.length < MIN_POSITIVE_SIGNALS) {
    return { state: 'cold', items: [], total: 0 };
  }
  let model: ReaderModel | undefined;
  const isCurrent =
    stored !== undefined &&
    stored.trainedVersion === stored.signalVersion &&
    (stored.model === null || stored.modelKey === (active?.modelKey ?? null));
  if (isCurrent) model = parseReaderModel(stored.model);
  if (positives.length > 0 && !model) {
    const started = performance.now();
    model = (await trainAndStoreReaderModel(db, userId, deps.now(), active ?? null))?.model;
    deps.log.info(
      { user_id: userId, positives: positives.length, duration_ms: Math.round(performance.now() - started) },
      'reader model trained on request',
    );
  }
  const candidateIds = await listBoardPaperIds(db, { ...boardDateWindow(query), limit: MAX_CANDIDATES });
  const notInterested = signals.feedback.filter((f) => f.kind === 'less').map((f) => f.paperId);
  const seen = new Set([...positives.map((p) => p.paperId), ...signals.feedback.map((f) => f.paperId)]);
  for (const s of signals.saved) seen.add(s.paperId);
  for (const s of signals.upvoted) seen.add(s.paperId);
  const features = await loadPaperFeatures(db, active?.id, [
    ...candidateIds.filter((id) => !seen.has(id)),
    ...positives.map((p) => p.paperId),
    ...notInterested,
  ]);
  const positiveFeatures = positives.flatMap((p) => features.get(p.paperId) ?? []);
  const lessFeatures = notInterested.flatMap((id) => features.get(id) ?? []);
  const follows = followedTopics(signals);
  const ranked: Array<{ paper: PaperFeatures; score: number; follow: RecommendationReason[] }> = [];
  for (const id of candidateIds) {
    const paper = features.get(id);
    if (!paper || seen.has(id)) continue;
    if (lessFeatures.some((less) => paperSimilarity(paper, less, model) >= NEAR_DUPLICATE_SIMILARITY))
      continue;
    const follow = followReasons(paper, follows);
    // Without a model (follows only) a paper is recommended for its follows alone.
    if (!model && follow.length === 0) continue;
    let score = model ? scorePaper(model, paper) : 0;
    for (const reason of follow) {
      score += reason.kind === 'followed-author' ? FOLLOWED_AUTHOR_BOOST : FOLLOWED_CATEGORY_BOOST;
    }
    ranked.push({ paper, score, follow });
  }
  ranked.sort((a, b) => b.score - a.score || b.paper.id - a.paper.id);
  const page = ranked.slice(query.offset, query.offset + query.limit);
  return {
    state: 'ready',
    total: ranked.length,
    items: page.map(({ paper, score, follow }) => {
      const like = likeReason(paper, positiveFeatures, signals, model);
      return { paperId: paper.id, score, reasons: like ? [...follow, like] : follow };
    }),
  };
}
