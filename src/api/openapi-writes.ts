// The token API's part of the OpenAPI document (openapi.ts merges it): the bearer security scheme,
// whoami-v2, and the write operations with their request bodies, answers and errors. Kept beside the
// routes it describes (write-routes.ts, collection-write-routes.ts); a test checks both agree.

import { MAX_ITEM_NOTE } from './collection-write-routes.js';
import type { OperationObject, PathItemObject, ResponseObject, SchemaObject } from './openapi-types.js';

const ref = (name: string): SchemaObject => ({ $ref: `#/components/schemas/${name}` });
const json = (name: string) => ({ 'application/json': { schema: ref(name) } });
const r = (name: string) => ({ $ref: `#/components/responses/${name}` });
const body = (name: string) => ({ required: true, content: json(name) });
const TOKEN = [{ bearerToken: [] }];

export const bearerScheme = {
  bearerToken: {
    type: 'http' as const,
    scheme: 'bearer' as const,
    description:
      'A personal access token made on /account/tokens (`pb_…`), scope read or write. Cookies never authorise API writes.',
  },
};

const errorResponse = (description: string): ResponseObject => ({ description, content: json('Error') });

export const writeResponses: Record<string, ResponseObject> = {
  Unauthorized: errorResponse('No token, or one that is unknown or revoked (code "unauthorized").'),
  Forbidden: errorResponse(
    'A read-only token used to write, a banned account, or not the owner (code "forbidden").',
  ),
  Conflict: errorResponse('Already there (code "conflict").'),
  RateLimited: {
    description: 'Over the per-reader limit shared with the web forms (code "rate_limited").',
    headers: { 'Retry-After': { description: 'Seconds to wait.', schema: { type: 'integer' } } },
    content: json('Error'),
  },
};

const str = (description: string, extra: SchemaObject = {}): SchemaObject => ({
  type: 'string',
  description,
  ...extra,
});

export const writeSchemas: Record<string, SchemaObject> = {
  Whoami: {
    type: 'object',
    description: "GET /api/whoami-v2, in Hugging Face's shape (huggingface_hub `whoami()`).",
    required: ['type', 'id', 'name', 'fullname', 'orgs', 'auth'],
    properties: {
      type: { type: 'string', enum: ['user'] },
      id: str('Account id.'),
      name: str('Username.'),
      fullname: str('Display name.'),
      isPro: { type: 'boolean' },
      orgs: { type: 'array', items: { type: 'object' } },
      auth: {
        type: 'object',
        required: ['type', 'accessToken'],
        properties: {
          type: { type: 'string', enum: ['access_token'] },
          accessToken: {
            type: 'object',
            required: ['displayName', 'role', 'createdAt'],
            properties: {
              displayName: str('The name given to the token.'),
              role: { type: 'string', enum: ['read', 'write'] },
              createdAt: str('When the token was made.', { format: 'date-time' }),
            },
          },
        },
      },
    },
  },
  SubmitPaperBody: {
    type: 'object',
    required: ['arxiv_id'],
    properties: { arxiv_id: str('arXiv id or URL of a recent paper.', { examples: ['2608.19880'] }) },
  },
  CommentBody: {
    type: 'object',
    required: ['comment'],
    properties: { comment: str('Markdown with TeX; 1 to 10,000 characters.') },
  },
  Comment: {
    type: 'object',
    required: ['id', 'paper', 'parentId', 'author', 'body', 'createdAt', 'url'],
    properties: {
      id: str('Comment id.'),
      paper: str('arXiv id.'),
      parentId: { type: ['string', 'null'], description: 'The comment replied to.' },
      author: {
        type: 'object',
        required: ['name', 'fullname'],
        properties: { name: { type: 'string' }, fullname: { type: 'string' } },
      },
      body: str('The text as stored (trimmed).'),
      createdAt: str('When it was posted.', { format: 'date-time' }),
      url: str('The comment on its paper page.', { format: 'uri' }),
    },
  },
  VoteResult: {
    type: 'object',
    required: ['paper', 'upvotes', 'voted'],
    properties: {
      paper: str('arXiv id.'),
      upvotes: { type: 'integer', minimum: 0 },
      voted: { type: 'boolean', description: 'Whether the token owner now upvotes it.' },
    },
  },
  CreateCollectionBody: {
    type: 'object',
    required: ['title'],
    properties: {
      title: str('1 to 100 characters on one line.'),
      namespace: str("The token owner's username (the only namespace allowed)."),
      description: { type: ['string', 'null'], description: 'At most 1,000 characters.' },
      private: { type: 'boolean', default: false },
    },
  },
  UpdateCollectionBody: {
    type: 'object',
    properties: {
      title: { type: 'string' },
      description: { type: ['string', 'null'] },
      private: { type: 'boolean' },
      position: { type: 'integer', description: 'Accepted and ignored.' },
      theme: { type: 'string', description: 'Accepted and ignored.' },
    },
  },
  CollectionUpdated: {
    type: 'object',
    required: ['data'],
    properties: { data: ref('Collection') },
  },
  CollectionDeleted: {
    type: 'object',
    required: ['deleted', 'slug'],
    properties: { deleted: { type: 'boolean', const: true }, slug: { type: 'string' } },
  },
  AddCollectionItemBody: {
    type: 'object',
    required: ['item'],
    properties: {
      item: {
        type: 'object',
        required: ['id', 'type'],
        properties: { id: str('arXiv id.'), type: { type: 'string', enum: ['paper'] } },
      },
      note: { type: ['string', 'null'], maxLength: MAX_ITEM_NOTE },
    },
  },
  UpdateCollectionItemBody: {
    type: 'object',
    properties: {
      note: { type: ['string', 'null'], maxLength: MAX_ITEM_NOTE, description: 'null or "" clears it.' },
      position: { type: 'integer', description: 'Accepted and ignored (lists are newest first).' },
    },
  },
};

