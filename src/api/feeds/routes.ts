// Feeds of the daily board: /feeds/daily.rss (RSS 2.0), .atom (Atom 1.0) and .json (JSON Feed 1.1),
// the latest board day or `?date=`; and of a saved search: /feeds/search.{rss,atom,json}?q=. With
// ETag/If-None-Match and public caching; and the feeds that hang off pages (page-feeds.ts: a paper's
// comments, a public reading list). Registered by web/app.ts, before the pages.

import { Hono } from 'hono';
import type { AppContext } from '../../context.js';
import { latestBoardDate, listBoard } from '../../store/paper-reads.js';
import { respondCached } from '../http-cache.js';
import { apiErrorHandler } from '../json-error.js';
import { publicReadCors } from '../public-cors.js';
import { parseModeParam, parsePeriodParams, requireSearchText } from '../query.js';
import { type SiteInfo, siteInfo } from '../site.js';
import { buildPaperFeed, FEED_FORMATS, type PaperFeed } from './build-feed.js';
import { registerPageFeedRoutes } from './page-feeds.js';
import { FEED_CONTENT_TYPES, renderFeed } from './render-feed.js';
import { searchFeed } from './search-feed.js';

/** A day rarely has more than ~50 papers; the cap keeps a runaway import from making huge feeds. */
export const FEED_MAX_ITEMS = 200;

/** The board page a daily feed mirrors. */
function boardPageUrl(site: SiteInfo, date: string | undefined): string {
  return date ? `${site.baseUrl}/date/${date}` : `${site.baseUrl}/`;
}

async function dailyFeed(
  ctx: AppContext,
  site: SiteInfo,
  requestedDate: string | undefined,
): Promise<PaperFeed> {
  const db = ctx.database.db;
  const date = requestedDate ?? (await latestBoardDate(db));
  const papers = date
    ? (await listBoard(db, { from: date, to: date, limit: FEED_MAX_ITEMS, offset: 0 })).items
    : [];
  return buildPaperFeed(papers, site, {
    title: requestedDate
      ? `${site.siteName}: daily papers of ${requestedDate}`
      : `${site.siteName}: daily papers`,
    description: `Papers on the ${site.siteName} daily board${date ? ` of ${date}` : ''}, most upvoted first.`,
    path: '/feeds/daily',
    query: requestedDate ? new URLSearchParams({ date: requestedDate }) : undefined,
    homeUrl: boardPageUrl(site, requestedDate),
    emptyUpdated: date ? new Date(`${date}T00:00:00Z`) : ctx.now(),
  });
}

/** Papers in a trending feed (and on /trending). */
export const TRENDING_FEED_ITEMS = 50;

async function trendingFeed(ctx: AppContext, site: SiteInfo): Promise<PaperFeed> {
  const papers = (
    await listBoard(ctx.database.db, { limit: TRENDING_FEED_ITEMS, offset: 0, order: 'trending' })
  ).items;
  return buildPaperFeed(papers, site, {
    title: `${site.siteName}: trending papers`,
    description: `The papers trending on ${site.siteName}: upvotes weighed against how recently they were put on the board.`,
    path: '/feeds/trending',
    homeUrl: `${site.baseUrl}/trending`,
    emptyUpdated: ctx.now(),
  });
}

export function registerFeedRoutes(app: Hono, ctx: AppContext): void {
  const feeds = new Hono();
  const site = siteInfo(ctx.config);
  feeds.use('*', publicReadCors);
  feeds.onError(apiErrorHandler(ctx.log));
  for (const format of FEED_FORMATS) {
    feeds.get(`/daily.${format}`, async (c) => {
      const period = parsePeriodParams(c.req.queries(), ['date']);
      const feed = await dailyFeed(ctx, site, period?.from);
      return respondCached(c, renderFeed(feed, format), FEED_CONTENT_TYPES[format]);
    });
    feeds.get(`/trending.${format}`, async (c) => {
      const feed = await trendingFeed(ctx, site);
      return respondCached(c, renderFeed(feed, format), FEED_CONTENT_TYPES[format]);
    });
    feeds.get(`/search.${format}`, async (c) => {
      const query = c.req.queries();
      // A saved search is strict keyword unless the subscriber asked for a mode.
      const feed = await searchFeed(ctx, site, requireSearchText(query), parseModeParam(query, 'keyword'));
      return respondCached(c, renderFeed(feed, format), FEED_CONTENT_TYPES[format]);
    });
  }
  app.route('/feeds', feeds);
  registerPageFeedRoutes(app, ctx);
}
