// Feeds that belong to a page rather than to /feeds: a paper's comments at
// /papers/:id/comments.{rss,atom,json} and a public reading list's papers at
// /collections/:id/papers.{rss,atom,json}. Feed readers carry no session, so a private list has no
// feed (404, as for anyone who may not see it). Registered by feeds/routes.ts, before the paper
// page's `/papers/:id{.+}` route, which would otherwise take `…/comments.rss` for a paper id.

import { Hono } from 'hono';
import type { AppContext } from '../../context.js';
import { invalid, notFound } from '../../lib/errors.js';
import { parseArxivId } from '../../model/arxiv-id.js';
import { canViewCollection, MAX_COLLECTION_PAPERS, parseCollectionId } from '../../model/collection.js';
import { getCollection, listCollectionPapers } from '../../store/collections.js';
import { listComments } from '../../store/comments.js';
import { getPaper } from '../../store/paper-reads.js';
import { errorHandler } from '../../web/error-mapper.js';
import { respondCached } from '../http-cache.js';
import { publicReadCors } from '../public-cors.js';
import { siteInfo } from '../site.js';
import { FEED_FORMATS } from './build-feed.js';
import { buildCollectionFeed } from './collection-feed.js';
import { buildCommentFeed } from './comment-feed.js';
import { FEED_CONTENT_TYPES, renderFeed, renderItemFeed } from './render-feed.js';

export function registerPageFeedRoutes(app: Hono, ctx: AppContext): void {
  // A sub-app for its JSON error answers, like /feeds; CORS per route, since a `*` middleware here
  // would reach every page once mounted at the root.
  const feeds = new Hono();
  const site = siteInfo(ctx.config);
  const db = ctx.database.db;
  feeds.onError(errorHandler(ctx, 'json'));
  for (const format of FEED_FORMATS) {
    feeds.get(`/papers/:id{.+}/comments.${format}`, publicReadCors, async (c) => {
      const requested = c.req.param('id');
      const parsed = parseArxivId(requested);
      if (!parsed) throw invalid(`not an arXiv identifier: ${JSON.stringify(requested.slice(0, 80))}`);
      if (parsed.id !== requested) return c.redirect(`/papers/${parsed.id}/comments.${format}`, 301);
      const paper = await getPaper(db, parsed.id);
      if (!paper) throw notFound(`arXiv:${parsed.id} is not on ${site.siteName}`);
      const feed = buildCommentFeed(paper, await listComments(db, paper.id), site);
      return respondCached(c, renderItemFeed(feed.head, feed.items, format), FEED_CONTENT_TYPES[format]);
    });
    feeds.get(`/collections/:id/papers.${format}`, publicReadCors, async (c) => {
      const id = parseCollectionId(c.req.param('id'));
      const collection = id === undefined ? undefined : await getCollection(db, id);
      if (!collection || !canViewCollection(undefined, collection)) {
        throw notFound('there is no public reading list with that id');
      }
      const entries = await listCollectionPapers(db, collection.id, MAX_COLLECTION_PAPERS);
      const feed = buildCollectionFeed(collection, entries, site);
      return respondCached(c, renderFeed(feed, format), FEED_CONTENT_TYPES[format]);
    });
  }
  app.route('/', feeds);
}
