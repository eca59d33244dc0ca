// Security headers on every response: a Content-Security-Policy with no inline or third-party
// script (our one script is /assets/app.js), no framing, no MIME sniffing, no Referer leaking what
// readers read. Inline style attributes stay allowed: KaTeX positions glyphs with them.

import { Hono, type MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { THUMBNAIL_ORIGIN } from '../model/thumbnail.js';

export function securityHeaders(): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      // HF's thumbnail CDN and nothing else remote (model/thumbnail.ts): a reader's browser fetches
      // the same images huggingface.co shows, with no Referer (below), so HF learns no page address.
      imgSrc: ["'self'", 'data:', THUMBNAIL_ORIGIN],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
    xContentTypeOptions: true,
  });
}

/**
 * The headers securityHeaders() sets, as a record, for responses answered before it runs (the render
 * cache's front, render-cache.ts). They depend on nothing in the request (no nonce), so running the
 * middleware once gives every response's set, and the library stays the one that decides them.
 */
export async function securityHeaderRecord(): Promise<Record<string, string>> {
  const probe = new Hono().use(securityHeaders()).get('/', (c) => c.body(null, 204));
  const response = await probe.request('/');
  const record: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    record[name] = value;
  });
  return record;
}
