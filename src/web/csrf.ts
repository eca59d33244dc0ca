// Cross-site request forgery: every state-changing request (any method but GET, HEAD and OPTIONS,
// whatever its content type) must come from one of our own pages, as the browser's Origin (or
// Sec-Fetch-Site) header says. Cookies are SameSite=Lax as well, so a forged cross-site POST carries
// no session either way. Two kinds of request are exempt: RFC 8058 one-click unsubscribe, and
// requests authorised by an API token rather than a cookie (see below).

import type { Context, MiddlewareHandler } from 'hono';
import type { AppContext } from '../context.js';
import { AppError } from '../lib/errors.js';

/**
 * The one exemption: a digest's unsubscribe link. RFC 8058 ("one-click" List-Unsubscribe) has the
 * mail provider POST `List-Unsubscribe=One-Click` to that URL from its own servers, without cookies
 * and usually without an Origin header, so the origin check would refuse it. The HMAC-signed
 * subscriber token in the path authorises the request instead (digest/signed-links.ts), and all
 * such a POST can do is unsubscribe that one address. Only this exact path shape, only POST.
 */
const ONE_CLICK_UNSUBSCRIBE = /^\/subscription\/\d{1,10}\/[A-Za-z0-9_-]{32}\/unsubscribe$/;

export function isCsrfExempt(method: string, path: string): boolean {
  return method === 'POST' && ONE_CLICK_UNSUBSCRIBE.test(path);
}

/**
 * A request that carries a token (`Authorization: Bearer`) and no cookie: nothing a forged page
 * could make a browser send on its own, since a browser attaches cookies, never tokens. Such a
 * request is authorised by the token alone (never by a cookie), so the origin check does not apply.
 */
export function isTokenRequest(c: Context): boolean {
  return /^Bearer\s/i.test(c.req.header('authorization') ?? '') && c.req.header('cookie') === undefined;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function csrfProtection(ctx: AppContext): MiddlewareHandler {
  const siteOrigin = new URL(ctx.config.baseUrl).origin;
  const isOwnOrigin = (c: Context, origin: string | undefined) =>
    origin !== undefined && (origin === siteOrigin || origin === new URL(c.req.url).origin);
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method) || isCsrfExempt(c.req.method, c.req.path) || isTokenRequest(c)) {
      return next();
    }
    // As hono's csrf middleware decides, but for every content type: it checks only form types.
    if (c.req.header('sec-fetch-site') !== 'same-origin' && !isOwnOrigin(c, c.req.header('origin'))) {
      throw new AppError(
        'forbidden',
        'This request was sent from another site (or without an Origin header), so it was refused. Send it again from this site.',
      );
    }
    await next();
  };
}
