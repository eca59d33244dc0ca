// Mounts every server-rendered page (assets, boards, paper pages, search) and the app-wide fallbacks:
// the one error mapper (error-mapper.ts) for 404s and errors, pages and JSON surfaces alike.

import type { Hono } from 'hono';
import type { AppContext } from '../../context.js';
import { errorHandler, notFoundHandler } from '../error-mapper.js';
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
  app.notFound(notFoundHandler(ctx));
  app.onError(errorHandler(ctx));
}
