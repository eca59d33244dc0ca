// A saved search as a feed: the 50 newest papers matching `q` (sort=date), for /feeds/search.rss,
// .atom and .json. Registered by feeds/routes.ts; the /search page links these feeds.

import type { AppContext } from '../../context.js';
import { getPapersByIds } from '../../store/paper-lookups.js';
import type { SiteInfo } from '../site.js';
import { buildPaperFeed, type PaperFeed } from './build-feed.js';

export const SEARCH_FEED_ITEMS = 50;

/** A QueryError from the search service propagates (a 400 through the feeds' error handler). */
export async function searchFeed(ctx: AppContext, site: SiteInfo, q: string): Promise<PaperFeed> {
  const page = await ctx.search.search({
    q,
    sort: 'date',
    limit: SEARCH_FEED_ITEMS,
    offset: 0,
    isStrict: true,
  });
  const papers = await getPapersByIds(
    ctx.database.db,
    page.hits.map((hit) => hit.id),
  );
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
