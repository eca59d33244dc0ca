// Comment forms: POST /comments (new comment or reply), /comments/:id/edit, /comments/:id/delete.
// Each returns to the comment on its paper page. @mentions of readers send them an email.

import type { Context, Hono } from 'hono';
import { COMMENT_REFUSALS, EDIT_WINDOW_MINUTES, postComment } from '../../community/comment-posting.js';
import { enforceLimits } from '../../community/limits.js';
import type { AppContext } from '../../context.js';
import { type CommentChange, deleteComment, editComment, paperOfComment } from '../../store/comments.js';
import { getPaper } from '../../store/paper-reads.js';
import { requireReader } from '../authorize.js';
import { setFlash } from '../flash.js';
import { requireForm } from '../form.js';
import { CommentEditForm, CommentForm } from '../forms/community.js';
import { ROW_ID, rowIdParam } from '../params.js';
import { renderError } from '../render.js';
import { paperPath } from '../views/paper-card.js';

export { EDIT_WINDOW_MINUTES };

export function registerCommentRoutes(app: Hono, ctx: AppContext): void {
  /** A signed-in reader within the comment budget, else the sign-in answer (the 429 is thrown). */
  async function guard(c: Context) {
    const gate = requireReader(c);
    if (gate.viewer) await enforceLimits(ctx.database.db, ctx.now(), [['comment', gate.viewer.id]]);
    return gate;
  }

  app.post('/comments', async (c) => {
    const guarded = await guard(c);
    if (!guarded.viewer) return guarded.response;
    const form = await requireForm(c, CommentForm);
    const paper = await getPaper(ctx.database.db, form.paper);
    if (!paper) return renderError(c, ctx, 404, 'There is no such paper to comment on.');
    const result = await postComment(ctx, {
      author: guarded.viewer,
      paper,
      parentId: form.parent ?? null,
      body: form.body,
    });
    if (!result.ok) return renderError(c, ctx, ...COMMENT_REFUSALS[result.reason]);
    setFlash(c, ctx, 'commented', result.id);
    return c.redirect(`${paperPath(paper.arxivId)}#comment-${result.id}`, 303);
  });

  async function afterChange(c: Context, result: CommentChange) {
    if (!result.ok) return renderError(c, ctx, ...COMMENT_REFUSALS[result.reason]);
    const arxivId = await paperOfComment(ctx.database.db, result.id);
    return c.redirect(arxivId ? `${paperPath(arxivId)}#comment-${result.id}` : '/', 303);
  }

  app.post(`/comments/${ROW_ID}/edit`, async (c) => {
    const id = rowIdParam(c);
    const guarded = await guard(c);
    if (!guarded.viewer) return guarded.response;
    const { body } = await requireForm(c, CommentEditForm);
    const result = await editComment(ctx.database, {
      id,
      userId: guarded.viewer.id,
      body,
      now: ctx.now(),
      windowMinutes: EDIT_WINDOW_MINUTES,
    });
    return afterChange(c, result);
  });

  app.post(`/comments/${ROW_ID}/delete`, async (c) => {
    const id = rowIdParam(c);
    const guarded = await guard(c);
    if (!guarded.viewer) return guarded.response;
    const result = await deleteComment(ctx.database, {
      id,
      userId: guarded.viewer.id,
      now: ctx.now().toISOString(),
    });
    return afterChange(c, result);
  });
}
