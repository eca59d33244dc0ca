// GET /api/recommendations?period=day|week|month: the token owner's "For you" papers for the period
// holding the latest board date, each with its reasons, as the For-you board shows them. A read
// token is required (a feed reader uses the secret feed URL instead); never cached by anyone.

import type { Hono } from 'hono';
import type { AppContext } from '../context.js';
import { reasonSentence } from '../digest/reason-text.js';
import { forYouPapers } from './for-you-papers.js';
import { type OperationTable, operationsOn } from './operation.js';
import { Recommendations, RecommendationsQuery } from './schemas/recommendations.js';
import type { SiteInfo } from './site.js';

/** Recommendations in one answer. */
export const API_RECOMMENDATIONS = 50;

export function registerRecommendationRoutes(
  api: Hono,
  ctx: AppContext,
  site: SiteInfo,
  operations: OperationTable,
): void {
  operationsOn(
    api,
    '/api',
    ctx,
    operations,
  )(
    {
      method: 'get',
      path: '/api/recommendations',
      operationId: 'getRecommendations',
      summary: 'Papers recommended for the token owner ("For you")',
      description:
        'Ranked from the reader’s own lists, upvotes, follows and feedback, for the day, week or month holding the latest board date. Private: a token is required.',
      tags: ['papers'],
      security: 'read',
      query: RecommendationsQuery,
      answers: { '200': { description: 'The recommendations.', schema: Recommendations } },
    },
    async (c, { user, query }) => {
      const recs = await forYouPapers(ctx, user.id, query.period, API_RECOMMENDATIONS);
      c.header('Cache-Control', 'private, no-store');
      const answer: Recommendations = {
        state: recs.state,
        period: { kind: query.period, label: recs.period.label, from: recs.period.from, to: recs.period.to },
        total: recs.total,
        items: recs.items.map(({ paper, score, reasons }) => ({
          id: paper.arxivId,
          title: paper.title,
          url: `${site.baseUrl}/papers/${paper.arxivId}`,
          score,
          reasons: reasons.map((reason) => ({ ...reason, text: reasonSentence(reason) })),
        })),
      };
      return c.json(answer);
    },
  );
}
