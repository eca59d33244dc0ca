// Feeds of the board: /feeds/daily.rss (RSS 2.0), .atom (Atom 1.0) and .json (JSON Feed 1.1), the
// latest board day or `?date=`; /feeds/weekly.* (`?week=`) and /feeds/monthly.* (`?month=`); and of a saved search: /feeds/search.{rss,atom,json}?q=. With
// ETag/If-None-Match and public caching; and the feeds that hang off pages (page-feeds.ts: a paper's
// comments, a public reading list). Registered by web/app.ts, before the pages.

import { Hono } from 'hono';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { type BoardPeriod, type PeriodKind, periodContaining } from '../../model/board-period.js';
import { latestBoardDate, listBoard } from '../../store/paper-reads.js';
import { respondCached } from '../http-cache.js';
import { type Answer, type OperationTable, operationsOn } from '../operation.js';
import { publicReadCors } from '../public-cors.js';
import { PERIOD_PARAM } from '../schemas/fields.js';
import { JsonFeed } from '../schemas/meta.js';
import { boardFeedQuery, SearchFeedQuery } from '../schemas/queries.js';
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

type FeedFormat = (typeof FEED_FORMATS)[number];

const FORMAT_NAMES: Record<FeedFormat, string> = { rss: 'RSS 2.0', atom: 'Atom 1.0', json: 'JSON Feed 1.1' };

/** What a feed answers: the document in its format, with the ETag it can be revalidated by. */
function feedAnswers(format: FeedFormat): Record<string, Answer> {
  return {
    '200': {
      description: `The feed (${FORMAT_NAMES[format]}).`,
      mediaType: FEED_CONTENT_TYPES[format].split(';')[0] ?? FEED_CONTENT_TYPES[format],
      schema: format === 'json' ? JsonFeed : z.string(),
      headers: {
        ETag: { description: 'Hash of the body; send it back in If-None-Match.', schema: { type: 'string' } },
        'Cache-Control': { description: '`public, max-age=300`.', schema: { type: 'string' } },
      },
    },
    '304': { description: 'Not modified (If-None-Match matched the ETag).' },
  };
}

const FEED_SUMMARIES: Record<
  PeriodKind | 'trending' | 'search',
  [name: string, summary: string, description: string]
> = {
  day: ['Daily', 'Daily board', 'Papers of the latest board day (or `date`), most upvoted first.'],
  week: [
    'Weekly',
    'Weekly board',
    'Papers of the ISO week of the latest board day (or `week`), most upvoted first.',
  ],
  month: [
    'Monthly',
    'Monthly board',
    'Papers of the month of the latest board day (or `month`), most upvoted first.',
  ],
  trending: [
    'Trending',
    'Trending board',
    'The 50 papers with the highest trending score (as on /trending).',
  ],
  search: [
    'Search',
    'A saved search',
    'The 50 newest papers (by arXiv publication date) matching `q` exactly, as on /search?sort=date; ' +
      'with `mode=semantic` or `hybrid`, the 50 best matches by meaning, newest first. `mode` defaults ' +
      'to keyword here.',
  ],
};

function feedOperation(kind: keyof typeof FEED_SUMMARIES, path: string, format: FeedFormat) {
  const [name, summary, description] = FEED_SUMMARIES[kind];
  return {
    method: 'get' as const,
    path: `${path}.${format}`,
    operationId: `get${name}Feed${FORMAT_NAMES[format].replace(/\W/g, '')}`,
    summary: `${summary} as ${FORMAT_NAMES[format]}`,
    description: `${description} Item links and ids are \`{baseUrl}/papers/{id}\`; titles keep LaTeX source text.`,
    tags: ['feeds' as const],
    security: 'public' as const,
    answers: feedAnswers(format),
  };
}

export function registerFeedRoutes(app: Hono, ctx: AppContext, operations: OperationTable): void {
  const feeds = new Hono();
  const site = siteInfo(ctx.config);
  const route = operationsOn(feeds, '/feeds', ctx, operations);
  feeds.use('*', publicReadCors);
  for (const format of FEED_FORMATS) {
    for (const kind of ['day', 'week', 'month'] as const) {
      route(
        { ...feedOperation(kind, FEED_PATHS[kind], format), query: boardFeedQuery(kind) },
        async (c, { query }) => {
          const feed = await boardFeed(ctx, site, kind, query.period);
          return respondCached(c, renderFeed(feed, format), FEED_CONTENT_TYPES[format]);
        },
      );
    }
    route(feedOperation('trending', '/feeds/trending', format), async (c) => {
      const feed = await trendingFeed(ctx, site);
      return respondCached(c, renderFeed(feed, format), FEED_CONTENT_TYPES[format]);
    });
    route(
      { ...feedOperation('search', '/feeds/search', format), query: SearchFeedQuery },
      async (c, { query }) => {
        const feed = await searchFeed(ctx, site, query.q, query.mode);
        return respondCached(c, renderFeed(feed, format), FEED_CONTENT_TYPES[format]);
      },
    );
  }
  registerForYouFeedRoutes(feeds, ctx, site, operations);
  app.route('/feeds', feeds);
  registerPageFeedRoutes(app, ctx);
}
