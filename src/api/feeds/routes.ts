// Feeds of the board: /feeds/daily.rss (RSS 2.0), .atom (Atom 1.0) and .json (JSON Feed 1.1), the
// latest board day or `?date=`; /feeds/weekly.* (`?week=`) and /feeds/monthly.* (`?month=`); and of a saved search: /feeds/search.{rss,atom,json}?q=. With
// ETag/If-None-Match and public caching; and the feeds that hang off pages (page-feeds.ts: a paper's
// comments, a public reading list). Registered by web/app.ts, before the pages.

import { Hono } from 'hono';
import type { AppContext } from '../../context.js';
import { type BoardPeriod, type PeriodKind, periodContaining } from '../../model/board-period.js';
import { latestBoardDate, listBoard } from '../../store/paper-reads.js';
import { respondCached } from '../http-cache.js';
import { apiErrorHandler } from '../json-error.js';
import { publicReadCors } from '../public-cors.js';
import { parseModeParam, parsePeriodParams, requireSearchText } from '../query.js';
import { type SiteInfo, siteInfo } from '../site.js';
import { buildPaperFeed, FEED_FORMATS, type PaperFeed } from './build-feed.js';
import { registerForYouFeedRoutes } from './for-you-feed.js';
import { registerPageFeedRoutes } from './page-feeds.js';
import { FEED_CONTENT_TYPES, renderFeed } from './render-feed.js';
import { searchFeed } from './search-feed.js';

/** A day rarely has more than ~50 papers; the cap keeps a month (or a runaway import) in bounds. */
export const FEED_MAX_ITEMS = 200;

const FEED_PATHS: Record<PeriodKind, string> = {
  day: '/feeds/daily',
  week: '/feeds/weekly',
  month: '/feeds/monthly',
};

/** The parameter that picks a period, as on the API (`date`, `week`, `month`). */
const PERIOD_PARAM: Record<PeriodKind, string> = { day: 'date', week: 'week', month: 'month' };

const PERIOD_WORDS: Record<PeriodKind, string> = { day: 'daily', week: 'weekly', month: 'monthly' };

const BOARD_PREFIX: Record<PeriodKind, string> = { day: '/date', week: '/week', month: '/month' };

/**
 * The board of a day, an ISO week or a month: the requested one, else the one holding the latest
 * board date. The feed mirrors that board's page (`/`, `/week/2026-W34`, `/month/2026-08`).
 */
async function boardFeed(
  ctx: AppContext,
  site: SiteInfo,
  kind: PeriodKind,
  requested: BoardPeriod | undefined,
): Promise<PaperFeed> {
  const db = ctx.database.db;
  const latest = requested ? undefined : await latestBoardDate(db);
  const period = requested ?? (latest ? periodContaining(kind, latest) : undefined);
  const papers = period
    ? (await listBoard(db, { from: period.from, to: period.to, limit: FEED_MAX_ITEMS, offset: 0 })).items
    : [];
  const words = PERIOD_WORDS[kind];
  const homeUrl =
    period && (requested || kind !== 'day')
      ? `${site.baseUrl}${BOARD_PREFIX[kind]}/${period.label}`
      : `${site.baseUrl}/`;
  return buildPaperFeed(papers, site, {
    title: requested
      ? `${site.siteName}: ${words} papers of ${requested.label}`
      : `${site.siteName}: ${words} papers`,
    description: `Papers on the ${site.siteName} ${words} board${period ? ` of ${period.label}` : ''}, most upvoted first.`,
    path: FEED_PATHS[kind],
    query: requested ? new URLSearchParams({ [PERIOD_PARAM[kind]]: requested.label }) : undefined,
    homeUrl,
    emptyUpdated: period ? new Date(`${period.from}T00:00:00Z`) : ctx.now(),
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
    for (const kind of ['day', 'week', 'month'] as const) {
      feeds.get(`${FEED_PATHS[kind].replace('/feeds', '')}.${format}`, async (c) => {
        const period = parsePeriodParams(c.req.queries(), [PERIOD_PARAM[kind]]);
        const feed = await boardFeed(ctx, site, kind, period);
        return respondCached(c, renderFeed(feed, format), FEED_CONTENT_TYPES[format]);
      });
    }
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
  registerForYouFeedRoutes(feeds, ctx, site);
  app.route('/feeds', feeds);
  registerPageFeedRoutes(app, ctx);
}
