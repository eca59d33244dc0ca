// POST /vote: a reader's upvote (vote=1) or its removal (vote=0) on a paper. A plain form POST
// returns to the page it came from; app.js sends it with Accept: application/json and updates the
// button from the answer, without a reload. Anonymous readers are sent to sign in, and come back to
// the paper they meant to upvote.

import type { Hono } from 'hono';
import { type ApiErrorCode, errorBody } from '../../api/json-error.js';
import { enforceLimits } from '../../community/limits.js';
import type { AppContext } from '../../context.js';
import { parseArxivId } from '../../model/arxiv-id.js';
import { getPaper } from '../../store/paper-reads.js';
import { setVote } from '../../store/votes.js';
import { renderError } from '../render.js';
import { safeReturnPath, signInHref } from '../return-path.js';
import { voteAnchor } from '../views/paper-card.js';

// Kept here too for the modules that imported it from the vote route first.
export { safeReturnPath };

export function registerVoteRoutes(app: Hono, ctx: AppContext): void {
  app.post('/vote', async (c) => {
    const wantsJson = (c.req.header('accept') ?? '').includes('application/json');
    const fail = (status: 400 | 403 | 404 | 429, code: ApiErrorCode, message: string) =>
      wantsJson ? c.json(errorBody(code, message), status) : renderError(c, ctx, status, message);
    const viewer = c.get('viewer');
    if (!viewer && wantsJson) return fail(403, 'forbidden', 'Sign in to upvote.');
    const form = await c.req.parseBody();
    if (!viewer) return c.redirect(signInHref(returnTo(form.back, form.paper), 'vote'), 303);
    const parsed = typeof form.paper === 'string' ? parseArxivId(form.paper) : undefined;
    if (!parsed) return fail(400, 'invalid', 'paper must be an arXiv identifier.');
    if (form.vote !== '1' && form.vote !== '0')
      return fail(400, 'invalid', 'vote must be 1 (upvote) or 0 (remove).');
    const paper = await getPaper(ctx.database.db, parsed.id);
    if (!paper) return fail(404, 'not_found', `arXiv:${parsed.id} is not on ${ctx.config.siteName}.`);
    await enforceLimits(ctx.database.db, ctx.now(), [['vote', viewer.id]]);
    const result = await setVote(ctx.database, {
      userId: viewer.id,
      paperId: paper.id,
      isUp: form.vote === '1',
      now: ctx.now().toISOString(),
    });
    if (wantsJson) return c.json({ paper: paper.arxivId, upvotes: result.upvotes, voted: result.voted });
    return c.redirect(returnTo(form.back, paper.arxivId), 303);
  });
}

/**
 * The page a form vote came from, at the voted paper's upvote form (views/paper-card.tsx voteAnchor),
 * so the browser opens it where the reader was rather than at the top.
 */
function returnTo(back: unknown, arxivId: unknown): string {
  const path = safeReturnPath(back).replace(/#.*$/, '');
  const parsed = typeof arxivId === 'string' ? parseArxivId(arxivId) : undefined;
  return parsed ? `${path}#${voteAnchor(parsed.id)}` : path;
}