const arxivId = {
  name: 'id',
  in: 'path' as const,
  required: true,
  description: 'arXiv id.',
  schema: { type: 'string' as const },
  example: '2608.19880',
};
const slug = {
  name: 'id',
  in: 'path' as const,
  required: true,
  description: "The list's slug: its id, as in `/collections/{id}`.",
  schema: { type: 'string' as const, pattern: '^[0-9]+$' },
  example: '1',
};
const item = {
  name: 'item',
  in: 'path' as const,
  required: true,
  description: "The item's `_id`: the paper's arXiv id (old-style ids keep their slash).",
  schema: { type: 'string' as const },
};

/** A write: token required, errors documented; `extra` adds 404/409/429 as the route can answer them. */
function write(
  operationId: string,
  summary: string,
  description: string,
  answer: [status: string, description: string, schema: string],
  options: { body?: string; parameters?: OperationObject['parameters']; extra?: string[] } = {},
): OperationObject {
  const [status, what, schema] = answer;
  const extras: Record<string, string> = { '404': 'NotFound', '409': 'Conflict', '429': 'RateLimited' };
  return {
    operationId,
    summary,
    description,
    tags: ['writes'],
    security: TOKEN,
    ...(options.parameters ? { parameters: options.parameters } : {}),
    ...(options.body ? { requestBody: body(options.body) } : {}),
    responses: {
      [status]: { description: what, content: json(schema) },
      '400': r('BadRequest'),
      '401': r('Unauthorized'),
      '403': r('Forbidden'),
      ...Object.fromEntries((options.extra ?? []).map((code) => [code, r(extras[code] ?? 'NotFound')])),
      '500': r('ServerError'),
    },
  };
}

const COLLECTION_WRITE = 'Only the owner, with a write token.';

