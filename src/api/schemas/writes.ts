// The token API's identity and paper writes: whoami-v2 in Hugging Face's shape, the bodies of submit
// and comment (HF's discussions send `{"comment": "..."}`) and what the writes answer.

import { z } from 'zod';
import { component } from './registry.js';

export const Whoami = component(
  'Whoami',
  z.object({
    type: z.literal('user'),
    id: z.string().describe('Account id.'),
    name: z.string().describe('Username.'),
    fullname: z.string().describe('Display name.'),
    isPro: z.boolean().optional(),
    orgs: z.array(z.object({})),
    auth: z.object({
      type: z.literal('access_token'),
      accessToken: z.object({
        displayName: z.string().describe('The name given to the token.'),
        role: z.enum(['read', 'write']),
        createdAt: z.string().meta({ format: 'date-time', description: 'When the token was made.' }),
      }),
    }),
  }),
  "GET /api/whoami-v2, in Hugging Face's shape (huggingface_hub `whoami()`).",
);
export type Whoami = z.infer<typeof Whoami>;

export const SubmitPaperBody = z.object({
  arxiv_id: z
    .string()
    .min(1)
    .max(300)
    .meta({ description: 'arXiv id or URL of a recent paper.', examples: ['2608.19880'] }),
});

export const CommentBody = z.object({
  comment: z.string().describe('Markdown with TeX; 1 to 10,000 characters.'),
});

export const CommentJson = component(
  'Comment',
  z.object({
    id: z.string().describe('Comment id.'),
    paper: z.string().describe('arXiv id.'),
    parentId: z.string().nullable().describe('The comment replied to.'),
    author: z.object({ name: z.string(), fullname: z.string() }),
    body: z.string().describe('The text as stored (trimmed).'),
    createdAt: z.string().meta({ format: 'date-time', description: 'When it was posted.' }),
    url: z.string().meta({ format: 'uri', description: 'The comment on its paper page.' }),
  }),
);
export type CommentJson = z.infer<typeof CommentJson>;

export const VoteResult = component(
  'VoteResult',
  z.object({
    paper: z.string().describe('arXiv id.'),
    upvotes: z.number().int().min(0),
    voted: z.boolean().describe('Whether the token owner now upvotes it.'),
  }),
);
