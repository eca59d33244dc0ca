// POST /vote: a reader's upvote (vote=1) or its removal (vote=0) on a paper. A plain form POST
// returns to the page it came from; app.js sends it with Accept: application/json and updates the
// button from the answer, without a reload. Anonymous readers are sent to sign in, and come back to
// the paper they meant to upvote.

import type { Hono } from 'hono';
import { enforceLimits } from '../../community/limits.js';
import type { AppContext } from '../../context.js';
import { AppError, notFound } from '../../lib/errors.js';
import { parseArxivId } from '../../model/arxiv-id.js';
import { getPaper } from '../../store/paper-reads.js';
import { setVote } from '../../store/votes.js';
import { wantsJson } from '../error-mapper.js';
import { formValue, readForm } from '../form.js';
import { VoteForm } from '../forms/community.js';
import { safeReturnPath, signInHref } from '../return-path.js';
import { voteAnchor } from '../views/paper-card.js';

// Kept here too for the modules that imported it from the vote route first.
export { safeReturnPath };

export function registerVoteRoutes(app: Hono, ctx: AppContext): void {
  // Refusals are thrown: the error mapper answers JSON to app.js and the error page to a plain form.
  app.post('/vote', async (c) => {
    const viewer = c.get('viewer');
    if (!viewer && wantsJson(c)) throw new AppError('forbidden', 'Sign in to upvote.');
    const form = await readForm(c, VoteForm);
    if (!viewer) return c.redirect(signInHref(returnTo(form.fields.back, form.fields.paper), 'vote'), 303);
    const { paper: arxivId, vote, back } = formValue(form);
    const paper = await getPaper(ctx.database.db, arxivId);
    if (!paper) throw notFound(`arXiv:${arxivId} is not on ${ctx.config.siteName}.`);
    await enforceLimits(ctx.database.db, ctx.now(), [['vote', viewer.id]]);
    const result = await setVote(ctx.database, {
      userId: viewer.id,
      paperId: paper.id,
      isUp: vote === '1',
      now: ctx.now().toISOString(),
    });
    if (wantsJson(c)) return c.json({ paper: paper.arxivId, upvotes: result.upvotes, voted: result.voted });
    return c.redirect(returnTo(back, paper.arxivId), 303);
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
