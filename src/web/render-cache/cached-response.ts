// A rendered response as a cache entry (its body read once and stored in every coding), and an entry
// as the response a reader gets: in the coding they accept, or a 304 when their validators match.

import type { Context } from 'hono';
import { isNotModified } from '../../api/http-cache.js';
import { type CachedBody, type ContentCoding, chooseCoding, compressAll, weakEtagOf } from './body-cache.js';
import { isNegotiatedPath } from './cache-paths.js';

/** Pages change with every vote: browsers may keep them but must ask (a 304 costs little). */
const DEFAULT_CACHE_CONTROL = 'no-cache';
/** Never replayed from the cache: per-response or per-client headers, and those we set ourselves. */
const UNSTORED_HEADERS = new Set(['set-cookie', 'etag', 'last-modified', 'date', 'content-length', 'vary']);

/** A cacheable response as an entry (its body read and compressed); undefined if it must not be kept. */
export async function toEntry(
  res: Response,
  revision: number,
  storedAt: number,
): Promise<CachedBody | undefined> {
  if (res.status !== 200 || res.headers.has('set-cookie')) return undefined;
  const cacheControl = res.headers.get('cache-control') ?? '';
  if (/\b(?:private|no-store)\b/i.test(cacheControl)) return undefined;
  const identity = new Uint8Array(await res.clone().arrayBuffer());
  const headers: [string, string][] = [];
  res.headers.forEach((value, name) => {
    if (!UNSTORED_HEADERS.has(name)) headers.push([name, value]);
  });
  if (!res.headers.has('cache-control')) headers.push(['cache-control', DEFAULT_CACHE_CONTROL]);
  return {
    revision,
    storedAt,
    status: res.status,
    headers,
    etag: weakEtagOf(identity),
    bodies: await compressAll(identity),
  };
}

type Answer = ContentCoding | 'not-modified';

/**
 * The response headers of an entry, built once per entry and answer (each coding, or a 304) as the
 * plain record the node server writes as is: a hit sets no header one by one. They include the
 * security headers, so a hit answered by the front needs nothing from the middlewares it skips.
 */
export class ResponseHeaders {
  #security: Record<string, string> | undefined;
  readonly #built = new WeakMap<CachedBody, Map<Answer, Record<string, string>>>();
  readonly #private = new WeakMap<CachedBody, Record<string, string>>();

  get isReady(): boolean {
    return this.#security !== undefined;
  }

  useSecurityHeaders(record: Record<string, string>): void {
    this.#security = record;
  }

  respond(c: Context, entry: CachedBody): Response {
    if (isFresh(c, entry))
      return new Response(null, { status: 304, headers: this.#headers(c, entry, 'not-modified') });
    const coding = chooseCoding(c.req.header('accept-encoding'));
    const body = entry.bodies[coding];
    // Bodies too small to compress are the same bytes in every coding, sent without an encoding.
    const answer = body === entry.bodies.identity ? 'identity' : coding;
    const headers = this.#headers(c, entry, answer);
    return new Response(c.req.method === 'HEAD' ? null : body, { status: entry.status, headers });
  }

  /**
   * A page spliced from this entry for one signed-in reader: private, never a 304 (its bytes are no
   * entry's), its headers built once per entry but for the length and coding of this reader's body.
   */
  forReader(c: Context, entry: CachedBody, body: Uint8Array, coding: ContentCoding): Response {
    let base = this.#private.get(entry);
    if (!base) {
      base = { ...this.#security, ...Object.fromEntries(entry.headers) };
      base['cache-control'] = 'private, no-cache';
      base.vary = varyOf(c);
      this.#private.set(entry, base);
    }
    const headers: Record<string, string> = { ...base, 'content-length': String(body.byteLength) };
    if (coding !== 'identity') headers['content-encoding'] = coding;
    return new Response(c.req.method === 'HEAD' ? null : body, { status: entry.status, headers });
  }

  #headers(c: Context, entry: CachedBody, answer: Answer): Record<string, string> {
    let forEntry = this.#built.get(entry);
    if (!forEntry) {
      forEntry = new Map();
      this.#built.set(entry, forEntry);
    }
    let headers = forEntry.get(answer);
    if (!headers) {
      headers = { ...this.#security, ...Object.fromEntries(entry.headers) };
      headers.etag = entry.etag;
      headers['last-modified'] = new Date(entry.storedAt).toUTCString();
      headers.vary = varyOf(c);
      if (answer !== 'not-modified') {
        if (answer !== 'identity') headers['content-encoding'] = answer;
        headers['content-length'] = String(entry.bodies[answer].byteLength);
      }
      forEntry.set(answer, headers);
    }
    return headers;
  }
}

/** Anonymous and signed-in readers get different pages at one URL; the coding varies too. */
function varyOf(c: Context): string {
  return isNegotiatedPath(c.req.path) ? 'Accept, Accept-Encoding, Cookie' : 'Accept-Encoding, Cookie';
}

/** RFC 9110 §13.2.2: If-None-Match decides when present; If-Modified-Since only without it. */
function isFresh(c: Context, entry: CachedBody): boolean {
  const ifNoneMatch = c.req.header('if-none-match');
  if (ifNoneMatch !== undefined) return isNotModified(ifNoneMatch, entry.etag);
  const since = Date.parse(c.req.header('if-modified-since') ?? '');
  // HTTP dates have whole seconds: an entry stored within the second the client saw is unchanged.
  return Number.isFinite(since) && Math.floor(entry.storedAt / 1000) * 1000 <= since;
}
