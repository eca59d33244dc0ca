// Builds the Hono application: request logging, security headers, health check, the request
// layer's edge checks (request-edge.ts, csrf.ts), pages, JSON API and feeds, with compression and
// the anonymous readers' render cache (render-cache/) in front of the routes.
// The CLI's `serve` command mounts it on @hono/node-server; tests call `app.request()` directly.

import type { IncomingMessage } from 'node:http';
import { Hono } from 'hono';
import { registerFeedRoutes } from '../api/feeds/routes.js';
import { registerHealthRoute } from '../api/health-route.js';
import { OperationTable } from '../api/operation.js';
import { registerApiRoutes } from '../api/routes.js';
import type { AppContext } from '../context.js';
import { isClientAbort } from '../lib/request-errors.js';
import { csrfProtection } from './csrf.js';
import { provideSite } from './render.js';
import { compressResponses } from './render-cache/compress.js';
import { createRenderCache, RENDER_REFRESH } from './render-cache/render-cache.js';
import { limitBodies, refuseHostilePaths, refuseHostileText } from './request-edge.js';
import { routingPath } from './request-path.js';
import { registerPageRoutes } from './routes/index.js';
import { securityHeaders } from './security-headers.js';
import { sessionMiddleware } from './session.js';

/**
 * Whether the client hung up before the answer. Under the node server its socket says so; asking the
 * request's signal instead would build an AbortController for every request just to be asked once.
 */
function clientWentAway(env: unknown, raw: Request): boolean {
  const socket = (env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket;
  return socket ? socket.destroyed : isClientAbort(raw.signal);
}

export function createApp(ctx: AppContext): Hono {
  const app = new Hono({ getPath: routingPath });

  app.use(async (c, next) => {
    const started = performance.now();
    // Kept from the start: the body limit swaps c.req.raw for a buffered copy.
    const raw = c.req.raw;
    await next();
    const isAborted = clientWentAway(c.env, raw);
    ctx.log.info(
      {
        method: c.req.method,
        path: c.req.path,
        // 499, as nginx logs it: the client closed the connection before the answer.
        status: isAborted ? 499 : c.res.status,
        duration_ms: Math.round((performance.now() - started) * 10) / 10,
      },
      isAborted ? 'request aborted by client' : 'request',
    );
  });

  const cache =
    ctx.config.renderCacheMb > 0
      ? createRenderCache(ctx, {
          maxBytes: ctx.config.renderCacheMb * 1024 * 1024,
          maxAgeMs: ctx.config.renderCacheSeconds * 1000,
          ...(ctx.searchRevision ? { searchRevision: ctx.searchRevision } : {}),
          searchLagMs: ctx.config.searchPollMs,
          renderAnonymous: async (url, request) =>
            app.request(
              url,
              { headers: request?.accept ? { accept: request.accept } : {} },
              request?.refresh ? { [RENDER_REFRESH]: true } : undefined,
            ),
        })
      : undefined;
  // An anonymous reader's cached page is answered here, before the middlewares it would pass unchanged.
  if (cache) app.use(cache.front);
  app.use(securityHeaders());
  const operations = new OperationTable();
  registerHealthRoute(app, ctx, operations);

  // The request layer's edge, in order: paths no route should see, the origin check for every
  // state-changing request, bounded bodies, then bodies that parse and text without control characters.
  app.use(refuseHostilePaths());
  app.use(csrfProtection(ctx));
  app.use(limitBodies());
  app.use(refuseHostileText());
  app.use(sessionMiddleware(ctx));
  app.use(provideSite(ctx));
  app.use(compressResponses());
  if (cache) app.use(cache.middleware);

  registerApiRoutes(app, ctx, operations);
  registerFeedRoutes(app, ctx, operations);
  registerPageRoutes(app, ctx);
  return app;
}
