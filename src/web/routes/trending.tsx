// /trending: the whole board by trending score (model/trending.ts), paged with `?p=` (0-based) at the
// board's page size; its first page leads the trending feeds' list.

import type { Hono } from 'hono';
import type { AppContext } from '../../context.js';
import { listBoard } from '../../store/paper-reads.js';
import { requireQuery } from '../form.js';
import { PageQuery } from '../forms/queries.js';
import { missingPageMessage } from '../params.js';
import { renderError, renderPage } from '../render.js';
import { viewerVotes } from '../viewer-votes.js';
import { pageCountOf } from '../views/pagination.js';
import { TrendingPage } from '../views/trending-page.js';

export function registerTrendingRoutes(app: Hono, ctx: AppContext): void {
  app.get('/trending', async (c) => {
    const { p: page } = await requireQuery(c, PageQuery);
    const size = ctx.config.boardPageSize;
    const { items, total } = await listBoard(ctx.database.db, {
      limit: size,
      offset: page * size,
      order: 'trending',
    });
    const pageCount = pageCountOf(total, size);
    if (page >= pageCount) {
      return renderError(c, ctx, 404, missingPageMessage('Trending', pageCount, page));
    }
    const votedIds = await viewerVotes(c, ctx, items);
    return renderPage(
      c,
      <TrendingPage
        site={c.var.site}
        papers={items}
        votedIds={votedIds}
        total={total}
        page={page}
        pageSize={size}
        pageCount={pageCount}
      />,
    );
  });
}
