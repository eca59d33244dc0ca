// API tokens for tests, made the way a reader makes them: POST /account/tokens with their session,
// the secret read from the page that shows it once. And requests as a script sends them (Bearer, JSON).
import assert from 'node:assert/strict';
import type { Hono } from 'hono';

export async function makeToken(
  app: Hono,
  cookie: string,
  name: string,
  scope: 'read' | 'write',
): Promise<string> {
  const response = await app.request('/account/tokens', {
    method: 'POST',
    body: new URLSearchParams({ name, scope }),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin: 'http://paperboard.test',
      cookie,
    },
  });
  assert.equal(response.status, 201);
  const secret = /<code id="new-token-secret">(pb_[A-Za-z0-9_-]+)<\/code>/.exec(await response.text())?.[1];
  assert.ok(secret, 'the new token is shown');
  return secret;
}

/** A JSON request with a token and no cookie, as huggingface_hub or curl sends it. */
export function apiRequest(
  app: Hono,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Response> {
  return Promise.resolve(
    app.request(path, {
      method,
      ...(options.body === undefined
        ? {}
        : { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }),
      headers: {
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...options.headers,
      },
    }),
  );
}
