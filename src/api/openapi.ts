// The OpenAPI 3.1 document served at /api/openapi.json: every /api, /feeds and /healthz endpoint
// with parameters, response schemas and error responses. A test checks it against the registered routes.

import { schemas } from './openapi-schemas.js';
import type {
  OpenApiDocument,
  OperationObject,
  ParameterObject,
  PathItemObject,
  ResponseObject,
} from './openapi-types.js';
import { bearerScheme, writePaths, writeResponses, writeSchemas } from './openapi-writes.js';
import {
  DAILY_SORTS,
  DEFAULT_LIMIT,
  MAX_LIMIT,
  MAX_PAGE,
  MAX_USERNAME_LENGTH,
  SEARCH_DEFAULT_LIMIT,
  SEARCH_MAX_LIMIT,
  SIMILAR_DEFAULT_LIMIT,
  SIMILAR_MAX_LIMIT,
} from './query.js';
import {
  forYouFeedOperation,
  recommendationOperation,
  recommendationSchemas,
} from './recommendation-routes.js';
import type { SiteInfo } from './site.js';

const json = (schemaName: string) => ({
  'application/json': { schema: { $ref: `#/components/schemas/${schemaName}` } },
});
const r = (name: string) => ({ $ref: `#/components/responses/${name}` });
const p = (name: string) => ({ $ref: `#/components/parameters/${name}` });

const parameters: Record<string, ParameterObject> = {
  date: {
    name: 'date',
    in: 'query',
    description: 'Board day. Without date, week or month: the latest day with papers.',
    schema: { type: 'string', format: 'date' },
    example: '2026-08-21',
  },
  week: {
    name: 'week',
    in: 'query',
    description: 'ISO 8601 week (Monday to Sunday). Exclusive with date and month.',
    schema: { type: 'string', pattern: '^\\d{4}-W\\d{2}$' },
    example: '2026-W34',
  },
  month: {
    name: 'month',
    in: 'query',
    description: 'Calendar month. Exclusive with date and week.',
    schema: { type: 'string', pattern: '^\\d{4}-\\d{2}$' },
    example: '2026-08',
  },
  p: {
    name: 'p',
    in: 'query',
    description: 'Zero-based page number.',
    schema: { type: 'integer', minimum: 0, maximum: MAX_PAGE, default: 0 },
  },
  sort: {
    name: 'sort',
    in: 'query',
    description:
      'upvotes (default, as on huggingface.co without sort): most upvoted first. trending: by trending score, log10(max(upvotes, 1)) + (placed at − 2020-01-01) / 2 days; without date, week or month, over the whole board. publishedAt: newest arXiv publication first.',
    schema: { type: 'string', enum: [...DAILY_SORTS], default: 'upvotes' },
  },
  submitter: {
    name: 'submitter',
    in: 'query',
    description:
      'Only papers this person put on the board (their username, `submittedBy.name`); without date, week or month, over the whole board.',
    schema: { type: 'string', minLength: 1, maxLength: MAX_USERNAME_LENGTH },
    example: 'akhaliq',
  },
  limit: {
    name: 'limit',
    in: 'query',
    description: 'Items per page.',
    schema: { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: 50 },
  },
  q: {
    name: 'q',
    in: 'query',
    required: true,
    description:
      'Search text: words (all must match, else any), "phrases", -exclude, OR, prefix*, field prefixes ' +
      'ti: au: abs:, and filters cat:cs.CL, year:2024 (or 2022-2024), before:/after:2024-06, has:code. ' +
      'At most 4,000 characters.',
    schema: { type: 'string', minLength: 1 },
    example: 'world model cat:cs.LG year:2026',
  },
  mode: {
    name: 'mode',
    in: 'query',
    description:
      'Ranking: `keyword` (BM25 over the words), `semantic` (best matches by meaning), `hybrid` (both, ' +
      'fused) or `auto` (the default: hybrid for plain-language queries, keyword when the query uses ' +
      'fields, quoted phrases, OR, exclusions or prefixes). Queries with operators, and sites without a ' +
      'semantic model, are always keyword.',
    schema: { type: 'string', enum: ['auto', 'keyword', 'semantic', 'hybrid'], default: 'auto' },
  },
  id: {
    name: 'id',
    in: 'path',
    required: true,
    description: 'arXiv id.',
    schema: { type: 'string' },
    example: '2608.19880',
  },
};

