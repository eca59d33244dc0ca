// Conditional GET for generated documents (feeds): a strong ETag from the body's hash, a 304 when
// If-None-Match matches (RFC 9110 §13.1.2, weak comparison), and a public Cache-Control.

import { createHash } from 'node:crypto';
import type { Context } from 'hono';

export function etagOf(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
}

/** Does an If-None-Match header value (a list, `*`, or weak tags) match this ETag? */
export function isNotModified(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}

/** The body with ETag and Cache-Control, or an empty 304 when the client already has it. */
export function respondCached(c: Context, body: string, contentType: string, maxAgeSeconds = 300): Response {
  const etag = etagOf(body);
  c.header('ETag', etag);
  c.header('Cache-Control', `public, max-age=${maxAgeSeconds}`);
  if (isNotModified(c.req.header('If-None-Match'), etag)) return c.body(null, 304);
  c.header('Content-Type', contentType);
  return c.body(body, 200);
}
