// Small checks shared by the token API's write routes: the paper a path names, and the per-reader
// rate limit (community/limits.ts, the web forms' budget), answered as HF answers it: 429 with
// Retry-After. Called by api/write-routes.ts and api/collection-write-routes.ts.

import { type CommunityAction, enforceLimits } from '../community/limits.js';
import type { AppContext } from '../context.js';
import { invalid, notFound } from '../lib/errors.js';
import { parseArxivId } from '../model/arxiv-id.js';
import { getPaper, type PaperView } from '../store/paper-reads.js';
import type { User } from '../store/users.js';

/** The stored paper an arXiv id (or URL) names: 400 when it is not one, 404 when not on this site. */
export async function findStoredPaper(ctx: AppContext, raw: string): Promise<PaperView> {
  const parsed = parseArxivId(raw);
  if (!parsed) throw invalid(`not an arXiv identifier: ${JSON.stringify(raw.slice(0, 80))}`);
  const paper = await getPaper(ctx.database.db, parsed.id);
  if (!paper) throw notFound(`arXiv:${parsed.id} is not on ${ctx.config.siteName}.`);
  return paper;
}

/** Counts one write; over the limit, a 429 (code rate_limited) with Retry-After. */
export function limitWrite(ctx: AppContext, action: CommunityAction, user: User): Promise<void> {
  return enforceLimits(ctx.database.db, ctx.now(), [[action, user.id]]);
}
