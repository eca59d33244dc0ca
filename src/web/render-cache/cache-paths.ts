// Which requests the render cache answers, and under which key: the cacheable paths, those whose
// answer is the same for every reader, those read from the search index, those a signed-in reader
// gets by splicing viewer slots, and the reads the front may answer before any middleware.

import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { prefersMarkdown } from '../accept-markdown.js';
import { hasFlash } from '../flash.js';
import { SESSION_COOKIE } from '../session.js';

/**
 * What anonymous readers of these paths see depends only on the store and the clock: boards
 * (`/`, `/date/…`, `/week/…`, `/month/…`), `/trending`, paper and author pages, the HF-shaped read
 * API (not search, whose index lags the change log, nor reading lists, which are not in it), and the
 * board, trending and comment feeds.
 */
const CACHEABLE =
  /^\/(?:$|date\/|week\/|month\/|trending$|papers\/|authors\/|api\/daily_papers$|api\/papers\/(?!search$)|feeds\/(?:daily|trending)\.|feeds\/papers\/)/;

/** Paper pages come as HTML or, asked with `Accept: text/markdown`, as Markdown at the same URL. */
export function isNegotiatedPath(path: string): boolean {
  return path.startsWith('/papers/');
}

export function isCacheablePath(path: string): boolean {
  return CACHEABLE.test(path);
}

/**
 * The cacheable paths whose answer is the same for every reader, signed in or not: the JSON API and
 * the feeds never look at the session (reading lists, which do, are not cacheable).
 */
export const VIEWER_INDEPENDENT = /^\/(?:api|feeds)\//;

/** Cacheable pages that read the search index, which lags the change log by up to a poll. */
export const SEARCH_BACKED = /^\/authors\//;

/** Pages whose only reader-dependent parts are viewer slots (views/viewer-slot.tsx). */
export const SPLICEABLE = /^\/(?:$|date\/|week\/|month\/|trending$|authors\/|papers\/)/;

/** The URL, and the representation where the path negotiates one (a paper as Markdown). */
export function keyOf(c: Context): string {
  const url = new URL(c.req.url);
  const variant = isNegotiatedPath(c.req.path) && prefersMarkdown(c.req.header('accept')) ? ' markdown' : '';
  return `${url.pathname}${url.search}${variant}`;
}

/**
 * A GET or HEAD of a cacheable path, without a body, from a reader with no session cookie (or of the
 * API and feeds, whoever asks): what the middlewares between the front and the cache would pass
 * through unchanged (the edge checks ran when the entry was rendered for this very URL; an anonymous
 * reader's session is none).
 */
export function isAnonymousRead(c: Context): boolean {
  if (!isBodilessRead(c) || !isCacheablePath(c.req.path)) return false;
  // The API and feeds are the same for every reader: a session cookie changes nothing there.
  if (VIEWER_INDEPENDENT.test(c.req.path)) return true;
  const cookie = c.req.header('cookie');
  return cookie === undefined || getCookie(c, SESSION_COOKIE) === undefined;
}

/**
 * The session secret of a GET or HEAD of a spliceable page, without a body or a one-time notice (which
 * its route renders): a signed-in read the front may answer by splicing the cached page, for the same
 * reason as an anonymous one — the middlewares it skips would pass it unchanged, save the session
 * lookup, which the front makes itself.
 */
export function signedInPageRead(c: Context): string | undefined {
  if (!isBodilessRead(c) || !SPLICEABLE.test(c.req.path) || !isCacheablePath(c.req.path)) return undefined;
  if (c.req.header('cookie') === undefined || hasFlash(c)) return undefined;
  return getCookie(c, SESSION_COOKIE);
}

function isBodilessRead(c: Context): boolean {
  const method = c.req.method;
  if (method !== 'GET' && method !== 'HEAD') return false;
  return c.req.header('content-length') === undefined && c.req.header('transfer-encoding') === undefined;
}
