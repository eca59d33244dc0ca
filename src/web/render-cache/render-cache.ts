// The render cache: what anonymous readers see — boards, trending, paper and author pages, the
// HF-shaped API and the board feeds — served from bodies rendered once per change-log revision.
//
// A request first learns the change log's latest revision (revision-watch.ts: at least as new as
// every change committed before it arrived), then looks up its URL. A body rendered at that revision
// and younger than RENDER_CACHE_SECONDS is sent as is, in the coding the client prefers, or as a 304
// when the client's ETag / Last-Modified still matches. A body of the current revision that is older
// (only the clock moved: relative times, today's board, trending's decay) is still sent, for up to
// RENDER_CACHE_SECONDS more, while one anonymous render in the background replaces it — a popular
// page never makes its readers wait on a render for the clock's sake. Otherwise the route renders it
// (one render per URL at a time: readers arriving meanwhile wait for it), and a 200 without cookies or
// `private` / `no-store` is stored with its gzip and brotli forms. Bodies are stored under the
// revision read *before* rendering, so a change that lands during the render makes the entry stale
// at once rather than hiding behind it.
//
// Signed-in readers get the API and feeds from here too (they never depend on the reader). Boards,
// trending, author and paper pages reach them as the anonymous page with its viewer slots rendered
// again for them (viewer-splice.ts: their menu, their upvotes, a paper's save box, submission controls
// and discussion), so cards, abstracts and similar papers are rendered once for everyone. A request
// carrying a one-time notice is rendered by its route. Pages made for one reader are compressed on the
// way out (compress.ts) and never stored.
//
// Which paths are cached and under which key: cache-paths.ts; entries and the responses built from
// them (codings, 304s, headers): cached-response.ts; the bodies and their LRU: body-cache.ts; what a
// route may say about its answer (keep it briefly): cache-hints.ts.

import type { Context, MiddlewareHandler } from 'hono';
import type { AppContext } from '../../context.js';
import { latestRevisionReader } from '../../store/changes.js';
import type { User } from '../../store/users.js';
import { votedPaperIds } from '../../store/votes.js';
import { hasFlash } from '../flash.js';
import { loadPaperDiscussion, loadPaperReader } from '../paper-reader.js';
import { siteViewerOf } from '../render.js';
import { securityHeaderRecord } from '../security-headers.js';
import { findViewerAndVotes } from '../session.js';
import { BodyCache, type CachedBody, chooseCoding } from './body-cache.js';
import { briefMaxAgeMs } from './cache-hints.js';
import {
  isAnonymousRead,
  isCacheablePath,
  keyOf,
  SEARCH_BACKED,
  SPLICEABLE,
  signedInPageRead,
  VIEWER_INDEPENDENT,
} from './cache-paths.js';
import { ResponseHeaders, toEntry } from './cached-response.js';
import { encodeForClient } from './compress.js';
import { RevisionWatch } from './revision-watch.js';
import { type PageTemplate, parseTemplate, spliceForViewer, votablePaperIds } from './viewer-splice.js';

/** A loader by paper id that reads each paper once per page (the save box and discussion share one). */
function once<T>(load: (paperId: number) => Promise<T>): (paperId: number) => Promise<T> {
  const loaded = new Map<number, Promise<T>>();
  return (paperId) => {
    let value = loaded.get(paperId);
    if (!value) {
      value = load(paperId);
      loaded.set(paperId, value);
    }
    return value;
  };
}

/** Whom a page is spliced for: the session middleware's viewer, or the front's session cookie. */
type SplicedFor = { viewer: User } | { secret: string };

export interface RenderCacheOptions {
  maxBytes: number;
  maxAgeMs: number;
  now?: () => number;
  /**
   * Answers a URL as an anonymous reader would get it (through this cache, which keeps the page).
   * `refresh` marks the background render replacing an aged body: it must not be answered by that body.
   */
  renderAnonymous?: (url: string, request?: AnonymousRender) => Promise<Response>;
  /**
   * The change-log revision the search index has applied (null before it is known). Pages read from
   * the index (author pages) rendered while it is behind are kept only `searchLagMs`: the index
   * applies the rest within a poll, and the page must not miss it for a whole RENDER_CACHE_SECONDS.
   */
  searchRevision?: () => number | null;
  searchLagMs?: number;
}

