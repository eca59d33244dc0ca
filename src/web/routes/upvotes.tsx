// /users/:username/upvotes: a reader's own upvoted papers, paged with `?p=` (0-based) at the board's
// page size. Anyone else is told it is private; an anonymous reader is offered to sign in.

import type { Hono } from 'hono';
import type { AppContext } from '../../context.js';
import { getPapersByIds } from '../../store/paper-lookups.js';
import { listUpvotedPaperIds } from '../../store/votes.js';
import { requireQuery } from '../form.js';
import { PageQuery } from '../forms/queries.js';
import { missingPageMessage } from '../params.js';
import { renderError, renderPage } from '../render.js';
import { signInHref } from '../return-path.js';
import { pageCountOf } from '../views/pagination.js';
import { UpvotesPage } from '../views/upvotes-page.js';

export function registerUpvoteRoutes(app: Hono, ctx: AppContext): void {
  app.get('/users/:username/upvotes', async (c) => {
    const viewer = c.get('viewer');
    if (!viewer) {
      const here = `${c.req.path}`;
      return renderError(c, ctx, 403, 'Sign in to see your upvoted papers.', {
        href: signInHref(here, 'page'),
        label: 'Sign in',
      });
    }
    if (viewer.username !== c.req.param('username')) {
      return renderError(c, ctx, 403, "A reader's upvotes are private: only they can see this list.");
    }
    const { p: page } = await requireQuery(c, PageQuery);
    const db = ctx.database.db;
    const size = ctx.config.boardPageSize;
    const { ids, total } = await listUpvotedPaperIds(db, viewer.id, { limit: size, offset: page * size });
    const pageCount = pageCountOf(total, size);
    if (page >= pageCount) {
      return renderError(c, ctx, 404, missingPageMessage('Your upvoted papers', pageCount, page));
    }
    return renderPage(
      c,
      <UpvotesPage
        site={c.var.site}
        user={viewer}
        papers={await getPapersByIds(db, ids)}
        total={total}
        page={page}
        pageSize={size}
        pageCount={pageCount}
      />,
    );
  });
}
