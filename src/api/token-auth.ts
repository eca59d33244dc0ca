// Who a JSON API request acts for: the owner of the personal access token in `Authorization: Bearer`
// (made on /account/tokens), never a cookie. Public reads ignore tokens altogether (so a client that
// sends its huggingface.co token everywhere still reads); whoami and every write call
// `requireToken`, which answers 401 for a missing, unknown or revoked token, 403 for a banned owner
// or a read-only token used to write. Called by api/write-routes.ts and api/collection-write-routes.ts.

import type { Context } from 'hono';
import { hashSecret, newSecret } from '../accounts/secrets.js';
import type { AppContext } from '../context.js';
import { AppError } from '../lib/errors.js';
import { type ApiToken, type TokenScope, useApiToken } from '../store/api-tokens.js';
import type { User } from '../store/users.js';

declare module 'hono' {
  interface ContextVariableMap {
    /** The token a request was authorised by, once requireToken has checked it. */
    apiToken: { token: ApiToken; user: User } | undefined;
  }
}

/** Recognisable in logs and secret scanners, like HF's `hf_`; the rest is 256 random bits. */
export const TOKEN_PREFIX = 'pb_';

export function newApiTokenSecret(): string {
  return `${TOKEN_PREFIX}${newSecret()}`;
}

const BEARER = /^Bearer[ \t]+([A-Za-z0-9._~+/=-]{1,200})[ \t]*$/i;

function unauthorized(c: Context, message: string): AppError {
  // RFC 6750 §3: a 401 names the scheme the client should use.
  c.header('WWW-Authenticate', 'Bearer realm="api"');
  return new AppError('unauthorized', message);
}

/** The token's owner, if the token is live, the owner not banned and the scope enough; else throws. */
export async function requireToken(c: Context, ctx: AppContext, scope: TokenScope): Promise<User> {
  let found = c.get('apiToken');
  if (!found) {
    const header = c.req.header('authorization');
    const secret = header === undefined ? undefined : BEARER.exec(header)?.[1];
    if (secret === undefined) {
      throw unauthorized(
        c,
        header === undefined
          ? 'This endpoint needs an API token: send `Authorization: Bearer <token>` (make one on /account/tokens). Cookies do not authorise API requests.'
          : 'The Authorization header is not `Bearer <token>`.',
      );
    }
    found = await useApiToken(ctx.database.db, hashSecret(secret), ctx.now().toISOString());
    if (!found) throw unauthorized(c, 'Invalid API token: it is unknown or has been revoked.');
    c.set('apiToken', found);
  }
  if (found.user.isBanned)
    throw new AppError('forbidden', 'This account is banned; its tokens cannot be used.');
  if (scope === 'write' && found.token.scope !== 'write') {
    throw new AppError(
      'forbidden',
      `The token “${found.token.name}” is read-only; this needs a token with the write scope.`,
    );
  }
  return found.user;
}
