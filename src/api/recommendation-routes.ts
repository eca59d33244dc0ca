// GET /api/recommendations?period=day|week|month: the token owner's "For you" papers for the period
// holding the latest board date, each with its reasons, as the For-you board shows them. A read
// token is required (a feed reader uses the secret feed URL instead); never cached by anyone.

import type { Hono } from 'hono';
import type { AppContext } from '../context.js';
import { reasonSentence } from '../digest/reason-text.js';
import { invalid } from '../lib/errors.js';
import { forYouPapers } from './for-you-papers.js';
import type { OperationObject, SchemaObject } from './openapi-types.js';
import type { SiteInfo } from './site.js';
import { requireToken } from './token-auth.js';

/** Recommendations in one answer. */
export const API_RECOMMENDATIONS = 50;

export function registerRecommendationRoutes(api: Hono, ctx: AppContext, site: SiteInfo): void {
  api.get('/recommendations', async (c) => {
    const user = await requireToken(c, ctx, 'read');
    const period = c.req.query('period') ?? 'day';
    if (period !== 'day' && period !== 'week' && period !== 'month') {
      throw invalid('period must be day, week or month');
    }
    const recs = await forYouPapers(ctx, user.id, period, API_RECOMMENDATIONS);
    c.header('Cache-Control', 'private, no-store');
    return c.json({
      state: recs.state,
      period: { kind: period, label: recs.period.label, from: recs.period.from, to: recs.period.to },
      total: recs.total,
      items: recs.items.map(({ paper, score, reasons }) => ({
        id: paper.arxivId,
        title: paper.title,
        url: `${site.baseUrl}/papers/${paper.arxivId}`,
        score,
        reasons: reasons.map((reason) => ({ ...reason, text: reasonSentence(reason) })),
      })),
    });
  });
}

const ref = (name: string): SchemaObject => ({ $ref: `#/components/schemas/${name}` });

export const recommendationSchemas: Record<string, SchemaObject> = {
  Recommendations: {
    type: 'object',
    description: "GET /api/recommendations: the token owner's For-you papers.",
    required: ['state', 'period', 'total', 'items'],
    properties: {
      state: {
        type: 'string',
        enum: ['cold', 'ready'],
        description:
          '`cold` until the reader has saved, upvoted, liked or followed a few things; items are then empty.',
      },
      period: { type: 'object', description: 'The day, ISO week or month ranked (kind, label, from, to).' },
      total: { type: 'integer', description: 'Recommendations in the period.' },
      items: { type: 'array', items: ref('Recommendation') },
    },
  },
  Recommendation: {
    type: 'object',
    required: ['id', 'title', 'url', 'score', 'reasons'],
    properties: {
      id: { type: 'string', description: 'arXiv id.' },
      title: { type: 'string' },
      url: { type: 'string', description: "The paper's page here." },
      score: { type: 'number', description: "The reader model's score; compare within one answer only." },
      reasons: {
        type: 'array',
        description:
          'Why, strongest first: `kind` is like-saved, like-upvoted, like-feedback, followed-author or followed-category, with its fields and a `text` sentence.',
        items: { type: 'object' },
      },
    },
  },
};

export const recommendationOperation: OperationObject = {
  operationId: 'getRecommendations',
  summary: 'Papers recommended for the token owner ("For you")',
  description:
    'Ranked from the reader’s own lists, upvotes, follows and feedback, for the day, week or month holding the latest board date. Private: a token is required.',
  tags: ['papers'],
  security: [{ bearerToken: [] }],
  parameters: [
    {
      name: 'period',
      in: 'query',
      required: false,
      description: 'day (default), week or month.',
      schema: { type: 'string', enum: ['day', 'week', 'month'] },
    },
  ],
  responses: {
    '200': {
      description: 'The recommendations.',
      content: { 'application/json': { schema: ref('Recommendations') } },
    },
    '400': { $ref: '#/components/responses/BadRequest' },
    '401': { $ref: '#/components/responses/Unauthorized' },
    '403': { $ref: '#/components/responses/Forbidden' },
    '500': { $ref: '#/components/responses/ServerError' },
  },
};

/** The private feed (feeds/for-you-feed.ts): its secret URL is the credential, so no token. */
export const forYouFeedOperation: OperationObject = {
  operationId: 'getForYouFeed',
  summary: 'A reader\'s private "For you" feed (RSS, Atom or JSON Feed)',
  description:
    'The URL is made (and rotated) on /account/recommendations; `{file}` is `<secret>.rss`, `.atom` or `.json`. A rotated or unknown secret answers 404. Never cached.',
  tags: ['feeds'],
  parameters: [
    {
      name: 'file',
      in: 'path',
      required: true,
      description: 'The secret (43 characters, base64url) and the format extension.',
      schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{43}\\.(rss|atom|json)$' },
    },
    {
      name: 'period',
      in: 'query',
      required: false,
      description: 'week (default), day or month.',
      schema: { type: 'string', enum: ['day', 'week', 'month'] },
    },
  ],
  responses: {
    '200': {
      description: 'The feed.',
      content: {
        'application/rss+xml': { schema: { type: 'string' } },
        'application/atom+xml': { schema: { type: 'string' } },
        'application/feed+json': { schema: { type: 'object' } },
      },
    },
    '400': { $ref: '#/components/responses/BadRequest' },
    '404': { $ref: '#/components/responses/NotFound' },
    '500': { $ref: '#/components/responses/ServerError' },
  },
};
