// Cross-site request forgery: a state-changing form POST must come from one of our own pages, as
// the browser's Origin (or Sec-Fetch-Site) header says (hono's csrf middleware checks them). Cookies
// are SameSite=Lax as well, so a forged cross-site POST carries no session either way.

import type { MiddlewareHandler } from 'hono';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import type { AppContext } from '../context.js';
import { AppError } from '../lib/errors.js';

export function csrfProtection(ctx: AppContext): MiddlewareHandler {
  const siteOrigin = new URL(ctx.config.baseUrl).origin;
  const check = csrf({
    origin: (origin, c) => origin === siteOrigin || origin === new URL(c.req.url).origin,
  });
  return async (c, next) => {
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
