// Compression of everything the render cache does not hold (signed-in pages, search, forms): brotli
// or gzip by Accept-Encoding, for text bodies of 1 KB and more. Cached bodies arrive already encoded
// and pass through untouched; so do signed-in pages the cache splices, encoded by `encodeForClient`. Brotli at quality 4 keeps a signed-in page's extra cost near a
// millisecond; the cache's bodies, compressed once per change, get quality 5 (body-cache.ts).

import type { MiddlewareHandler } from 'hono';
import { type ContentCoding, chooseCoding, encodeBody } from './body-cache.js';

const MIN_BYTES = 1024;
const COMPRESSIBLE =
  /^(?:text\/|application\/(?:json|xml|rss\+xml|atom\+xml|feed\+json|javascript|ld\+json)|image\/svg\+xml)/;

export function compressResponses(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const res = c.res;
    // Headers first: reading `res.body` turns the node server's light response into a full one.
    if (c.req.method === 'HEAD' || res.status === 204 || res.status === 304) return;
    if (res.headers.has('content-encoding')) return;
    if (!COMPRESSIBLE.test(res.headers.get('content-type') ?? '')) return;
    if (/\bno-transform\b/.test(res.headers.get('cache-control') ?? '')) return;
    const coding = chooseCoding(c.req.header('accept-encoding'));
    appendVary(res.headers, 'Accept-Encoding');
    if (coding === 'identity' || !res.body) return;
    const body = new Uint8Array(await res.arrayBuffer());
    const headers = new Headers(res.headers);
    const encoded = await encodeForClient(body, coding);
    if (encoded.coding !== 'identity') headers.set('content-encoding', encoded.coding);
    headers.set('content-length', String(encoded.body.byteLength));
    // A strong ETag names the bytes sent; once they are compressed it names them no longer.
    const etag = headers.get('etag');
    if (encoded.body !== body && etag && !etag.startsWith('W/')) headers.set('etag', `W/${etag}`);
    c.res = undefined;
    c.res = new Response(encoded.body, { status: res.status, statusText: res.statusText, headers });
  };
}

/** A text body in the coding chosen for the client, when it is big enough to be worth compressing. */
export async function encodeForClient(
  body: Uint8Array,
  coding: ContentCoding,
): Promise<{ body: Uint8Array; coding: ContentCoding }> {
  if (coding === 'identity' || body.byteLength < MIN_BYTES) return { body, coding: 'identity' };
  return { body: await encodeBody(body, coding, 4), coding };
}

function appendVary(headers: Headers, name: string): void {
  const vary = headers.get('vary');
  if (!vary) headers.set('vary', name);
  else if (
    !vary
      .toLowerCase()
      .split(/\s*,\s*/)
      .includes(name.toLowerCase())
  )
    headers.set('vary', `${vary}, ${name}`);
}
