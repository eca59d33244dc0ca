// GET/POST /submit: a signed-in reader puts a paper on today's board (community/submit-paper.ts).
// Answers a page, or JSON for `Accept: application/json` (scripts, the API's clients).

import type { Hono } from 'hono';
import { errorBody } from '../../api/json-error.js';
import { hitLimits } from '../../community/limits.js';
import { refusalCode, type SubmitOutcome, submitPaper } from '../../community/submit-paper.js';
import type { AppContext } from '../../context.js';
import { requireReader } from '../authorize.js';
import { wantsJson } from '../error-mapper.js';
import { setFlash } from '../flash.js';
import { requireForm } from '../form.js';
import { SubmitForm } from '../forms/community.js';
import { renderPage } from '../render.js';
import { paperPath } from '../views/paper-card.js';
import { SubmitPage } from '../views/submit-page.js';

export function registerSubmitRoutes(app: Hono, ctx: AppContext): void {
  const limits = { maxAgeDays: ctx.config.submitMaxAgeDays, dailyLimit: ctx.config.submitDailyLimit };

  app.get('/submit', (c) => renderPage(c, <SubmitPage site={c.var.site} limits={limits} />));

  app.post('/submit', async (c) => {
    const gate = requireReader(c);
    if (!gate.viewer) return gate.response;
    const viewer = gate.viewer;
    const input = (await requireForm(c, SubmitForm)).paper;
    // Over the limit, the submit page says so with the form kept (not the bare error page).
    const refusal = await hitLimits(ctx.database.db, ctx.now(), [['submit', viewer.id]]);
    let outcome: SubmitOutcome;
    if (refusal) {
      c.header('Retry-After', String(refusal.retryAfterSeconds));
      outcome = { kind: 'refused', status: 429, message: refusal.message };
    } else {
      outcome = await submitPaper(
        {
          database: ctx.database,
          arxiv: ctx.arxiv,
          now: ctx.now(),
          lookupTimeoutMs: ctx.config.submitArxivTimeoutMs,
          ...limits,
        },
        viewer,
        input,
      );
    }
    if (outcome.kind === 'placed') {
      ctx.log.info({ user_id: viewer.id, paper_id: outcome.arxivId }, 'paper submitted');
      if (wantsJson(c)) return c.json({ ...outcome, url: paperPath(outcome.arxivId) }, 201);
      setFlash(c, ctx, 'submitted');
      return c.redirect(paperPath(outcome.arxivId), 303);
    }
    if (outcome.kind === 'refused' && outcome.status >= 503) {
      ctx.log.warn({ user_id: viewer.id, status: outcome.status }, 'submission: arXiv lookup failed');
      // Worth another try soon: say when (RFC 9110 §10.2.3).
      c.header('Retry-After', '60');
    }
    if (wantsJson(c)) {
      return outcome.kind === 'duplicate'
        ? c.json({ ...outcome, url: paperPath(outcome.arxivId) }, 200)
        : c.json(errorBody(refusalCode(outcome.status), outcome.message), outcome.status);
    }
    const notice =
      outcome.kind === 'duplicate'
        ? {
            kind: 'duplicate' as const,
            message: `arXiv:${outcome.arxivId} is already on the board (${outcome.boardDate}).`,
            arxivId: outcome.arxivId,
          }
        : { kind: 'error' as const, message: outcome.message };
    return renderPage(
      c,
      <SubmitPage site={c.var.site} input={input} notice={notice} limits={limits} />,
      outcome.kind === 'duplicate' ? 200 : outcome.status,
    );
  });
}
