// Mounts every server-rendered page (assets, boards, paper pages, search) and the app-wide fallbacks:
// 404 and error handlers that answer HTML for pages and JSON {error:{code,message}} under /api/ and
// /feeds/; lib/request-errors.ts decides the status, code and message.

import type { Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { type ApiErrorCode, errorBody, logRequestError } from '../../api/json-error.js';
import type { AppContext } from '../../context.js';
import { describeError } from '../../lib/request-errors.js';
import { renderError } from '../render.js';
import { registerAccountRoutes } from './account.js';
import { registerAccountRecommendationRoutes } from './account-recommendations.js';
import { registerAccountTokenRoutes } from './account-tokens.js';
import { registerAssetRoutes } from './assets.js';
import { registerAuthorRoutes } from './author.js';
import { registerBoardRoutes } from './board.js';
import { registerCitationExportRoutes } from './citation-exports.js';
import { registerCollectionRoutes } from './collections.js';
import { registerCommentPreviewRoutes } from './comment-preview.js';
import { registerCommentRoutes } from './comments.js';
import { registerDigestAdminRoutes } from './digest-admin.js';
import { registerDigestSubscribeRoutes } from './digest-subscribe.js';
import { registerDigestSubscriptionRoutes } from './digest-subscription.js';
import { registerForYouRoutes } from './for-you.js';
import { registerModerationRoutes } from './moderation.js';
import { registerPaperRoutes } from './paper.js';
import { registerSearchRoutes } from './search.js';
import { registerSubmitRoutes } from './submit.js';
import { registerTrendingRoutes } from './trending.js';
import { registerUpvoteRoutes } from './upvotes.js';
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
  registerCommentPreviewRoutes(app, ctx);
  registerCommentRoutes(app, ctx);
  registerCollectionRoutes(app, ctx);
  registerModerationRoutes(app, ctx);
  registerUpvoteRoutes(app, ctx);
  registerForYouRoutes(app, ctx);
  registerAccountRoutes(app, ctx);
  registerAccountTokenRoutes(app, ctx);
  registerAccountRecommendationRoutes(app, ctx);
  registerDigestSubscribeRoutes(app, ctx);
  registerDigestSubscriptionRoutes(app, ctx);
  registerDigestAdminRoutes(app, ctx);
  app.notFound((c) => respondWithError(c, ctx, 404, 'not_found', `There is no page at ${c.req.path}.`));
  app.onError((error, c) => {
    const described = describeError(error);
    logRequestError(ctx.log, c, error, described.status, described.kind);
    return respondWithError(c, ctx, described.status, described.code, described.message);
  });
}

/** The JSON surfaces: the API and the feeds (whose sub-apps answer their own errors as JSON too). */
function isJsonPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/') || path.startsWith('/feeds/');
}

function respondWithError(
  c: Context,
  ctx: AppContext,
  status: ContentfulStatusCode,
  code: ApiErrorCode,
  message: string,
) {
  if (isJsonPath(c.req.path)) return c.json(errorBody(code, message), status);
  return renderError(c, ctx, status, message);
}
