// A saved search as a feed: the 50 newest papers matching `q` (sort=date), for /feeds/search.rss,
// .atom and .json. Registered by feeds/routes.ts; the /search page links these feeds.

import type { AppContext } from '../../context.js';
import { getPapersByIds } from '../../store/paper-lookups.js';
import type { PaperView } from '../../store/paper-reads.js';
import type { SiteInfo } from '../site.js';
import { buildPaperFeed, type PaperFeed } from './build-feed.js';

export const SEARCH_FEED_ITEMS = 50;

/** A QueryError from the search service propagates (a 400 through the feeds' error handler). */
/**
 * The newest papers matching `q` exactly (never relaxed to some of its words), and how many match:
 * what a search feed lists, and an author page (whose feed is that search feed).
 */
export async function newestExactMatches(
  ctx: AppContext,
  q: string,
  limit: number,
): Promise<{ papers: PaperView[]; total: number }> {
  const page = await ctx.search.search({ q, sort: 'date', limit, offset: 0, isStrict: true });
  const papers = await getPapersByIds(
    ctx.database.db,
    page.hits.map((hit) => hit.id),
  );
  return { papers, total: page.total };
}

export async function searchFeed(ctx: AppContext, site: SiteInfo, q: string): Promise<PaperFeed> {
  const { papers } = await newestExactMatches(ctx, q, SEARCH_FEED_ITEMS);
  const query = new URLSearchParams({ q });
  return buildPaperFeed(papers, site, {
    title: `${site.siteName}: search “${q}”`,
    description: `The newest papers on ${site.siteName} matching “${q}”.`,
    path: '/feeds/search',
    query,
    homeUrl: `${site.baseUrl}/search?${query}&sort=date`,
    emptyUpdated: ctx.now(),
  });
}
