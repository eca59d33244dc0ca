// The OpenAPI 3.1 document served at /api/openapi.json, generated from the operations the app
// registered (operation.ts) and their zod schemas (schemas/, via z.toJSONSchema): every path,
// parameter, body, answer and security requirement comes from the declaration the request layer
// validates with, so the document cannot drift from the routes. Called by api/routes.ts.

import type {
  OpenApiDocument,
  OperationObject,
  ParameterObject,
  PathItemObject,
  ResponseObject,
  SchemaObject,
} from './openapi-types.js';
import type { Operation, Security } from './operation.js';
import { componentJsonSchemas, toJsonSchema } from './schemas/registry.js';
import type { SiteInfo } from './site.js';

const errorAnswer = (description: string): ResponseObject => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

const ERROR_ANSWERS: Record<string, ResponseObject> = {
  BadRequest: errorAnswer('Malformed parameter or body (code "invalid").'),
  Unauthorized: errorAnswer('No token, or one that is unknown or revoked (code "unauthorized").'),
  Forbidden: errorAnswer(
    'A read-only token used to write, a banned account, or not the owner (code "forbidden").',
  ),
  NotFound: errorAnswer('No such resource (code "not_found").'),
  Conflict: errorAnswer('Already there (code "conflict").'),
  RateLimited: {
    ...errorAnswer('Over the per-reader limit shared with the web forms (code "rate_limited").'),
    headers: { 'Retry-After': { description: 'Seconds to wait.', schema: { type: 'integer' } } },
  },
  Unavailable: errorAnswer('A service this needs is unavailable for now (code "unavailable").'),
  ServerError: errorAnswer('Unexpected failure (code "internal"); details are logged, not returned.'),
};

const ERROR_STATUS: Record<string, string> = {
  NotFound: '404',
  Conflict: '409',
  RateLimited: '429',
  Unavailable: '503',
};

const SECURITY: Record<Security, OperationObject['security']> = {
  public: [],
  optional: [{}, { bearerToken: [] }],
  read: [{ bearerToken: [] }],
  write: [{ bearerToken: [] }],
};

const ref = (name: string) => ({ $ref: `#/components/responses/${name}` });

/** Hono's `:id{.+}` → OpenAPI's `{id}`. */
export const toOpenApiPath = (path: string) => path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}');

/** A query or path schema's fields as OpenAPI parameters (description and example beside the schema). */
function parametersOf(schema: Operation['query'], place: 'query' | 'path'): ParameterObject[] {
  if (!schema) return [];
  const json = toJsonSchema(schema, 'input') as SchemaObject;
  const required = new Set(json.required ?? []);
  return Object.entries(json.properties ?? {}).map(([name, field]) => {
    const { description, examples, ...fieldSchema } = field;
    return {
      name,
      in: place,
      required: place === 'path' || required.has(name),
      ...(typeof description === 'string' ? { description } : {}),
      schema: fieldSchema,
      ...(Array.isArray(examples) ? { example: examples[0] } : {}),
    };
  });
}

function toOperationObject(op: Operation): OperationObject {
  const parameters = [...parametersOf(op.params, 'path'), ...parametersOf(op.query, 'query')];
  const responses: OperationObject['responses'] = {};
  for (const [status, answer] of Object.entries(op.answers)) {
    if (typeof answer === 'string') continue;
    const bodies =
      answer.content ?? (answer.schema ? { [answer.mediaType ?? 'application/json']: answer.schema } : {});
    const content = Object.fromEntries(
      Object.entries(bodies).map(([mediaType, schema]) => [mediaType, { schema: toJsonSchema(schema) }]),
    );
    responses[status] = {
      description: answer.description,
      ...(answer.headers ? { headers: answer.headers } : {}),
      ...(Object.keys(content).length > 0 ? { content } : {}),
    };
  }
  const isTokenCall = op.security !== 'public';
  if (parameters.length > 0 || op.body) responses['400'] = ref('BadRequest');
  if (isTokenCall) {
    responses['401'] = ref('Unauthorized');
    responses['403'] = ref('Forbidden');
  }
  for (const answer of Object.values(op.answers)) {
    if (typeof answer === 'string') responses[ERROR_STATUS[answer] ?? '500'] = ref(answer);
  }
  responses['500'] = ref('ServerError');
  return {
    operationId: op.operationId,
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    tags: op.tags,
    security: SECURITY[op.security],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(op.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: toJsonSchema(op.body, 'input') } },
          },
        }
      : {}),
    responses,
  };
}

/** The document for these operations, with the server URL taken from the configured base URL. */
export function buildOpenApiDocument(operations: readonly Operation[], site: SiteInfo): OpenApiDocument {
  const paths: Record<string, PathItemObject> = {};
  for (const op of operations) {
    const path = toOpenApiPath(op.path);
    paths[path] = { ...paths[path], [op.method]: toOperationObject(op) };
  }
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
    paths,
    components: {
      schemas: componentJsonSchemas() as Record<string, SchemaObject>,
      responses: ERROR_ANSWERS,
      securitySchemes: {
        bearerToken: {
          type: 'http',
          scheme: 'bearer',
          description:
            'A personal access token made on /account/tokens (`pb_…`), scope read or write. Cookies never authorise API writes.',
        },
      },
    },
  };
}
