// Mounts every server-rendered page (assets, boards, paper pages, search) and the app-wide fallbacks:
// 404 and error handlers that answer HTML for pages and JSON {error:{code,message}} under /api/.

import type { Context, Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppContext } from '../../context.js';
import { AppError, httpStatusOf } from '../../lib/errors.js';
import { renderError } from '../render.js';
import { registerAccountRoutes } from './account.js';
import { registerAssetRoutes } from './assets.js';
import { registerAuthorRoutes } from './author.js';
import { registerBoardRoutes } from './board.js';
import { registerCitationExportRoutes } from './citation-exports.js';
import { registerCollectionRoutes } from './collections.js';
import { registerCommentRoutes } from './comments.js';
import { registerDigestAdminRoutes } from './digest-admin.js';
import { registerDigestSubscribeRoutes } from './digest-subscribe.js';
import { registerDigestSubscriptionRoutes } from './digest-subscription.js';
import { registerModerationRoutes } from './moderation.js';
import { registerPaperRoutes } from './paper.js';
import { registerSearchRoutes } from './search.js';
import { registerSubmitRoutes } from './submit.js';
import { registerTrendingRoutes } from './trending.js';
import { registerVoteRoutes } from './vote.js';

export function registerPageRoutes(app: Hono, ctx: AppContext): void {
  registerAssetRoutes(app);
  registerBoardRoutes(app, ctx);
  registerCitationExportRoutes(app, ctx);
  registerPaperRoutes(app, ctx);
  registerSearchRoutes(app, ctx);
  registerTrendingRoutes(app, ctx);
  registerVoteRoutes(app, ctx);
  registerSubmitRoutes(app, ctx);
  registerAuthorRoutes(app, ctx);
  registerCommentRoutes(app, ctx);
  registerCollectionRoutes(app, ctx);
  registerModerationRoutes(app, ctx);
  registerAccountRoutes(app, ctx);
  registerDigestSubscribeRoutes(app, ctx);
  registerDigestSubscriptionRoutes(app, ctx);
  registerDigestAdminRoutes(app, ctx);
  app.notFound((c) => respondWithError(c, ctx, 404, 'not_found', `There is no page at ${c.req.path}.`));
  app.onError((error, c) => {
    const described = describeError(error);
    const fields = { err: error, method: c.req.method, path: c.req.path, status: described.status };
    if (described.status >= 500) ctx.log.error(fields, 'request failed');
    else ctx.log.info(fields, 'request rejected');
    return respondWithError(c, ctx, described.status, described.code, described.message);
  });
}

interface DescribedError {
  status: ContentfulStatusCode;
  code: string;
  message: string;
}

const CODES_BY_STATUS: Record<number, string> = {
  400: 'invalid',
  403: 'forbidden',
  404: 'not_found',
  429: 'rate_limited',
  409: 'conflict',
  503: 'unavailable',
};

/** Typed core errors keep their message; anything unexpected becomes a 500 without internals. */
export function describeError(error: unknown): DescribedError {
  if (error instanceof AppError) {
    return { status: httpStatusOf(error.code), code: error.code, message: error.message };
  }
  if (error instanceof HTTPException && error.status >= 400 && error.status < 500) {
    const status = error.status as ContentfulStatusCode;
    return {
      status,
      code: CODES_BY_STATUS[status] ?? 'invalid',
      message: error.message || 'The request was rejected.',
    };
  }
  return { status: 500, code: 'internal', message: 'An unexpected error occurred; it has been logged.' };
}

function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

function respondWithError(
  c: Context,
  ctx: AppContext,
  status: ContentfulStatusCode,
  code: string,
  message: string,
) {
  if (isApiPath(c.req.path)) return c.json({ error: { code, message } }, status);
  return renderError(c, ctx, status, message);
}
