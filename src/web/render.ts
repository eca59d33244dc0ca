// Turns a page component into an HTML response with a doctype and the right status; the shared
// error-page response every page route and the app-level handlers use.

import type { Context } from 'hono';
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppContext } from '../context.js';
import type { User } from '../store/users.js';
import { type ErrorLink, ErrorPage } from './views/error-page.js';
import { type Site, siteOf } from './views/layout.js';

/** The site as a page shows it to this request's reader. */
export function siteFor(c: Context, ctx: AppContext): Site {
  const viewer = c.get('viewer');
  return { ...siteOf(ctx.config), viewer: viewer ? siteViewerOf(viewer) : undefined };
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
  return renderPage(c, ErrorPage({ site: siteFor(c, ctx), status, message, link }), status);
}
