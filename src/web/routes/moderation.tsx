// Reports by readers (POST /reports) and moderator actions (admins): /moderation lists open
// reports and the log; dismiss a report, ban/unban readers (optionally hiding all their comments),
// hide/restore comments, take submissions off the board. Every action is logged (store/moderation.ts).

import type { Hono } from 'hono';
import { enforceLimits } from '../../community/limits.js';
import type { AppContext } from '../../context.js';
import { paperOfComment } from '../../store/comments.js';
import {
  banUser,
  fileReport,
  hideComment,
  listModerationLog,
  listOpenReports,
  removeSubmission,
  restoreComment,
  unbanUser,
} from '../../store/moderation.js';
import { getPaper } from '../../store/paper-reads.js';
import { dismissReport, hasOpenReport } from '../../store/reports.js';
import { findUserById } from '../../store/users.js';
import { requireAdmin, requireReader } from '../authorize.js';
import { setFlash, takeFlash } from '../flash.js';
import { requireForm } from '../form.js';
import { MAX_REPORT_REASON, ReportForm } from '../forms/community.js';
import { BanForm, ModerationForm, RemoveSubmissionForm } from '../forms/moderation.js';
import { ROW_ID, rowIdParam } from '../params.js';
import { renderError, renderPage } from '../render.js';
import { ModerationPage } from '../views/moderation-page.js';
import { paperPath } from '../views/paper-card.js';

export function registerModerationRoutes(app: Hono, ctx: AppContext): void {
  const db = ctx.database.db;
  const action = (actorId: number, reason: string) => ({
    actorId,
    reason: reason === '' ? null : reason.slice(0, MAX_REPORT_REASON),
    now: ctx.now().toISOString(),
  });

  app.post('/reports', async (c) => {
    const gate = requireReader(c);
    if (!gate.viewer) return gate.response;
    const form = await requireForm(c, ReportForm);
    await enforceLimits(db, ctx.now(), [['report', gate.viewer.id]]);
    const { type, reason } = form;
    let back: string;
    let targetId: number;
    if (form.type === 'comment') {
      const arxivId = await paperOfComment(db, form.commentId);
      if (!arxivId) return renderError(c, ctx, 404, 'There is no such comment.');
      targetId = form.commentId;
      back = `${paperPath(arxivId)}#comment-${targetId}`;
    } else {
      const paper = await getPaper(db, form.arxivId);
      if (paper?.board?.source !== 'submission')
        return renderError(c, ctx, 404, 'There is no such submission.');
      targetId = paper.id;
      back = paperPath(paper.arxivId);
    }
    // A second report of the same thing by the same reader (an old page, a double click) adds nothing.
    if (!(await hasOpenReport(db, gate.viewer.id, { type, id: targetId }))) {
      await fileReport(db, {
        reporterId: gate.viewer.id,
        targetType: type,
        targetId,
        reason,
        now: ctx.now().toISOString(),
      });
    }
    setFlash(c, ctx, 'reported', type === 'comment' ? targetId : undefined);
    return c.redirect(back, 303);
  });

  app.get('/moderation', async (c) => {
    const gate = requireAdmin(c, ctx);
    if (!gate.viewer) return gate.response;
    return renderPage(
      c,
      <ModerationPage
        site={c.var.site}
        reports={await listOpenReports(db, 200)}
        log={await listModerationLog(db, 200)}
        flash={takeFlash(c, ctx)?.message}
      />,
    );
  });

  app.post(`/moderation/reports/${ROW_ID}/dismiss`, async (c) => {
    const gate = requireAdmin(c, ctx);
    if (!gate.viewer) return gate.response;
    const { reason } = await requireForm(c, ModerationForm);
    const done = await dismissReport(ctx.database, {
      ...action(gate.viewer.id, reason),
      reportId: rowIdParam(c),
    });
    if (!done)
      return renderError(c, ctx, 409, 'That report is not open: it was dismissed or acted on already.');
    setFlash(c, ctx, 'report-dismissed');
    return c.redirect('/moderation', 303);
  });

  app.post(`/moderation/users/${ROW_ID}/ban`, async (c) => {
    const gate = requireAdmin(c, ctx);
    if (!gate.viewer) return gate.response;
    const form = await requireForm(c, BanForm);
    const target = await findUserById(db, rowIdParam(c));
    if (!target) return renderError(c, ctx, 404, 'There is no such reader.');
    if (target.id === gate.viewer.id) return renderError(c, ctx, 400, 'You cannot ban yourself.');
    await banUser(ctx.database, {
      ...action(gate.viewer.id, form.reason),
      userId: target.id,
      hideAllComments: form.hide_comments,
    });
    return c.redirect('/moderation', 303);
  });

  app.post(`/moderation/users/${ROW_ID}/unban`, async (c) => {
    const gate = requireAdmin(c, ctx);
    if (!gate.viewer) return gate.response;
    const { reason } = await requireForm(c, ModerationForm);
    await unbanUser(ctx.database, { ...action(gate.viewer.id, reason), userId: rowIdParam(c) });
    return c.redirect('/moderation', 303);
  });

  for (const [verb, run] of [
    ['hide', hideComment],
    ['restore', restoreComment],
  ] as const) {
    app.post(`/moderation/comments/${ROW_ID}/${verb}`, async (c) => {
      const gate = requireAdmin(c, ctx);
      if (!gate.viewer) return gate.response;
      const { reason } = await requireForm(c, ModerationForm);
      const done = await run(ctx.database, {
        ...action(gate.viewer.id, reason),
        commentId: rowIdParam(c),
      });
      if (!done)
        return renderError(
          c,
          ctx,
          409,
          `That comment cannot be ${verb === 'hide' ? 'hidden' : 'restored'} now.`,
        );
      return c.redirect('/moderation', 303);
    });
  }

  app.post('/moderation/submissions', async (c) => {
    const gate = requireAdmin(c, ctx);
    if (!gate.viewer) return gate.response;
    const form = await requireForm(c, RemoveSubmissionForm);
    const paper = await getPaper(db, form.paper);
    if (!paper) return renderError(c, ctx, 404, 'There is no such paper.');
    const removed = await removeSubmission(ctx.database, {
      ...action(gate.viewer.id, form.reason),
      paperId: paper.id,
      arxivId: paper.arxivId,
    });
    if (!removed)
      return renderError(c, ctx, 409, `arXiv:${paper.arxivId} is not on the board as a reader's submission.`);
    return c.redirect('/moderation', 303);
  });
}
