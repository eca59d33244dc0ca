// Cross-site request forgery: a state-changing form POST must come from one of our own pages, as
// the browser's Origin (or Sec-Fetch-Site) header says (hono's csrf middleware checks them). Cookies
// are SameSite=Lax as well, so a forged cross-site POST carries no session either way. One route,
// RFC 8058 one-click unsubscribe, is exempt (see below).

import type { MiddlewareHandler } from 'hono';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
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

export function csrfProtection(ctx: AppContext): MiddlewareHandler {
  const siteOrigin = new URL(ctx.config.baseUrl).origin;
  const check = csrf({
    origin: (origin, c) => origin === siteOrigin || origin === new URL(c.req.url).origin,
  });
  return async (c, next) => {
    if (isCsrfExempt(c.req.method, c.req.path)) return next();
    try {
      await check(c, next);
    } catch (error) {
      if (error instanceof HTTPException && error.status === 403) {
        throw new AppError(
          'forbidden',
          'This form was sent from another site (or without an Origin header), so it was refused. Submit it again from this site.',
        );
      }
      throw error;
    }
  };
}
