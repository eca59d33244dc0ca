// Who is asking: the session cookie's user on every request that carries one (anonymous requests
// cost no query), and the cookies sign-in sets. Cookies are HttpOnly and SameSite=Lax, and Secure
// when the site is served over HTTPS (BASE_URL), so scripts cannot read them and other sites'
// forms cannot send them along with a POST.

import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { hashSecret } from '../accounts/secrets.js';
import type { AppContext } from '../context.js';
import { findSessionUser, findSessionUserAndVotes } from '../store/sessions.js';
import type { User } from '../store/users.js';

declare module 'hono' {
  interface ContextVariableMap {
    /** The signed-in user, if any. */
    viewer: User | undefined;
  }
}

export const SESSION_COOKIE = 'pb_session';
/** Binds an emailed sign-in link to the browser that asked for it. */
export const SIGN_IN_COOKIE = 'pb_signin';

function isHttps(ctx: AppContext): boolean {
  return ctx.config.baseUrl.startsWith('https:');
}

export function setSecretCookie(
  c: Context,
  ctx: AppContext,
  name: string,
  value: string,
  options: { maxAgeSeconds: number; path?: string },
): void {
  setCookie(c, name, value, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: isHttps(ctx),
    path: options.path ?? '/',
    maxAge: options.maxAgeSeconds,
  });
}

export function clearCookie(c: Context, ctx: AppContext, name: string, path = '/'): void {
  deleteCookie(c, name, { path, secure: isHttps(ctx), httpOnly: true, sameSite: 'Lax' });
}

/**
 * The session middleware's lookup with which of these papers the viewer upvoted, in one round trip on
 * PostgreSQL: the render cache's front splicing a cached page for a signed-in reader.
 */
export async function findViewerAndVotes(
  ctx: AppContext,
  secret: string,
  paperIds: number[],
): Promise<{ viewer: User; votedIds: Set<number> } | undefined> {
  const found = await findSessionUserAndVotes(
    ctx.database.db,
    hashSecret(secret),
    ctx.now().toISOString(),
    paperIds,
  );
  return found && { viewer: found.user, votedIds: found.votedIds };
}

export function sessionMiddleware(ctx: AppContext): MiddlewareHandler {
  return async (c, next) => {
    const secret = getCookie(c, SESSION_COOKIE);
    c.set(
      'viewer',
      secret
        ? await findSessionUser(ctx.database.db, hashSecret(secret), ctx.now().toISOString())
        : undefined,
    );
    await next();
  };
}