const errorResponse = (description: string): ResponseObject => ({ description, content: json('Error') });

const responses: Record<string, ResponseObject> = {
  BadRequest: errorResponse('Malformed parameter (code "invalid").'),
  NotFound: errorResponse('No such resource (code "not_found").'),
  ServerError: errorResponse('Unexpected failure (code "internal"); details are logged, not returned.'),
};

const headers = {
  ETag: {
    description: 'Hash of the body; send it back in If-None-Match.',
    schema: { type: 'string' as const },
  },
  CacheControl: { description: '`public, max-age=300`.', schema: { type: 'string' as const } },
  TotalCount: { description: 'Number of papers in the whole period.', schema: { type: 'integer' as const } },
  SearchTotal: {
    description:
      'Keyword mode: number of matching papers (counting stops at 10,000); semantic and hybrid: the ' +
      'number of best matches by meaning returned at most.',
    schema: { type: 'integer' as const },
  },
  SearchMode: {
    description: 'The mode that ranked the results: keyword, semantic or hybrid.',
    schema: { type: 'string' as const, enum: ['keyword', 'semantic', 'hybrid'] },
  },
};

interface FeedKind {
  name: 'Daily' | 'Weekly' | 'Monthly' | 'Trending' | 'Search';
  summary: string;
  description: string;
  parameters: string[];
}

type FeedKey = 'daily' | 'weekly' | 'monthly' | 'trending' | 'search';

const FEED_KINDS: Record<FeedKey, FeedKind> = {
  daily: {
    name: 'Daily',
    summary: 'Daily board',
    description: 'Papers of the latest board day (or `date`), most upvoted first.',
    parameters: ['date'],
  },
  weekly: {
    name: 'Weekly',
    summary: 'Weekly board',
    description: 'Papers of the ISO week of the latest board day (or `week`), most upvoted first.',
    parameters: ['week'],
  },
  monthly: {
    name: 'Monthly',
    summary: 'Monthly board',
    description: 'Papers of the month of the latest board day (or `month`), most upvoted first.',
    parameters: ['month'],
  },
  trending: {
    name: 'Trending',
    summary: 'Trending board',
    description: 'The 50 papers with the highest trending score (as on /trending).',
    parameters: [],
  },
  search: {
    name: 'Search',
    summary: 'A saved search',
    description:
      'The 50 newest papers (by arXiv publication date) matching `q` exactly, as on /search?sort=date; ' +
      'with `mode=semantic` or `hybrid`, the 50 best matches by meaning, newest first. `mode` defaults ' +
      'to keyword here.',
    parameters: ['q', 'mode'],
  },
};

function feedOperation(
  kind: FeedKind,
  format: string,
  mediaType: string,
  schema: 'JsonFeed' | 'Xml',
): OperationObject {
  const ok: ResponseObject = {
    description: `The feed (${format}).`,
    headers: { ETag: { $ref: '#/components/headers/ETag' }, 'Cache-Control': headers.CacheControl },
    content: {
      [mediaType]: {
        schema: schema === 'JsonFeed' ? { $ref: '#/components/schemas/JsonFeed' } : { type: 'string' },
      },
    },
  };
  return {
    operationId: `get${kind.name}Feed${format.replace(/\W/g, '')}`,
    summary: `${kind.summary} as ${format}`,
    description: `${kind.description} Item links and ids are \`{baseUrl}/papers/{id}\`; titles keep LaTeX source text.`,
    tags: ['feeds'],
    parameters: kind.parameters.map(p),
    responses: {
      '200': ok,
      '304': { description: 'Not modified (If-None-Match matched the ETag).' },
      '400': r('BadRequest'),
      '500': r('ServerError'),
    },
  };
}

function feedPaths(key: FeedKey) {
  const kind = FEED_KINDS[key];
  return {
    [`/feeds/${key}.rss`]: { get: feedOperation(kind, 'RSS 2.0', 'application/rss+xml', 'Xml') },
    [`/feeds/${key}.atom`]: { get: feedOperation(kind, 'Atom 1.0', 'application/atom+xml', 'Xml') },
    [`/feeds/${key}.json`]: {
      get: feedOperation(kind, 'JSON Feed 1.1', 'application/feed+json', 'JsonFeed'),
    },
  };
}

const arrayOf = (schemaName: string) => ({
  'application/json': {
    schema: { type: 'array' as const, items: { $ref: `#/components/schemas/${schemaName}` } },
  },
});

