// Rate limits for page routes that count one request against several limits at once (per address
// and per client IP): the first limit exceeded answers with a 429 page and Retry-After.

import type { Context } from 'hono';
import type { AppContext } from '../context.js';
import { hitRateLimit } from '../store/rate-limits.js';
import { renderError } from './render.js';

export interface PageLimit {
  key: string;
  max: number;
  windowMs: number;
}

/** The 429 response when any limit is exceeded (`message` gets the minutes to wait), else undefined. */
export async function refuseOverLimit(
  c: Context,
  ctx: AppContext,
  limits: PageLimit[],
  message: (minutes: number) => string,
): Promise<Response | undefined> {
  for (const limit of limits) {
    const hit = await hitRateLimit(ctx.database.db, limit, ctx.now());
    if (!hit.allowed) {
      c.header('Retry-After', String(hit.retryAfterSeconds));
      return renderError(c, ctx, 429, message(Math.ceil(hit.retryAfterSeconds / 60)));
    }
  }
  return undefined;
}
