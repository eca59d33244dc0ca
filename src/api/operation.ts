// The API's request layer: an operation is declared once (method, path, zod schemas for its query,
// path and body, security, answers) and `registerOperation` mounts it with Hono's validator in front
// of the handler, which receives typed, validated input. The same declarations make the OpenAPI
// document (openapi.ts), so what is documented is what is checked. Used by api/ and feeds/ routes.

import type { Context, Handler, Hono, MiddlewareHandler } from 'hono';
import { validator } from 'hono/validator';
import type { z } from 'zod';
import type { AppContext } from '../context.js';
import { invalid } from '../lib/errors.js';
import type { TokenScope } from '../store/api-tokens.js';
import type { User } from '../store/users.js';
import { requireToken } from './token-auth.js';

export type HttpMethod = 'get' | 'post' | 'patch' | 'delete';

/** `public`: anyone; a scope: a token with it (cookies never); `optional`: anyone, a token says who. */
export type Security = 'public' | 'optional' | TokenScope;

/** An answer: a zod schema for JSON, or for another media type; `content` when it has several. */
export interface Answer {
  description: string;
  schema?: z.ZodType;
  mediaType?: string;
  /** The body per media type, for an answer whose type the request picks (a feed's extension). */
  content?: Record<string, z.ZodType>;
  headers?: Record<string, { description: string; schema: Record<string, unknown> }>;
}

/** The shared error answers (components.responses) an operation may give besides 400/401/403/500. */
export type ErrorAnswer = 'NotFound' | 'Conflict' | 'RateLimited' | 'Unavailable';

export interface Operation<
  Q extends z.ZodType = z.ZodType,
  P extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  S extends Security = Security,
> {
  method: HttpMethod;
  /** The full public path in Hono's syntax (`/api/papers/:id{.+}/similar`). */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tags: Array<'papers' | 'feeds' | 'writes' | 'meta'>;
  security: S;
  query?: Q;
  params?: P;
  body?: B;
  answers: Record<string, Answer | ErrorAnswer>;
}

type Out<T extends z.ZodType | undefined> = T extends z.ZodType ? z.output<T> : undefined;

export interface OperationInput<Q, P, B, S> {
  query: Out<Q & z.ZodType>;
  params: Out<P & z.ZodType>;
  body: Out<B & z.ZodType>;
  /** The token's owner for token operations. */
  user: S extends TokenScope ? User : undefined;
}

export type OperationHandler<Q, P, B, S> = (
  c: Context,
  input: OperationInput<Q, P, B, S>,
) => Response | Promise<Response>;

/** The operations mounted on one app, in order; the OpenAPI document is built from them. */
export class OperationTable {
  readonly operations: Operation[] = [];

  add(operation: Operation): void {
    this.operations.push(operation);
  }
}

/** An operation as a route declares it: the schemas' types flow to the handler's input. */
export type OperationSpec<Q, P, B, S extends Security> = Omit<
  Operation,
  'query' | 'params' | 'body' | 'security'
> & { query?: Q; params?: P; body?: B; security: S };

/** `registerOperation` for one app, mount and table: what a routes module calls `route`. */
export function operationsOn(app: Hono, mount: string, ctx: AppContext, table: OperationTable) {
  return <
    Q extends z.ZodType | undefined = undefined,
    P extends z.ZodType | undefined = undefined,
    B extends z.ZodType | undefined = undefined,
    S extends Security = Security,
  >(
    operation: OperationSpec<Q, P, B, S>,
    handler: OperationHandler<Q, P, B, S>,
  ) => registerOperation(app, mount, ctx, table, operation, handler);
}

/** The first problem zod found, naming the field: the 400's message. */
function describeIssue(error: z.ZodError, where: string): string {
  const issue = error.issues[0];
  if (!issue) return `${where}: invalid`;
  // Query and path fields write messages that name their parameter already.
  if (issue.code === 'custom' || where !== 'body') return issue.message;
  return `${issue.path.length ? issue.path.join('.') : 'body'}: ${issue.message}`;
}

function parseWith(schema: z.ZodType, value: unknown, where: string): unknown {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalid(describeIssue(parsed.error, where));
  return parsed.data;
}

/** Query values as Hono's validator gives them: a repeated parameter the schema reads is an error. */
function singleValues(schema: z.ZodType, value: Record<string, string | string[]>): Record<string, string> {
  const known = 'shape' in schema ? (schema.shape as Record<string, unknown>) : inputShape(schema);
  const single: Record<string, string> = {};
  for (const [name, values] of Object.entries(value)) {
    if (!known || !(name in known)) continue;
    if (Array.isArray(values)) throw invalid(`${name} may be given only once`);
    single[name] = values;
  }
  return single;
}

/** The object schema under a transform (`z.object(...).transform(...)`), for its field names. */
function inputShape(schema: z.ZodType): Record<string, unknown> | undefined {
  const def = (schema as { def?: { in?: z.ZodType } }).def;
  const inner = def?.in;
  return inner && 'shape' in inner ? (inner.shape as Record<string, unknown>) : undefined;
}

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;

/**
 * Mounts an operation on `app` (a sub-app mounted at `mount`): the token check first (so a caller
 * without one learns that before anything about its input), then path, query and body through
 * Hono's validator, then the handler with the parsed values.
 */
export function registerOperation<
  Q extends z.ZodType | undefined,
  P extends z.ZodType | undefined,
  B extends z.ZodType | undefined,
  S extends Security,
>(
  app: Hono,
  mount: string,
  ctx: AppContext,
  table: OperationTable,
  operation: OperationSpec<Q, P, B, S>,
  handler: OperationHandler<Q, P, B, S>,
): void {
  table.add(operation as Operation);
  const { query, params, body, security } = operation;
  const isTokenCall = security === 'read' || security === 'write';
  const middlewares: MiddlewareHandler[] = [];
  if (isTokenCall) {
    middlewares.push(async (c, next) => {
      await requireToken(c, ctx, security);
      await next();
    });
  }
  if (params) middlewares.push(validator('param', (value) => parseWith(params, value, 'path')));
  if (query) {
    middlewares.push(validator('query', (value) => parseWith(query, singleValues(query, value), 'query')));
  }
  if (body) {
    middlewares.push(
      validator('json', (value, c) => {
        const mediaType = c.req.header('content-type')?.split(';')[0]?.trim() ?? '';
        if (!JSON_MEDIA_TYPE.test(mediaType))
          throw invalid('The request body must be JSON (Content-Type: application/json).');
        return parseWith(body, value, 'body');
      }),
    );
  }
  const path = operation.path.slice(mount.length) || '/';
  const respond: Handler = (c) => {
    const valid = (target: 'param' | 'query' | 'json') => (c.req.valid as (t: string) => unknown)(target);
    const input = {
      query: query ? valid('query') : undefined,
      params: params ? valid('param') : undefined,
      body: body ? valid('json') : undefined,
      // requireToken keeps what it checked on the context.
      user: isTokenCall ? c.get('apiToken')?.user : undefined,
    } as OperationInput<Q, P, B, S>;
    return handler(c, input);
  };
  app.on(operation.method.toUpperCase(), [path], ...middlewares, respond);
}
