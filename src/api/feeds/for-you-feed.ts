// A reader's private "For you" feed: /feeds/for-you/<secret>.{rss,atom,json}, the week's (or with
// `?period=day|month` the day's or month's) recommendations. Feed readers carry no session, so the
// secret in the URL is the credential; the database keeps only its hash (store/reader-feed-tokens.ts)
// and a rotated secret answers 404 like one never made. Never cached by anyone: it is one reader's.

import type { Hono } from 'hono';
import { hashSecret } from '../../accounts/secrets.js';
import type { AppContext } from '../../context.js';
import { invalid, notFound } from '../../lib/errors.js';
import type { PeriodKind } from '../../model/board-period.js';
import { findFeedTokenUser } from '../../store/reader-feed-tokens.js';
import { forYouPapers } from '../for-you-papers.js';
import type { SiteInfo } from '../site.js';
import { buildPaperFeed, type FeedFormat } from './build-feed.js';
import { FEED_CONTENT_TYPES, renderFeed } from './render-feed.js';

/** Recommendations in one feed: a week's worth a reader can skim. */
export const FOR_YOU_FEED_ITEMS = 50;

/** newSecret()'s shape: 32 random bytes as base64url. Anything else is not a feed of ours. */
const SECRET = /^[A-Za-z0-9_-]{43}$/;

const PERIOD_WORDS: Record<PeriodKind, string> = { day: 'today', week: 'this week', month: 'this month' };

export function forYouFeedPath(secret: string): string {
  return `/feeds/for-you/${secret}`;
}

/** Mounted on the /feeds sub-app (feeds/routes.ts). */
export function registerForYouFeedRoutes(feeds: Hono, ctx: AppContext, site: SiteInfo): void {
  feeds.get('/for-you/:file', async (c) => {
    const match = /^(.+)\.(rss|atom|json)$/.exec(c.req.param('file'));
    if (!match || !SECRET.test(match[1] as string)) throw notFound('there is no such feed');
    const [, secret, format] = match as unknown as [string, string, FeedFormat];
    const periodText = c.req.query('period') ?? 'week';
    if (periodText !== 'day' && periodText !== 'week' && periodText !== 'month') {
      throw invalid('period must be day, week or month');
    }
    const userId = await findFeedTokenUser(ctx.database.db, hashSecret(secret));
    if (userId === undefined) throw notFound('there is no such feed');
    const recs = await forYouPapers(ctx, userId, periodText, FOR_YOU_FEED_ITEMS);
    const feed = buildPaperFeed(
      recs.items.map((i) => i.paper),
      site,
      {
        title: `${site.siteName}: for you ${PERIOD_WORDS[periodText]}`,
        description: `Papers picked for one reader from their lists, upvotes, follows and feedback on ${site.siteName}.`,
        path: forYouFeedPath(secret),
        homeUrl: `${site.baseUrl}/for-you`,
        emptyUpdated: ctx.now(),
      },
    );
    c.header('Cache-Control', 'private, no-store');
    c.header('X-Robots-Tag', 'noindex');
    return c.body(renderFeed(feed, format), 200, { 'Content-Type': FEED_CONTENT_TYPES[format] });
  });
}
