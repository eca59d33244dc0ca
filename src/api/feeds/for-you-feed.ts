// A reader's private "For you" feed: /feeds/for-you/<secret>.{rss,atom,json}, the week's (or with
// `?period=day|month` the day's or month's) recommendations. Feed readers carry no session, so the
// secret in the URL is the credential; the database keeps only its hash (store/reader-feed-tokens.ts)
// and a rotated secret answers 404 like one never made. Never cached by anyone: it is one reader's.

import type { Hono } from 'hono';
import { z } from 'zod';
import { hashSecret } from '../../accounts/secrets.js';
import type { AppContext } from '../../context.js';
import { notFound } from '../../lib/errors.js';
import type { PeriodKind } from '../../model/board-period.js';
import { findFeedTokenUser } from '../../store/reader-feed-tokens.js';
import { forYouPapers } from '../for-you-papers.js';
import { type OperationTable, operationsOn } from '../operation.js';
import { JsonFeed } from '../schemas/meta.js';
import { ForYouFeedParams, ForYouFeedQuery } from '../schemas/recommendations.js';
import type { SiteInfo } from '../site.js';
import { buildPaperFeed } from './build-feed.js';
import { FEED_CONTENT_TYPES, renderFeed } from './render-feed.js';

/** Recommendations in one feed: a week's worth a reader can skim. */
export const FOR_YOU_FEED_ITEMS = 50;

const PERIOD_WORDS: Record<PeriodKind, string> = { day: 'today', week: 'this week', month: 'this month' };

export function forYouFeedPath(secret: string): string {
  return `/feeds/for-you/${secret}`;
}

/** Mounted on the /feeds sub-app (feeds/routes.ts). */
export function registerForYouFeedRoutes(
  feeds: Hono,
  ctx: AppContext,
  site: SiteInfo,
  operations: OperationTable,
): void {
  operationsOn(
    feeds,
    '/feeds',
    ctx,
    operations,
  )(
    {
      method: 'get',
      path: '/feeds/for-you/:file',
      operationId: 'getForYouFeed',
      summary: 'A reader\'s private "For you" feed (RSS, Atom or JSON Feed)',
      description:
        'The URL is made (and rotated) on /account/recommendations. A rotated or unknown secret answers 404. Never cached.',
      tags: ['feeds'],
      // The secret URL is the credential, as feed readers send nothing else.
      security: 'public',
      params: ForYouFeedParams,
      query: ForYouFeedQuery,
      answers: {
        '200': {
          description: 'The feed.',
          content: {
            'application/rss+xml': z.string(),
            'application/atom+xml': z.string(),
            'application/feed+json': JsonFeed,
          },
        },
        '404': 'NotFound',
      },
    },
    async (c, { params, query }) => {
      const { secret, format } = params.file;
      const userId = await findFeedTokenUser(ctx.database.db, hashSecret(secret));
      if (userId === undefined) throw notFound('there is no such feed');
      const recs = await forYouPapers(ctx, userId, query.period, FOR_YOU_FEED_ITEMS);
      const feed = buildPaperFeed(
        recs.items.map((i) => i.paper),
        site,
        {
          title: `${site.siteName}: for you ${PERIOD_WORDS[query.period]}`,
          description: `Papers picked for one reader from their lists, upvotes, follows and feedback on ${site.siteName}.`,
          path: forYouFeedPath(secret),
          homeUrl: `${site.baseUrl}/for-you`,
          emptyUpdated: ctx.now(),
        },
      );
      c.header('Cache-Control', 'private, no-store');
      c.header('X-Robots-Tag', 'noindex');
      return c.body(renderFeed(feed, format), 200, { 'Content-Type': FEED_CONTENT_TYPES[format] });
    },
  );
}
