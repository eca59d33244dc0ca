// Turns a page component into an HTML response with a doctype and the right status; the shared
// error-page response every page route and the app-level handlers use.

import type { Context, MiddlewareHandler } from 'hono';
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppContext } from '../context.js';
import type { User } from '../store/users.js';
import { type ErrorLink, ErrorPage } from './views/error-page.js';
import { type Site, siteOf } from './views/layout.js';

declare module 'hono' {
  interface ContextVariableMap {
    /** The layout's site data for this request's reader, set once by provideSite. */
    site: Site;
  }
}

/**
 * Sets `c.var.site`, the site as the layout shows it to this request's reader, once per request (after
 * the session middleware has found the reader): routes and views read it rather than building it.
 */
export function provideSite(ctx: AppContext): MiddlewareHandler {
  const base = siteOf(ctx.config);
  return async (c, next) => {
    const viewer = c.get('viewer');
    c.set('site', viewer ? { ...base, viewer: siteViewerOf(viewer) } : base);
    await next();
  };
}

/** What the layout shows of the signed-in reader. */
export function siteViewerOf(user: User): NonNullable<Site['viewer']> {
  return { username: user.username, displayName: user.displayName, isAdmin: user.isAdmin };
}

export async function renderPage(c: Context, page: JSX.Element, status: ContentfulStatusCode = 200) {
  // A JSX element renders to a string (or a promise of one with async components).
  const body = await (await page).toString();
  return c.html(`<!doctype html>${body}`, status);
}

export function renderError(
  c: Context,
  ctx: AppContext,
  status: ContentfulStatusCode,
  message: string,
  link?: ErrorLink,
) {
  // An error refused before provideSite ran (the request edge, CSRF) shows the site to nobody in particular.
  const site = c.get('site') ?? siteOf(ctx.config);
  return renderPage(c, ErrorPage({ site, status, message, link }), status);
}
