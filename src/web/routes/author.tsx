// GET /authors/:name — papers by an author name through the search index's `au:"…"` phrase (strict:
// never relaxed to a single word of the name), newest first: the same list as its /feeds/search.* feed,
// paged with `?p=` (0-based) at the boards' page size. A name no paper lists is a 404, like any missing page.

import type { Hono } from 'hono';
import { newestExactMatches } from '../../api/feeds/search-feed.js';
import type { AppContext } from '../../context.js';
import { requireQuery } from '../form.js';
import { PageQuery } from '../forms/queries.js';
import { missingPageMessage } from '../params.js';
import { renderError, renderPage } from '../render.js';
import { viewerVotes } from '../viewer-votes.js';
import { AuthorPage } from '../views/author-page.js';
import { pageCountOf } from '../views/pagination.js';

/** The author query for a name: quotes cannot be part of a phrase, so they become spaces. */
export function authorQuery(name: string): string {
  return `au:"${name.replace(/"/g, ' ').replace(/\s+/g, ' ').trim()}"`;
}

export function registerAuthorRoutes(app: Hono, ctx: AppContext): void {
  app.get('/authors/:name', async (c) => {
    const name = c.req.param('name').replace(/\s+/g, ' ').trim();
    if (name === '' || name.length > 200 || !/\p{L}/u.test(name)) {
      return renderError(c, ctx, 400, 'An author name has letters and at most 200 characters.');
    }
    const { p: page } = await requireQuery(c, PageQuery);
    const query = authorQuery(name);
    const size = ctx.config.boardPageSize;
    const { papers, total } = await newestExactMatches(ctx, query, size, page * size);
    if (total === 0) {
      return renderError(c, ctx, 404, `No paper on ${ctx.config.siteName} lists ${name} as an author.`, {
        href: `/search?${new URLSearchParams({ q: name })}`,
        label: `Search for “${name}” instead`,
      });
    }
    const pageCount = pageCountOf(total, size);
    if (page >= pageCount)
      return renderError(c, ctx, 404, missingPageMessage(`${name}’s list`, pageCount, page));
    return renderPage(
      c,
      <AuthorPage
        site={c.var.site}
        name={name}
        query={query}
        papers={papers}
        total={total}
        page={page}
        pageSize={size}
        pageCount={pageCount}
        votedIds={await viewerVotes(c, ctx, papers)}
      />,
      200,
    );
  });
}
