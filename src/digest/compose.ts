// The compose step: what one subscriber's digest holds — papers on their topics first (those they
// asked for), then the period's top trending papers, never a paper an earlier digest showed them,
// nothing matching an excluded keyword, at most their chosen number. Pure over a window's PeriodPapers.

import type { DigestPreferences } from '../model/digest-preferences.js';
import type { PaperView } from '../store/paper-reads.js';
import type { PeriodPapers } from './period-papers.js';
import { exclusionQuery, topicQueries } from './topics.js';

export interface DigestItem {
  paper: PaperView;
  /** The subscriber's topics this paper matched (empty for a trending pick). */
  matchedTopics: string[];
  /** Why a "Recommended for you" paper is there (digest/reason-text.ts); absent elsewhere. */
  reasons?: string[];
}

export interface DigestContent {
  topical: DigestItem[];
  trending: DigestItem[];
  /**
   * "Recommended for you": only for a subscriber with an account whose signals rank papers
   * (pipeline.ts adds it after composing); absent otherwise.
   */
  recommended?: DigestItem[];
}

/** Trending places kept for subscribers with topics too, so a busy topic cannot crowd them out. */
export const TRENDING_SLOTS = 5;

export function isEmptyDigest(content: DigestContent): boolean {
  return (
    content.topical.length === 0 && content.trending.length === 0 && (content.recommended ?? []).length === 0
  );
}

export function digestPaperIds(content: DigestContent): number[] {
  return [...content.topical, ...content.trending, ...(content.recommended ?? [])].map(
    (item) => item.paper.id,
  );
}

export function composeDigest(
  prefs: DigestPreferences,
  period: PeriodPapers,
  alreadyShown: ReadonlySet<number>,
): DigestContent {
  const excluded = prefs.topics.exclude.map((keyword) => period.matching(exclusionQuery(keyword)).set);
  const isEligible = (id: number) => !alreadyShown.has(id) && !excluded.some((set) => set.has(id));
  const topics = topicQueries(prefs.topics).map((topic) => ({
    ...topic,
    matches: period.matching(topic.query),
    next: 0,
  }));
  const reserved =
    prefs.includeTrending && topics.length > 0 ? Math.min(TRENDING_SLOTS, Math.ceil(prefs.maxPapers / 2)) : 0;

  // Topic matches, most upvoted first: a merge of each topic's (pre-sorted) matches that stops as
  // soon as the digest is full, so a topic matching thousands of papers costs no more than one.
  const chosen = new Set<number>();
  const topical: DigestItem[] = [];
  while (topical.length < prefs.maxPapers - reserved) {
    let best: number | undefined;
    for (const topic of topics) {
      const ids = topic.matches.ordered;
      while (
        topic.next < ids.length &&
        (chosen.has(ids[topic.next] as number) || !isEligible(ids[topic.next] as number))
      ) {
        topic.next++;
      }
      const head = ids[topic.next];
      if (head !== undefined && (best === undefined || period.rankOf(head) < period.rankOf(best)))
        best = head;
    }
    const paper = best === undefined ? undefined : period.paper(best);
    if (best === undefined || !paper) break;
    chosen.add(best);
    const id = best;
    topical.push({ paper, matchedTopics: topics.filter((t) => t.matches.set.has(id)).map((t) => t.label) });
  }

  const trending: DigestItem[] = [];
  if (prefs.includeTrending) {
    for (const paper of period.ranked) {
      if (topical.length + trending.length >= prefs.maxPapers) break;
      // No votes yet is not trending, however new: those papers reach readers through their topics.
      if (chosen.has(paper.id) || !isEligible(paper.id) || paper.upvotes < 1) continue;
      trending.push({ paper, matchedTopics: [] });
    }
  }
  return { topical, trending };
}
