// The public read API under /api, shaped like Hugging Face's papers API: daily_papers, papers (all,
// newest first, by cursor), papers/search, papers/{id}, papers/{id}/similar, a reading list
// (collections/{id}) and the OpenAPI document; the token API's writes come from write-routes.ts and
// collection-write-routes.ts. A sub-app with its own error handler and fallback keeps every /api
// answer JSON, whatever the page routes do. Registered by web/app.ts.

import { type Context, Hono } from 'hono';
import type { AppContext } from '../context.js';
import { invalid, notFound } from '../lib/errors.js';
import { parseArxivId } from '../model/arxiv-id.js';
import { periodContaining } from '../model/board-period.js';
import { canViewCollection, MAX_COLLECTION_PAPERS, parseCollectionId } from '../model/collection.js';
import { readSimilarPapers, SIMILAR_PENDING_RECHECK_MS } from '../search/similar-lists.js';
import { getCollection, listCollectionPapers } from '../store/collections.js';
import { getPapersByIds } from '../store/paper-lookups.js';
import { getPaper, latestBoardDate, listBoard, type PaperView } from '../store/paper-reads.js';
import { listPapersByPublished } from '../store/paper-timeline.js';
import { keepBriefly } from '../web/render-cache/cache-hints.js';
import { toCollectionJson } from './collection-shape.js';
import { registerCollectionWriteRoutes } from './collection-write-routes.js';
import { toHfSearchResult, toSimilarPaperItem } from './hf-search-shape.js';
import { toHfDailyPaper, toPaperDetail } from './hf-shape.js';
import { apiErrorHandler, jsonError } from './json-error.js';
import { buildOpenApiDocument } from './openapi.js';
import { publicReadCors } from './public-cors.js';
import {
  encodeCursor,
  parseDailyPapersQuery,
  parsePapersListQuery,
  parseSearchApiQuery,
  parseSimilarLimit,
} from './query.js';
import { registerRecommendationRoutes } from './recommendation-routes.js';
import { siteInfo } from './site.js';
import { requireToken } from './token-auth.js';
import { registerWriteRoutes } from './write-routes.js';