const searchPaths = {
  '/api/papers/search': {
    get: {
      operationId: 'searchPapers',
      summary: 'Full-text search over titles, authors and abstracts',
      description:
        "Most relevant first, like Hugging Face's `/api/papers/search`: each item carries the title and the " +
        'whole abstract split into text and highlight pieces. When no paper has every word, papers with ' +
        'any of them are returned. A query that cannot run (e.g. only exclusions, `year:abc`) is a 400 ' +
        'whose message says how to fix it.',
      tags: ['papers'],
      parameters: [
        p('q'),
        p('mode'),
        {
          name: 'limit',
          in: 'query' as const,
          description: 'Number of results.',
          schema: {
            type: 'integer' as const,
            minimum: 1,
            maximum: SEARCH_MAX_LIMIT,
            default: SEARCH_DEFAULT_LIMIT,
          },
        },
      ],
      responses: {
        '200': {
          description: 'Matching papers (empty array when none).',
          headers: { 'X-Total-Count': headers.SearchTotal, 'X-Search-Mode': headers.SearchMode },
          content: arrayOf('SearchResult'),
        },
        '400': r('BadRequest'),
        '500': r('ServerError'),
      },
    },
  },
  '/api/papers/{id}/similar': {
    get: {
      operationId: 'listSimilarPapers',
      summary: 'Papers similar to one paper',
      description:
        "Ranked by the paper's most distinctive title and abstract words (a more-like-this query); never " +
        'includes the paper itself. Old-style ids keep their slash (`/api/papers/hep-th/9901001/similar`).',
      tags: ['papers'],
      parameters: [
        p('id'),
        {
          name: 'limit',
          in: 'query' as const,
          description: 'Number of papers.',
          schema: {
            type: 'integer' as const,
            minimum: 1,
            maximum: SIMILAR_MAX_LIMIT,
            default: SIMILAR_DEFAULT_LIMIT,
          },
        },
      ],
      responses: {
        '200': { description: 'Similar papers, most similar first.', content: arrayOf('SimilarPaper') },
        '400': r('BadRequest'),
        '404': r('NotFound'),
        '500': r('ServerError'),
      },
    },
  },
};

/**
 * The read paths merged with the token API's (a path may have both a public GET and a token POST),
 * each operation stating its security: public unless it says otherwise.
 */
function withSecurity(readPaths: Record<string, PathItemObject>): Record<string, PathItemObject> {
  const paths: Record<string, PathItemObject> = { ...readPaths };
  for (const [path, item] of Object.entries(writePaths)) paths[path] = { ...paths[path], ...item };
  paths['/api/recommendations'] = { get: recommendationOperation };
  paths['/feeds/for-you/{file}'] = { get: forYouFeedOperation };
  for (const item of Object.values(paths)) {
    for (const op of [item.get, item.post, item.patch, item.delete]) {
      if (op && !op.security) op.security = [];
    }
  }
  return paths;
}

