// Comment forms: POST /comments (new comment or reply), /comments/:id/edit, /comments/:id/delete.
// Each returns to the comment on its paper page. @mentions of readers send them an email.

import type { Context, Hono } from 'hono';
import {
  COMMENT_LENGTH_MESSAGE,
  COMMENT_REFUSALS,
  cleanCommentBody,
  EDIT_WINDOW_MINUTES,
  postComment,
} from '../../community/comment-posting.js';
import { enforceLimits } from '../../community/limits.js';
import type { AppContext } from '../../context.js';
import { parseArxivId } from '../../model/arxiv-id.js';
import { parseRowId } from '../../model/row-id.js';
import { type CommentChange, deleteComment, editComment, paperOfComment } from '../../store/comments.js';
import { getPaper } from '../../store/paper-reads.js';
import { requireReader } from '../authorize.js';
import { setFlash } from '../flash.js';
import { ROW_ID, rowIdParam } from '../params.js';
import { renderError } from '../render.js';
import { paperPath } from '../views/paper-card.js';

export { EDIT_WINDOW_MINUTES };

export function registerCommentRoutes(app: Hono, ctx: AppContext): void {
  async function guard(c: Context) {
    const gate = requireReader(c);
    if (!gate.viewer) return gate;
    const viewer = gate.viewer;
    await enforceLimits(ctx.database.db, ctx.now(), [['comment', viewer.id]]);
    return { viewer, form: await c.req.parseBody() };
  }

  app.post('/comments', async (c) => {
    const guarded = await guard(c);
    if (!guarded.viewer) return guarded.response;
    const { viewer, form } = guarded;
    const parsed = typeof form.paper === 'string' ? parseArxivId(form.paper) : undefined;
    const paper = parsed ? await getPaper(ctx.database.db, parsed.id) : undefined;
    if (!paper) return renderError(c, ctx, 404, 'There is no such paper to comment on.');
    const body = cleanCommentBody(form.body);
    if (!body) return renderError(c, ctx, 400, COMMENT_LENGTH_MESSAGE);
    const parentText = typeof form.parent === 'string' ? form.parent : '';
    const parentId = parentText === '' ? null : parseRowId(parentText);
    if (parentId === undefined) return renderError(c, ctx, 400, 'parent must be a comment id.');
    const result = await postComment(ctx, { author: viewer, paper, parentId, body });
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
    const body = cleanCommentBody(guarded.form.body);
    if (!body) return renderError(c, ctx, 400, COMMENT_LENGTH_MESSAGE);
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
