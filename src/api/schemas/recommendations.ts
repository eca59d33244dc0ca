// "For you" in the API: the query of GET /api/recommendations and of a reader's private feed, and
// what the API answers (the token owner's papers with their reasons). Used by recommendation-routes.ts
// and feeds/for-you-feed.ts.

import { z } from 'zod';
import { notFound } from '../../lib/errors.js';
import type { FeedFormat } from '../feeds/build-feed.js';
import { enumField } from './fields.js';
import { component, documentAs } from './registry.js';

const PERIODS = ['day', 'week', 'month'] as const;

export const RecommendationsQuery = z.object({
  period: enumField(
    'period',
    PERIODS,
    'day (default), week or month: the one holding the latest board date.',
  ),
});

export const ForYouFeedQuery = z.object({
  period: enumField('period', PERIODS, 'week (default), day or month.', 'week'),
});

/** newSecret()'s shape: 32 random bytes as base64url. Anything else is not a feed of ours (404). */
const FEED_FILE = /^([A-Za-z0-9_-]{43})\.(rss|atom|json)$/;

export const ForYouFeedParams = z.object({
  file: documentAs(
    z.string().transform((file) => {
      const match = FEED_FILE.exec(file);
      // A malformed secret is a feed that does not exist, as an unknown one is.
      if (!match) throw notFound('there is no such feed');
      return { secret: match[1] as string, format: match[2] as FeedFormat };
    }),
    {
      type: 'string',
      pattern: FEED_FILE.source.replace('(', '(?:'),
      description:
        'The secret (43 characters, base64url) and the format extension: `<secret>.rss`, `.atom` or `.json`.',
    },
  ),
});

const Reason = z
  .looseObject({
    kind: z.enum(['like-saved', 'like-upvoted', 'like-feedback', 'followed-author', 'followed-category']),
    text: z.string().describe('The reason as a sentence.'),
  })
  .describe('Why, with the fields of its kind (title, listName, name, category) and a `text` sentence.');

export const Recommendation = component(
  'Recommendation',
  z.object({
    id: z.string().describe('arXiv id.'),
    title: z.string(),
    url: z.string().meta({ format: 'uri', description: "The paper's page here." }),
    score: z.number().describe("The reader model's score; compare within one answer only."),
    reasons: z.array(Reason).describe('Why, strongest first.'),
  }),
);

export const Recommendations = component(
  'Recommendations',
  z.object({
    state: z
      .enum(['cold', 'ready'])
      .describe(
        '`cold` until the reader has saved, upvoted, liked or followed a few things; items are then empty.',
      ),
    period: z
      .object({ kind: z.enum(PERIODS), label: z.string(), from: z.string(), to: z.string() })
      .describe('The day, ISO week or month ranked.'),
    total: z.number().int().min(0).describe('Recommendations in the period.'),
    items: z.array(Recommendation),
  }),
  "GET /api/recommendations: the token owner's For-you papers.",
);
export type Recommendations = z.infer<typeof Recommendations>;
