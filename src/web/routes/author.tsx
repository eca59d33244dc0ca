// GET /authors/:name — papers by an author name through the search index's `au:"…"` phrase (strict:
// never relaxed to a single word of the name), newest first: the same list as its /feeds/search.* feed.

import type { Hono } from 'hono';
import { newestExactMatches } from '../../api/feeds/search-feed.js';
import type { AppContext } from '../../context.js';
import { renderError, renderPage, siteFor } from '../render.js';
import { viewerVotes } from '../viewer-votes.js';
import { AuthorPage } from '../views/author-page.js';

export const AUTHOR_PAGE_SIZE = 50;

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
    const query = authorQuery(name);
    const { papers, total } = await newestExactMatches(ctx, query, AUTHOR_PAGE_SIZE);
    return renderPage(
      c,
      <AuthorPage
        site={siteFor(c, ctx)}
        name={name}
        query={query}
        papers={papers}
        total={total}
        votedIds={await viewerVotes(c, ctx, papers)}
      />,
      200,
    );
  });
}
