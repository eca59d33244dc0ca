// /trending: the whole board by trending score (model/trending.ts), the same list as the trending feeds.

import type { Hono } from 'hono';
import { TRENDING_FEED_ITEMS } from '../../api/feeds/routes.js';
import type { AppContext } from '../../context.js';
import { listBoard } from '../../store/paper-reads.js';
import { renderPage, siteFor } from '../render.js';
import { viewerVotes } from '../viewer-votes.js';
import { TrendingPage } from '../views/trending-page.js';

export function registerTrendingRoutes(app: Hono, ctx: AppContext): void {
  app.get('/trending', async (c) => {
    const { items } = await listBoard(ctx.database.db, {
      limit: TRENDING_FEED_ITEMS,
      offset: 0,
      order: 'trending',
    });
    const votedIds = await viewerVotes(c, ctx, items);
    return renderPage(c, <TrendingPage site={siteFor(c, ctx)} papers={items} votedIds={votedIds} />);
  });
}
