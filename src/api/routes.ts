// The public read API under /api, shaped like Hugging Face's papers API: daily_papers, papers (all,
// newest first, by cursor), papers/search, papers/{id}, papers/{id}/similar, a reading list
// (collections/{id}) and the OpenAPI document; the token API's writes come from write-routes.ts and
// collection-write-routes.ts. Each is an operation (operation.ts): its schemas validate the request
// and write the document. A sub-app with its own fallback keeps every /api answer JSON; errors go to
// the app's one error mapper (web/error-mapper.ts), which answers JSON here. Registered by web/app.ts.

import { type Context, Hono } from 'hono';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { notFound } from '../lib/errors.js';
import { periodContaining } from '../model/board-period.js';
import { canViewCollection, MAX_COLLECTION_PAPERS } from '../model/collection.js';
import { searchPapers } from '../search/search-papers.js';
import { readSimilarPapers, SIMILAR_PENDING_RECHECK_MS } from '../search/similar-lists.js';
import { getCollection, listCollectionPapers } from '../store/collections.js';
import { getPaper, latestBoardDate, listBoard } from '../store/paper-reads.js';
import { listPapersByPublished } from '../store/paper-timeline.js';
import { keepBriefly } from '../web/render-cache/cache-hints.js';
import { toCollectionJson } from './collection-shape.js';
import { registerCollectionWriteRoutes } from './collection-write-routes.js';
import { toHfSearchResult, toSimilarPaperItem } from './hf-search-shape.js';
import { toHfDailyPaper, toPaperDetail } from './hf-shape.js';
import { jsonError } from './json-error.js';
import { buildOpenApiDocument } from './openapi.js';
import { type OperationTable, operationsOn } from './operation.js';
import { publicReadCors } from './public-cors.js';
import { registerRecommendationRoutes } from './recommendation-routes.js';
import { CollectionJson } from './schemas/collections.js';
import { HfDailyPaper, HfSearchResult, PaperDetail, SimilarPaper } from './schemas/papers.js';
import {
  CollectionParams,
  DailyPapersQuery,
  encodeCursor,
  PaperParams,
  PapersListQuery,
  SearchQuery,
  SimilarQuery,
} from './schemas/queries.js';
import { siteInfo } from './site.js';
import { requireToken } from './token-auth.js';
import { registerWriteRoutes } from './write-routes.js';

const TOTAL_COUNT = { description: 'Number of papers in the whole period.', schema: { type: 'integer' } };