/** The document, with the server URL taken from the configured base URL. */
export function buildOpenApiDocument(site: SiteInfo): OpenApiDocument {
  return {
    openapi: '3.1.0',
    info: {
      title: `${site.siteName} API`,
      version: '1.0.0',
      description:
        'API of a Paperboard instance. `/api/daily_papers`, the paper object and reading lists follow the Hugging Face ' +
        'API shapes, so HF clients can point here. Reads are public; writes need a personal access token ' +
        '(`Authorization: Bearer`, made on /account/tokens). Errors are `{"error": "message", "code": "invalid"}`: ' +
        'a string `error`, as Hugging Face sends it, and a machine-readable `code`.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: site.baseUrl }],
    tags: [
      { name: 'papers', description: 'Daily board, search and paper lookups (Hugging Face shapes).' },
      {
        name: 'feeds',
        description: 'RSS 2.0, Atom 1.0 and JSON Feed 1.1 of the daily board and of searches.',
      },
      {
        name: 'writes',
        description:
          'Writes with a personal access token (`Authorization: Bearer`): submit, comment, upvote, reading lists.',
      },
      { name: 'meta', description: 'This document and the health check.' },
    ],
    paths: withSecurity({
      '/api/daily_papers': {
        get: {
          operationId: 'listDailyPapers',
          summary: 'Papers on the board for a day, ISO week or month',
          description:
            'Most upvoted first, or trending first with sort=trending. Give at most one of date, week, month.',
          tags: ['papers'],
          parameters: [p('date'), p('week'), p('month'), p('submitter'), p('sort'), p('p'), p('limit')],
          responses: {
            '200': {
              description: 'Board items (empty array for a period without papers).',
              headers: { 'X-Total-Count': headers.TotalCount },
              content: {
                'application/json': {
                  schema: { type: 'array', items: { $ref: '#/components/schemas/DailyPaper' } },
                },
              },
            },
            '400': r('BadRequest'),
            '500': r('ServerError'),
          },
        },
      },
      '/api/papers': {
        get: {
          operationId: 'listPapers',
          summary: 'Every paper, newest arXiv publication first',
          description:
            'A page at a time, as on huggingface.co: the next page is the URL in the `Link` header ' +
            '(`rel="next"`), absent on the last page. Papers without a publication date come last.',
          tags: ['papers'],
          parameters: [
            {
              name: 'cursor',
              in: 'query',
              description:
                "Where to continue, from the previous page's Link header; empty or absent: the first page.",
              schema: { type: 'string' },
            },
            {
              name: 'limit',
              in: 'query',
              description: 'Papers per page.',
              schema: { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT },
            },
          ],
          responses: {
            '200': {
              description: 'Papers (empty array past the last).',
              headers: {
                Link: {
                  description: '`<{url}>; rel="next"` when there are more papers.',
                  schema: { type: 'string' },
                },
              },
              content: arrayOf('PaperDetail'),
            },
            '400': r('BadRequest'),
            '500': r('ServerError'),
          },
        },
      },
      '/api/papers/{id}': {
        get: {
          operationId: 'getPaper',
          summary: 'One paper by arXiv id',
          description:
            'Accepts new-style, old-style (`hep-th/9901001`, slash unescaped) and versioned ids (`2608.19880v2`).',
          tags: ['papers'],
          parameters: [p('id')],
          responses: {
            '200': { description: 'The paper.', content: json('PaperDetail') },
            '400': r('BadRequest'),
            '404': r('NotFound'),
            '500': r('ServerError'),
          },
        },
      },
      '/api/collections/{id}': {
        get: {
          operationId: 'getCollection',
          summary: "A reader's reading list with its papers",
          description:
            'A public list, for anyone; a private list only for its owner, signed in on this site (others get ' +
            'the 404 of a list that does not exist). Also as BibTeX at `/collections/{id}/papers.bib`, RIS at `…/papers.ris`, CSL-JSON at `…/papers.csl.json` and, for ' +
            'public lists, as feeds at `/collections/{id}/papers.rss` (`.atom`, `.json`).',
          tags: ['papers'],
          // Anyone for a public list; a token (read scope) or the session cookie for one's own private list.
          security: [{}, { bearerToken: [] }],
          parameters: [
            {
              name: 'id',
              in: 'path',
              required: true,
              description: 'Reading list id (its HF `slug`), as in its page URL `/collections/{id}`.',
              schema: { type: 'integer', minimum: 1 },
              example: 1,
            },
          ],
          responses: {
            '200': { description: 'The list.', content: json('Collection') },
            '400': r('BadRequest'),
            '401': r('Unauthorized'),
            '403': r('Forbidden'),
            '404': r('NotFound'),
            '500': r('ServerError'),
          },
        },
      },
      '/api/openapi.json': {
        get: {
          operationId: 'getOpenApi',
          summary: 'This document',
          tags: ['meta'],
          responses: {
            '200': {
              description: 'OpenAPI 3.1 document.',
              content: { 'application/json': { schema: { type: 'object' } } },
            },
          },
        },
      },
      '/healthz': {
        get: {
          operationId: 'getHealth',
          summary: 'Liveness with a database round trip',
          tags: ['meta'],
          responses: {
            '200': { description: 'Healthy.', content: json('Health') },
            '503': { description: 'Database unreachable.', content: json('Health') },
          },
        },
      },
      ...searchPaths,
      ...feedPaths('daily'),
      ...feedPaths('weekly'),
      ...feedPaths('monthly'),
      ...feedPaths('trending'),
      ...feedPaths('search'),
    }),
    components: {
      schemas: { ...schemas, ...writeSchemas, ...recommendationSchemas },
      parameters,
      headers: { ETag: headers.ETag },
      responses: { ...responses, ...writeResponses },
      securitySchemes: bearerScheme,
    },
  };
}
