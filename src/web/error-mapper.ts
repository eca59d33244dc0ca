// The one error mapper of every surface: whatever a route threw (typed core errors, the request
// layer's 4xx, rate limits) is described once by lib/request-errors.ts, logged once, and answered
// as JSON `{error, code}` to the JSON surfaces (the API, feeds, and any request that asks for JSON,
// as app.js's vote button does) and as the HTML error page to everyone else. Mounted by
// web/routes/index.ts as the app's onError and notFound; the page feeds' sub-app (mounted at the
// root) mounts it with `json` set, since feed readers read JSON errors there too.

import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { errorBody, logRequestError } from '../api/json-error.js';
import type { AppContext } from '../context.js';
import { type DescribedError, describeError } from '../lib/request-errors.js';
import { renderError } from './render.js';

/** Whether the client asked for JSON (`Accept: application/json`), as scripts and app.js do. */
export function wantsJson(c: Context): boolean {
  return (c.req.header('accept') ?? '').includes('application/json');
}

function isJsonSurface(c: Context): boolean {
  const path = c.req.path;
  return path === '/api' || path.startsWith('/api/') || path.startsWith('/feeds/') || wantsJson(c);
}

export function respondWithError(
  c: Context,
  ctx: AppContext,
  error: Omit<DescribedError, 'kind'>,
  surface: 'json' | 'auto' = 'auto',
) {
  if (error.retryAfterSeconds !== undefined) c.header('Retry-After', String(error.retryAfterSeconds));
  if (surface === 'json' || isJsonSurface(c))
    return c.json(errorBody(error.code, error.message), error.status);
  return renderError(c, ctx, error.status, error.message);
}

export function errorHandler(ctx: AppContext, surface: 'json' | 'auto' = 'auto'): ErrorHandler {
  return (error, c) => {
    const described = describeError(error);
    logRequestError(ctx.log, c, error, described.status, described.kind);
    return respondWithError(c, ctx, described, surface);
  };
}

export function notFoundHandler(ctx: AppContext): NotFoundHandler {
  return (c) =>
    respondWithError(c, ctx, {
      status: 404,
      code: 'not_found',
      message: `There is no page at ${c.req.path}.`,
    });
}