export const writePaths: Record<string, PathItemObject> = {
  '/api/whoami-v2': {
    get: {
      operationId: 'whoami',
      summary: "The token's owner (huggingface_hub whoami)",
      tags: ['writes'],
      security: TOKEN,
      responses: {
        '200': { description: 'The owner and the token.', content: json('Whoami') },
        '401': r('Unauthorized'),
        '403': r('Forbidden'),
        '500': r('ServerError'),
      },
    },
  },
  '/api/daily_papers': {
    post: write(
      'submitPaper',
      "Put a paper on today's board",
      'As /submit: recent papers only, a daily limit per reader (admins exempt); metadata from the store or arXiv. 409 when a person already placed it.',
      ['201', 'The new board item.', 'DailyPaper'],
      { body: 'SubmitPaperBody', extra: ['404', '409', '429'] },
    ),
  },
  '/api/papers/{id}/comment': {
    post: write(
      'postComment',
      'Comment on a paper',
      '@mentions email the readers named.',
      ['201', 'The comment.', 'Comment'],
      { body: 'CommentBody', parameters: [arxivId], extra: ['404', '429'] },
    ),
  },
  '/api/papers/{id}/comment/{parent}/reply': {
    post: write(
      'replyToComment',
      'Reply to a comment',
      'The comment replied to must be on this paper and visible.',
      ['201', 'The reply.', 'Comment'],
      {
        body: 'CommentBody',
        parameters: [
          arxivId,
          {
            name: 'parent',
            in: 'path',
            required: true,
            description: 'Comment id.',
            schema: { type: 'string', pattern: '^[0-9]+$' },
          },
        ],
        extra: ['404', '429'],
      },
    ),
  },
  '/api/papers/{id}/upvote': {
    post: write('upvotePaper', 'Upvote a paper', 'Idempotent.', ['200', 'The count.', 'VoteResult'], {
      parameters: [arxivId],
      extra: ['404', '429'],
    }),
    delete: write('removeUpvote', 'Take an upvote back', 'Idempotent.', ['200', 'The count.', 'VoteResult'], {
      parameters: [arxivId],
      extra: ['404', '429'],
    }),
  },
  '/api/collections': {
    post: write(
      'createCollection',
      'Make a reading list (huggingface_hub create_collection)',
      'Public unless `private` is true, as on HF. 409 (with the existing `slug`) when you have a list of that name.',
      ['200', 'The new list.', 'Collection'],
      { body: 'CreateCollectionBody', extra: ['409'] },
    ),
  },
  '/api/collections/{id}': {
    patch: write(
      'updateCollection',
      "Change a list's title, description or visibility (update_collection_metadata)",
      COLLECTION_WRITE,
      ['200', 'The list, under `data` as HF answers.', 'CollectionUpdated'],
      { body: 'UpdateCollectionBody', parameters: [slug], extra: ['404', '409'] },
    ),
    delete: write(
      'deleteCollection',
      'Delete a list (delete_collection)',
      COLLECTION_WRITE,
      ['200', 'Deleted.', 'CollectionDeleted'],
      { parameters: [slug], extra: ['404'] },
    ),
  },
  '/api/collections/{id}/items': {
    post: write(
      'addCollectionItem',
      'Put a paper on a list, with an optional note (add_collection_item)',
      `${COLLECTION_WRITE} Only papers; 409 when it is already on the list.`,
      ['200', 'The list.', 'Collection'],
      { body: 'AddCollectionItemBody', parameters: [slug], extra: ['404', '409', '429'] },
    ),
  },
  '/api/collections/{id}/items/{item}': {
    patch: write(
      'updateCollectionItem',
      "Set a paper's note on a list (update_collection_item)",
      COLLECTION_WRITE,
      ['200', 'The list.', 'Collection'],
      { body: 'UpdateCollectionItemBody', parameters: [slug, item], extra: ['404'] },
    ),
    delete: write(
      'deleteCollectionItem',
      'Take a paper off a list (delete_collection_item)',
      `${COLLECTION_WRITE} 404 when it is not on the list.`,
      ['200', 'The list.', 'Collection'],
      { parameters: [slug, item], extra: ['404'] },
    ),
  },
};
