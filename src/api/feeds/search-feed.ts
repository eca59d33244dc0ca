// A saved search as a feed: the 50 newest papers matching `q` (sort=date), for /feeds/search.rss,
// .atom and .json; with `mode=semantic|hybrid`, the 50 best matches by meaning, newest first.
// Registered by feeds/routes.ts; the /search page links these feeds.

import type { AppContext } from '../../context.js';
import type { RequestedMode } from '../../search/search-mode.js';
import { searchPapers } from '../../search/search-papers.js';
import type { PaperView } from '../../store/paper-reads.js';
import type { SiteInfo } from '../site.js';
import { buildPaperFeed, type PaperFeed } from './build-feed.js';

export const SEARCH_FEED_ITEMS = 50;

/**
 * The newest papers matching `q` exactly (never relaxed to some of its words), and how many match:
 * what a search feed lists, and an author page (whose feed is that search feed).
 */
export async function newestExactMatches(
  ctx: AppContext,
  q: string,
  limit: number,
  offset = 0,
): Promise<{ papers: PaperView[]; total: number }> {
  const page = await searchPapers(ctx, { q, sort: 'date', limit, offset, isStrict: true });
  return { papers: page.results.map((result) => result.paper), total: page.total };
}

/**
 * The best matches by meaning (semantic or hybrid ranking), newest first: a feed reader shows items
 * by date, so the page's relevance order is not kept. A query the mode cannot serve (operators, no
 * model on this instance) is the strict keyword feed.
 */
async function newestMeaningMatches(
  ctx: AppContext,
  q: string,
  mode: RequestedMode,
  limit: number,
): Promise<PaperView[]> {
  const page = await searchPapers(ctx, { q, sort: 'relevance', limit, offset: 0, isStrict: true, mode });
  if (page.mode === 'keyword') return (await newestExactMatches(ctx, q, limit)).papers;
  const papers = page.results.map((result) => result.paper);
  const dateOf = (paper: PaperView) => paper.publishedAt ?? '';
  return papers.sort((a, b) => dateOf(b).localeCompare(dateOf(a)) || b.id - a.id);
}

/** `mode` keyword (the default: a saved search means exactly its words), or semantic or hybrid. */
export async function searchFeed(
  ctx: AppContext,
  site: SiteInfo,
  q: string,
  mode: RequestedMode = 'keyword',
): Promise<PaperFeed> {
  const papers =
    mode === 'keyword'
      ? (await newestExactMatches(ctx, q, SEARCH_FEED_ITEMS)).papers
      : await newestMeaningMatches(ctx, q, mode, SEARCH_FEED_ITEMS);
  const query = new URLSearchParams({ q });
  if (mode !== 'keyword') query.set('mode', mode);
  return buildPaperFeed(papers, site, {
    title: `${site.siteName}: search “${q}”`,
    description: `The newest papers on ${site.siteName} matching “${q}”.`,
    path: '/feeds/search',
    query,
    homeUrl:
      mode === 'keyword' ? `${site.baseUrl}/search?${query}&sort=date` : `${site.baseUrl}/search?${query}`,
    emptyUpdated: ctx.now(),
  });
}
