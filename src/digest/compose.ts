// What one subscriber's digest holds: papers on their topics first (those they asked for), then the
// period's top trending papers, never a paper an earlier digest showed them, nothing matching an
// excluded keyword, at most their chosen number. Pure over a window's PeriodPapers.

import type { DigestPreferences } from '../model/digest-preferences.js';
import type { PaperView } from '../store/paper-reads.js';
import type { PeriodPapers } from './period-papers.js';
import { exclusionQuery, topicQueries } from './topics.js';

export interface DigestItem {
  paper: PaperView;
  /** The subscriber's topics this paper matched (empty for a trending pick). */
  matchedTopics: string[];
}

export interface DigestContent {
  topical: DigestItem[];
  trending: DigestItem[];
}

/** Trending places kept for subscribers with topics too, so a busy topic cannot crowd them out. */
export const TRENDING_SLOTS = 5;

export function isEmptyDigest(content: DigestContent): boolean {
  return content.topical.length === 0 && content.trending.length === 0;
}

export function digestPaperIds(content: DigestContent): number[] {
  return [...content.topical, ...content.trending].map((item) => item.paper.id);
}

export function composeDigest(
  prefs: DigestPreferences,
  period: PeriodPapers,
  alreadyShown: ReadonlySet<number>,
): DigestContent {
  const excluded = new Set<number>();
  for (const keyword of prefs.topics.exclude) {
    for (const id of period.matching(exclusionQuery(keyword))) excluded.add(id);
  }
  const isEligible = (paper: PaperView) => !alreadyShown.has(paper.id) && !excluded.has(paper.id);

  const topics = topicQueries(prefs.topics);
  const matched = new Map<number, string[]>();
  for (const topic of topics) {
    for (const id of period.matching(topic.query)) matched.set(id, [...(matched.get(id) ?? []), topic.label]);
  }
  const reserved =
    prefs.includeTrending && topics.length > 0 ? Math.min(TRENDING_SLOTS, Math.ceil(prefs.maxPapers / 2)) : 0;
  // Topic matches by upvotes (readers' and imported), ties by trending: the most discussed first.
  const topical = period.ranked
    .filter((paper) => matched.has(paper.id) && isEligible(paper))
    .sort((a, b) => b.upvotes - a.upvotes || (b.trendingScore ?? 0) - (a.trendingScore ?? 0))
    .slice(0, prefs.maxPapers - reserved)
    .map((paper) => ({ paper, matchedTopics: matched.get(paper.id) ?? [] }));

  const chosen = new Set(topical.map((item) => item.paper.id));
  const trending: DigestItem[] = [];
  if (prefs.includeTrending) {
    for (const paper of period.ranked) {
      if (topical.length + trending.length >= prefs.maxPapers) break;
      // No votes yet is not trending, however new: those papers reach readers through their topics.
      if (chosen.has(paper.id) || !isEligible(paper) || paper.upvotes < 1) continue;
      trending.push({ paper, matchedTopics: [] });
    }
  }
  return { topical, trending };
}