export interface AnonymousRender {
  /** The Accept header of the request it stands for (a paper page negotiates Markdown). */
  accept?: string;
  refresh?: boolean;
}

export interface RenderCache {
  /**
   * Mounted first (after the request log): answers an anonymous reader's hit before any other
   * middleware runs, with headers built once per entry. Everything else falls through to `middleware`.
   */
  front: MiddlewareHandler;
  middleware: MiddlewareHandler;
  stats(): {
    entries: number;
    bytes: number;
    hits: number;
    misses: number;
    spliceHits: number;
    /** Hits answered by an aged body while its replacement rendered (counted in `hits` too). */
    agedHits: number;
  };
}

export function createRenderCache(ctx: AppContext, options: RenderCacheOptions): RenderCache {
  const bodies = new BodyCache(options.maxBytes, options.maxAgeMs);
  const watch = new RevisionWatch(latestRevisionReader(ctx.database));
  const now = options.now ?? Date.now;
  const rendering = new Map<string, Promise<CachedBody | undefined>>();
  const refreshing = new Set<string>();
  let hits = 0;
  let misses = 0;
  let spliceHits = 0;
  let agedHits = 0;

  /** A body to answer with at `revision`: a fresh one, or an aged one while its replacement renders. */
  function usable(c: Context, key: string, revision: number): CachedBody | undefined {
    const at = now();
    const fresh = bodies.get(key, revision, at);
    if (fresh || !options.renderAnonymous || isRefresh(c)) return fresh;
    const aged = bodies.getAged(key, revision, at);
    if (aged) {
      agedHits++;
      refresh(c, key);
    }
    return aged;
  }

  /** One anonymous render of the request's URL at a time, in the background; it stores the new body. */
  function refresh(c: Context, key: string): void {
    const render = options.renderAnonymous;
    if (!render || refreshing.has(key) || rendering.has(key)) return;
    refreshing.add(key);
    const accept = c.req.header('accept');
    render(c.req.url, { ...(accept ? { accept } : {}), refresh: true })
      .then((res) => res.body?.cancel())
      .catch((error: unknown) => ctx.log.warn({ err: error, url: c.req.url }, 'render cache refresh failed'))
      .finally(() => refreshing.delete(key));
  }

  const templates = new WeakMap<CachedBody, PageTemplate | null>();
  const responses = new ResponseHeaders();
  securityHeaderRecord().then((record) => responses.useSecurityHeaders(record));

  /**
   * A signed-in reader's page from the anonymous one, in the coding their client prefers (the
   * compression middleware passes it on as is); undefined when there is none to use.
   */
  async function spliced(c: Context, reader: SplicedFor): Promise<Response | undefined> {
    // A notice shown once after an action belongs to this response alone: the route renders it.
    if (hasFlash(c)) return undefined;
    const key = keyOf(c);
    let entry = usable(c, key, await watch.current());
    if (!entry && options.renderAnonymous) {
      // Not cached yet: the anonymous render fills the cache (a 404 or an error is not kept).
      const accept = c.req.header('accept');
      await (await options.renderAnonymous(c.req.url, accept ? { accept } : {})).body?.cancel();
      entry = bodies.get(key, await watch.current(), now());
    }
    if (!entry) return undefined;
    let template = templates.get(entry);
    if (template === undefined) {
      const isHtml = entry.headers.some(
        ([name, value]) => name === 'content-type' && value.startsWith('text/html'),
      );
      template = (isHtml && parseTemplate(new TextDecoder().decode(entry.bodies.identity))) || null;
      templates.set(entry, template);
    }
    if (!template) return undefined;
    const paperIds = votablePaperIds(template);
    const found =
      'viewer' in reader
        ? {
            viewer: reader.viewer,
            votedIds: await votedPaperIds(ctx.database.db, reader.viewer.id, paperIds),
          }
        : await findViewerAndVotes(ctx, reader.secret, paperIds);
    // No live session behind the cookie: the session middleware and the route decide.
    if (!found) return undefined;
    const { viewer, votedIds } = found;
    const html = await spliceForViewer(template, {
      viewer: siteViewerOf(viewer),
      votedIds,
      paper: once((paperId) => loadPaperReader(ctx, viewer, paperId)),
      discussion: once((paperId) => loadPaperDiscussion(ctx, paperId)),
    });
    const encoded = await encodeForClient(html, chooseCoding(c.req.header('accept-encoding')));
    spliceHits++;
    return responses.forReader(c, entry, encoded.body, encoded.coding);
  }

  const middleware: MiddlewareHandler = async (c, next) => {
    const method = c.req.method;
    const path = c.req.path;
    if ((method !== 'GET' && method !== 'HEAD') || !isCacheablePath(path)) return next();
    const viewer = c.get('viewer');
    if (viewer && !VIEWER_INDEPENDENT.test(path)) {
      if (!SPLICEABLE.test(path)) return next();
      let page: Response | undefined;
      try {
        page = await spliced(c, { viewer });
      } catch {
        // The database is unreachable: the route answers (and logs) its own error.
      }
      return page ?? next();
    }
    const key = keyOf(c);
    let revision: number;
    try {
      revision = await watch.current();
    } catch {
      // The database is unreachable: the route answers (and logs) its own error, uncached.
      return next();
    }
    const cached = usable(c, key, revision);
    if (cached) {
      hits++;
      return responses.respond(c, cached);
    }
    misses++;
    // Another reader is rendering this URL at this revision or later: its body will do.
    const pending = rendering.get(key);
    if (pending) {
      const shared = await pending;
      if (shared && shared.revision >= revision) return responses.respond(c, shared);
    }
    let finish: (entry: CachedBody | undefined) => void = () => {};
    const mine = new Promise<CachedBody | undefined>((resolve) => (finish = resolve));
    rendering.set(key, mine);
    // Read before rendering: the index the render reads has applied at least this much.
    const indexRevision = SEARCH_BACKED.test(path) ? options.searchRevision?.() : undefined;
    try {
      await next();
      const entry = await toEntry(c.res, revision, now());
      if (entry && indexRevision !== undefined && (indexRevision ?? -1) < revision)
        entry.maxAgeMs = options.searchLagMs ?? 0;
      const brief = briefMaxAgeMs(c);
      if (entry && brief !== undefined) entry.maxAgeMs = Math.min(entry.maxAgeMs ?? brief, brief);
      finish(entry);
      if (!entry) return;
      bodies.set(key, entry);
      c.res = undefined;
      c.res = responses.respond(c, entry);
    } catch (error) {
      finish(undefined);
      throw error;
    } finally {
      if (rendering.get(key) === mine) rendering.delete(key);
    }
  };

  const front: MiddlewareHandler = async (c, next) => {
    if (!responses.isReady) return next();
    if (!isAnonymousRead(c)) return signedInFront(c, next);
    let revision: number;
    try {
      revision = await watch.current();
    } catch {
      return next();
    }
    const cached = usable(c, keyOf(c), revision);
    if (!cached) return next();
    hits++;
    return responses.respond(c, cached);
  };

  /**
   * A signed-in reader's page spliced before the middlewares (see cache-paths.ts, signedInPageRead):
   * the session lookup is all they would add. Anything else — no live session, no page to splice, an
   * unreachable database — goes the whole way, where the session middleware and the route decide.
   */
  async function signedInFront(c: Context, next: () => Promise<void>) {
    const secret = signedInPageRead(c);
    if (secret === undefined) return next();
    let page: Response | undefined;
    try {
      page = await spliced(c, { secret });
    } catch {
      // The route answers (and logs) the database's error.
    }
    return page ?? next();
  }

  return {
    front,
    middleware,
    stats: () => ({ ...bodies.stats, hits, misses, spliceHits, agedHits }),
  };
}

/** Set in `env` by the background render replacing an aged body (no outside request can carry it). */
export const RENDER_REFRESH = Symbol('render-cache refresh');

function isRefresh(c: Context): boolean {
  return (c.env as Record<symbol, unknown> | undefined)?.[RENDER_REFRESH] === true;
}