export function registerApiRoutes(app: Hono, ctx: AppContext): void {
  const api = new Hono();
  const site = siteInfo(ctx.config);
  const db = ctx.database.db;
  api.use('*', publicReadCors);
  api.onError(apiErrorHandler(ctx.log));

  // Like HF: no period means the latest board day, sorted by upvotes; `p` is a zero-based page.
  // sort=trending without a period ranks the whole board by trending score (model/trending.ts), and
  // `submitter` without one lists everything that person put on the board.
  api.get('/daily_papers', async (c) => {
    const query = parseDailyPapersQuery(c.req.queries());
    const isWholeBoard = !query.period && (query.sort === 'trending' || query.submitter !== undefined);
    const latest = query.period || isWholeBoard ? undefined : await latestBoardDate(db);
    const period = query.period ?? (latest ? periodContaining('day', latest) : undefined);
    if (!period && !isWholeBoard) return c.json([]);
    const page = await listBoard(db, {
      ...(period ? { from: period.from, to: period.to } : {}),
      limit: query.limit,
      offset: query.page * query.limit,
      order: query.sort,
      ...(query.submitter !== undefined ? { submitter: query.submitter } : {}),
    });
    c.header('X-Total-Count', String(page.total));
    return c.json(page.items.map((paper) => toHfDailyPaper(paper, site)));
  });

  // Every paper, newest arXiv publication first (HF's `GET /api/papers?cursor=&limit=`). The next
  // page's URL is in the Link header, the pagination huggingface_hub's `paginate` follows; it is built
  // on the URL this request came to, so it works whatever BASE_URL says.
  api.get('/papers', async (c) => {
    const query = parsePapersListQuery(c.req.queries());
    const page = await listPapersByPublished(db, query);
    if (page.next) {
      const next = new URL(c.req.url);
      next.searchParams.set('cursor', encodeCursor(page.next));
      next.searchParams.set('limit', String(query.limit));
      c.header('Link', `<${next.href}>; rel="next"`);
    }
    return c.json(page.items.map((paper) => toPaperDetail(paper, site)));
  });

  // Like HF's search: relevance order, the whole abstract highlighted; `mode` as on /search, and the
  // mode used in X-Search-Mode (hybrid by default for plain language). Registered before
  // `/papers/:id{.+}`, which would otherwise take "search" for a paper id.
  api.get('/papers/search', async (c) => {
    const query = parseSearchApiQuery(c.req.queries());
    const page = await ctx.search.search({
      q: query.q,
      sort: 'relevance',
      limit: query.limit,
      offset: 0,
      isFullAbstract: true,
      mode: query.mode,
    });
    const papers = byId(
      await getPapersByIds(
        db,
        page.hits.map((hit) => hit.id),
      ),
    );
    c.header('X-Total-Count', String(page.total));
    c.header('X-Search-Mode', page.mode);
    return c.json(
      page.hits.flatMap((hit) => {
        const paper = papers.get(hit.id);
        return paper ? [toHfSearchResult(paper, hit)] : [];
      }),
    );
  });

  // `{.+}` so old-style ids with a slash (hep-th/9901001) reach the handlers whole; the similar
  // route comes first because the paper route's pattern also matches `…/similar`.
  const findPaper = async (raw: string) => {
    const parsed = parseArxivId(raw);
    if (!parsed) throw invalid(`not an arXiv identifier: ${JSON.stringify(raw.slice(0, 80))}`);
    const paper = await getPaper(db, parsed.id);
    if (!paper) throw notFound(`no paper ${parsed.id}`);
    return paper;
  };

  api.get('/papers/:id{.+}/similar', async (c) => {
    const limit = parseSimilarLimit(c.req.queries());
    const paper = await findPaper(c.req.param('id'));
    const { similar, isPending } = await readSimilarPapers(ctx, paper, limit);
    // Empty until the similar-papers job stores the list (requested now, within its interval).
    if (isPending) keepBriefly(c, SIMILAR_PENDING_RECHECK_MS);
    return c.json(similar.map((s) => toSimilarPaperItem(s.paper, s.score)));
  });

  api.get('/papers/:id{.+}', async (c) => {
    const paper = await findPaper(c.req.param('id'));
    return c.json(toPaperDetail(paper, site));
  });

  // A private list answers only its owner (signed in on this site: the CORS policy sends no cookies
  // cross-origin), and is never stored by caches; others get the 404 of a list that does not exist.
  api.get('/collections/:id', async (c) => {
    const raw = c.req.param('id');
    const id = parseCollectionId(raw);
    if (id === undefined)
      throw invalid(`collection id must be a positive number, not ${JSON.stringify(raw.slice(0, 80))}`);
    const collection = await getCollection(db, id);
    // A token (if sent) says who is reading, as for HF's get_collection; otherwise the session cookie.
    const viewer = c.req.header('authorization') ? await requireToken(c, ctx, 'read') : c.get('viewer');
    if (!collection || !canViewCollection(viewer, collection)) throw notFound(`no collection ${id}`);
    if (!collection.isPublic) c.header('Cache-Control', 'private, no-store');
    const entries = await listCollectionPapers(db, collection.id, MAX_COLLECTION_PAPERS);
    return c.json(toCollectionJson(collection, entries, site));
  });

  registerWriteRoutes(api, ctx);
  registerCollectionWriteRoutes(api, ctx);
  registerRecommendationRoutes(api, ctx, site);

  const openApi = buildOpenApiDocument(site);
  api.get('/openapi.json', (c) => c.json(openApi));

  api.all('*', (c: Context) =>
    jsonError(c, 404, 'not_found', `no API endpoint ${c.req.method} ${c.req.path}`),
  );
  app.route('/api', api);
}

function byId(papers: PaperView[]): Map<number, PaperView> {
  return new Map(papers.map((paper) => [paper.id, paper]));
}
