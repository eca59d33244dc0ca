// What a route tells the render cache about its own answer: that it will change soon without a
// change-log entry (a paper page whose similar papers the job is computing), so the cache keeps it
// only briefly instead of a whole RENDER_CACHE_SECONDS.

import type { Context } from 'hono';

declare module 'hono' {
  interface ContextVariableMap {
    /** The longest the render cache may keep this response (unset: its usual time). */
    renderCacheMaxAgeMs: number | undefined;
  }
}

/** The render cache keeps this response at most `ms` (the shortest hint of a request wins). */
export function keepBriefly(c: Context, ms: number): void {
  const earlier = c.get('renderCacheMaxAgeMs');
  c.set('renderCacheMaxAgeMs', earlier === undefined ? ms : Math.min(earlier, ms));
}

/** The hint a route gave, if any. */
export function briefMaxAgeMs(c: Context): number | undefined {
  return c.get('renderCacheMaxAgeMs');
}