export function registerApiRoutes(app: Hono, ctx: AppContext, operations: OperationTable): void {
  const api = new Hono();
  const site = siteInfo(ctx.config);
  const db = ctx.database.db;
  const route = operationsOn(api, '/api', ctx, operations);
  api.use('*', publicReadCors);

  // Like HF: no period means the latest board day, sorted by upvotes; `p` is a zero-based page.
  // sort=trending without a period ranks the whole board by trending score (model/trending.ts), and
  // `submitter` without one lists everything that person put on the board.
  route(
    {
      method: 'get',
      path: '/api/daily_papers',
      operationId: 'listDailyPapers',
      summary: 'Papers on the board for a day, ISO week or month',
      description:
        'Most upvoted first, or trending first with sort=trending. Give at most one of date, week, month.',
      tags: ['papers'],
      security: 'public',
      query: DailyPapersQuery,
      answers: {
        '200': {
          description: 'Board items (empty array for a period without papers).',
          headers: { 'X-Total-Count': TOTAL_COUNT },
          schema: z.array(HfDailyPaper),
        },
      },
    },
    async (c, { query }) => {
      const isWholeBoard = !query.period && (query.sort === 'trending' || query.submitter !== undefined);
      const latest = query.period || isWholeBoard ? undefined : await latestBoardDate(db);
      const period = query.period ?? (latest ? periodContaining('day', latest) : undefined);
      if (!period && !isWholeBoard) return c.json([]);
      const page = await listBoard(db, {
        ...(period ? { from: period.from, to: period.to } : {}),
        limit: query.limit,
        offset: query.p * query.limit,
        order: query.sort,
        ...(query.submitter !== undefined ? { submitter: query.submitter } : {}),
      });
      c.header('X-Total-Count', String(page.total));
      return c.json(page.items.map((paper) => toHfDailyPaper(paper, site)));
    },
  );

  // Every paper, newest arXiv publication first (HF's `GET /api/papers?cursor=&limit=`). The next
  // page's URL is in the Link header, the pagination huggingface_hub's `paginate` follows; it is built
  // on the URL this request came to, so it works whatever BASE_URL says.
  route(
    {
      method: 'get',
      path: '/api/papers',
      operationId: 'listPapers',
      summary: 'Every paper, newest arXiv publication first',
      description:
        'A page at a time, as on huggingface.co: the next page is the URL in the `Link` header ' +
        '(`rel="next"`), absent on the last page. Papers without a publication date come last.',
      tags: ['papers'],
      security: 'public',
      query: PapersListQuery,
      answers: {
        '200': {
          description: 'Papers (empty array past the last).',
          headers: {
            Link: {
              description: '`<{url}>; rel="next"` when there are more papers.',
              schema: { type: 'string' },
            },
          },
          schema: z.array(PaperDetail),
        },
      },
    },
    async (c, { query }) => {
      const page = await listPapersByPublished(db, {
        limit: query.limit,
        ...(query.cursor ? { after: query.cursor } : {}),
      });
      if (page.next) {
        const next = new URL(c.req.url);
        next.searchParams.set('cursor', encodeCursor(page.next));
        next.searchParams.set('limit', String(query.limit));
        c.header('Link', `<${next.href}>; rel="next"`);
      }
      return c.json(page.items.map((paper) => toPaperDetail(paper, site)));
    },
  );

  // Like HF's search: relevance order, the whole abstract highlighted; `mode` as on /search, and the
  // mode used in X-Search-Mode (hybrid by default for plain language). Registered before
  // `/papers/:id{.+}`, which would otherwise take "search" for a paper id.
  route(
    {
      method: 'get',
      path: '/api/papers/search',
      operationId: 'searchPapers',
      summary: 'Full-text search over titles, authors and abstracts',
      description:
        "Most relevant first, like Hugging Face's `/api/papers/search`: each item carries the title and the " +
        'whole abstract split into text and highlight pieces. When no paper has every word, papers with ' +
        'any of them are returned. A query that cannot run (e.g. only exclusions, `year:abc`) is a 400 ' +
        'whose message says how to fix it.',
      tags: ['papers'],
      security: 'public',
      query: SearchQuery,
      answers: {
        '200': {
          description: 'Matching papers (empty array when none).',
          headers: {
            'X-Total-Count': {
              description:
                'Keyword mode: number of matching papers (counting stops at 10,000); semantic and hybrid: the ' +
                'number of best matches by meaning returned at most.',
              schema: { type: 'integer' },
            },
            'X-Search-Mode': {
              description: 'The mode that ranked the results: keyword, semantic or hybrid.',
              schema: { type: 'string', enum: ['keyword', 'semantic', 'hybrid'] },
            },
          },
          schema: z.array(HfSearchResult),
        },
        '503': 'Unavailable',
      },
    },
    async (c, { query }) => {
      const page = await searchPapers(ctx, {
        q: query.q,
        sort: 'relevance',
        limit: query.limit,
        offset: 0,
        isFullAbstract: true,
        mode: query.mode,
      });
      c.header('X-Total-Count', String(page.total));
      c.header('X-Search-Mode', page.mode);
      return c.json(page.results.map(({ hit, paper }) => toHfSearchResult(paper, hit)));
    },
  );

  const findPaper = async (id: string) => {
    const paper = await getPaper(db, id);
    if (!paper) throw notFound(`no paper ${id}`);
    return paper;
  };

  // `{.+}` so old-style ids with a slash (hep-th/9901001) reach the handlers whole; the similar
  // route comes first because the paper route's pattern also matches `…/similar`.
  route(
    {
      method: 'get',
      path: '/api/papers/:id{.+}/similar',
      operationId: 'listSimilarPapers',
      summary: 'Papers similar to one paper',
      description:
        "Ranked by the paper's most distinctive title and abstract words (a more-like-this query); never " +
        'includes the paper itself. Old-style ids keep their slash (`/api/papers/hep-th/9901001/similar`).',
      tags: ['papers'],
      security: 'public',
      params: PaperParams,
      query: SimilarQuery,
      answers: {
        '200': { description: 'Similar papers, most similar first.', schema: z.array(SimilarPaper) },
        '404': 'NotFound',
      },
    },
    async (c, { params, query }) => {
      const paper = await findPaper(params.id);
      const { similar, isPending } = await readSimilarPapers(ctx, paper, query.limit);
      // Empty until the similar-papers job stores the list (requested now, within its interval).
      if (isPending) keepBriefly(c, SIMILAR_PENDING_RECHECK_MS);
      return c.json(similar.map((s) => toSimilarPaperItem(s.paper, s.score)));
    },
  );

  route(
    {
      method: 'get',
      path: '/api/papers/:id{.+}',
      operationId: 'getPaper',
      summary: 'One paper by arXiv id',
      description:
        'Accepts new-style, old-style (`hep-th/9901001`, slash unescaped) and versioned ids (`2608.19880v2`).',
      tags: ['papers'],
      security: 'public',
      params: PaperParams,
      answers: { '200': { description: 'The paper.', schema: PaperDetail }, '404': 'NotFound' },
    },
    async (c, { params }) => c.json(toPaperDetail(await findPaper(params.id), site)),
  );

  // A private list answers only its owner (signed in on this site: the CORS policy sends no cookies
  // cross-origin), and is never stored by caches; others get the 404 of a list that does not exist.
  route(
    {
      method: 'get',
      path: '/api/collections/:id',
      operationId: 'getCollection',
      summary: "A reader's reading list with its papers",
      description:
        'A public list, for anyone; a private list only for its owner, signed in on this site or with a token ' +
        '(others get the 404 of a list that does not exist). Also as BibTeX at `/collections/{id}/papers.bib`, ' +
        'RIS at `…/papers.ris`, CSL-JSON at `…/papers.csl.json` and, for public lists, as feeds at ' +
        '`/collections/{id}/papers.rss` (`.atom`, `.json`).',
      tags: ['papers'],
      security: 'optional',
      params: CollectionParams,
      answers: { '200': { description: 'The list.', schema: CollectionJson }, '404': 'NotFound' },
    },
    async (c, { params }) => {
      const collection = await getCollection(db, params.id);
      // A token (if sent) says who is reading, as for HF's get_collection; otherwise the session cookie.
      const viewer = c.req.header('authorization') ? await requireToken(c, ctx, 'read') : c.get('viewer');
      if (!collection || !canViewCollection(viewer, collection)) throw notFound(`no collection ${params.id}`);
      if (!collection.isPublic) c.header('Cache-Control', 'private, no-store');
      const entries = await listCollectionPapers(db, collection.id, MAX_COLLECTION_PAPERS);
      return c.json(toCollectionJson(collection, entries, site));
    },
  );

  registerWriteRoutes(api, ctx, operations);
  registerCollectionWriteRoutes(api, ctx, operations);
  registerRecommendationRoutes(api, ctx, site, operations);

  // Built on first request, once every surface (feeds, health) has registered its operations.
  let openApi: unknown;
  route(
    {
      method: 'get',
      path: '/api/openapi.json',
      operationId: 'getOpenApi',
      summary: 'This document',
      tags: ['meta'],
      security: 'public',
      answers: { '200': { description: 'OpenAPI 3.1 document.', schema: z.looseObject({}) } },
    },
    (c) => {
      openApi ??= buildOpenApiDocument(operations.operations, site);
      return c.json(openApi);
    },
  );

  api.all('*', (c: Context) =>
    jsonError(c, 404, 'not_found', `no API endpoint ${c.req.method} ${c.req.path}`),
  );
  app.route('/api', api);
}
