// Shapes shared by every JSON surface: the error body (api/json-error.ts), the health check and
// JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/) as the feeds write it.

import { z } from 'zod';
import { component } from './registry.js';

export const ERROR_CODES = [
  'invalid',
  'not_found',
  'unauthorized',
  'forbidden',
  'conflict',
  'too_large',
  'rate_limited',
  'unavailable',
  'internal',
] as const;

export const ErrorBody = component(
  'Error',
  z.object({
    // A string, as Hugging Face sends it: its client raises with this message.
    error: z.string().describe('What went wrong, naming the offending parameter.'),
    code: z.enum(ERROR_CODES),
    slug: z
      .string()
      .optional()
      .describe('On a 409 from the list writes: the existing list (HF `exists_ok`).'),
  }),
);

export const Health = component(
  'Health',
  z.object({
    status: z.enum(['ok', 'unavailable']),
    database: z.enum(['sqlite', 'postgres']),
    search: z
      .object({
        state: z.enum(['catching_up', 'rebuilding', 'current']),
        revision: z.number().int().nullable().describe('The last change-log revision the index applied.'),
        behind: z.number().int().describe('Change-log entries the index has not applied yet.'),
      })
      .optional()
      .describe(
        "The search index (serve): 'catching_up' while it applies the change log (it serves from what it has), 'rebuilding' for a new format (search answers 503), 'current' once it keeps up.",
      ),
  }),
);

const uri = () => z.string().meta({ format: 'uri' });
const authors = () => z.array(z.object({ name: z.string() }));

export const JsonFeed = component(
  'JsonFeed',
  z.object({
    version: z.literal('https://jsonfeed.org/version/1.1'),
    title: z.string(),
    home_page_url: uri().optional(),
    feed_url: uri().optional(),
    description: z.string().optional(),
    language: z.string().optional(),
    authors: authors().optional(),
    items: z.array(
      z.object({
        id: z.string(),
        url: uri(),
        external_url: uri().optional(),
        title: z.string(),
        content_html: z.string(),
        content_text: z.string(),
        date_published: z.string().meta({ format: 'date-time', description: 'When it entered the feed.' }),
        date_modified: z.string().optional().meta({
          format: 'date-time',
          description: "The item's last change (a paper's latest arXiv version; a comment's edit).",
        }),
        authors: authors().optional(),
        tags: z.array(z.string()).optional(),
        _paperboard: z
          .looseObject({})
          .optional()
          .describe('JSON Feed extension: `arxiv_id` and `upvotes` (papers) or comment ids.'),
      }),
    ),
  }),
  'JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/).',
);
