// Comment forms: POST /comments (new comment or reply), /comments/:id/edit, /comments/:id/delete.
// Each returns to the comment on its paper page. @mentions of readers send them an email.

import type { Context, Hono } from 'hono';
import { MAX_COMMENT_LENGTH, mentionedUsernames } from '../../community/comment-markdown.js';
import { commentToText } from '../../community/comment-text.js';
import type { AppContext } from '../../context.js';
import { parseArxivId } from '../../model/arxiv-id.js';
import { parseRowId } from '../../model/row-id.js';
import {
  addComment,
  type CommentChange,
  deleteComment,
  editComment,
  paperOfComment,
} from '../../store/comments.js';
import { getPaper } from '../../store/paper-reads.js';
import { hitRateLimit } from '../../store/rate-limits.js';
import { findUserByUsername } from '../../store/users.js';
import { requireReader } from '../authorize.js';
import { setFlash } from '../flash.js';
import { ROW_ID, rowIdParam } from '../params.js';
import { renderError, siteFor } from '../render.js';
import { paperPath } from '../views/paper-card.js';

/** Minutes after writing during which a comment can be edited. */
export const EDIT_WINDOW_MINUTES = 15;
export const COMMENTS_PER_MINUTE = 10;

const REFUSALS: Record<Exclude<CommentChange, { ok: true }>['reason'], [400 | 403 | 404, string]> = {
  not_found: [404, 'That comment does not exist (or was deleted).'],
  not_yours: [403, 'You can only change your own comments.'],
  too_late: [403, `Comments can be edited for ${EDIT_WINDOW_MINUTES} minutes after they are written.`],
  bad_parent: [400, 'The comment you replied to is not on this paper (or was deleted).'],
};

// NUL is dropped: it shows as nothing, and PostgreSQL text cannot hold it (the insert would fail).
function bodyOf(form: Record<string, unknown>): string | undefined {
  const body =
    typeof form.body === 'string' ? form.body.replace(/\r\n/g, '\n').replace(/\0/g, '').trim() : '';
  return body.length > 0 && body.length <= MAX_COMMENT_LENGTH ? body : undefined;
}

async function notifyMentions(
  c: Context,
  ctx: AppContext,
  body: string,
  author: string,
  arxivId: string,
  commentId: number,
) {
  const site = siteFor(c, ctx);
  for (const username of mentionedUsernames(body)) {
    if (username === author) continue;
    const user = await findUserByUsername(ctx.database.db, username);
    if (!user || user.isBanned) continue;
    const link = `${site.baseUrl}${paperPath(arxivId)}#comment-${commentId}`;
    ctx.mailer
      .send({
        to: user.email,
        subject: `@${author} mentioned you on ${site.name}`,
        // A text/plain mail: the comment as text, not its Markdown and TeX source.
        text: `@${author} mentioned you in a comment on arXiv:${arxivId}:\n\n${commentToText(body)}\n\n${link}`,
      })
      .catch((error: unknown) => ctx.log.error({ err: error, to: user.email }, 'mention email failed'));
  }
}

export function registerCommentRoutes(app: Hono, ctx: AppContext): void {
  async function guard(c: Context) {
    const gate = requireReader(c);
    if (!gate.viewer) return gate;
    const viewer = gate.viewer;
    const hit = await hitRateLimit(
      ctx.database.db,
      { key: `comment:user:${viewer.id}`, max: COMMENTS_PER_MINUTE, windowMs: 60_000 },
      ctx.now(),
    );
    if (!hit.allowed) {
      c.header('Retry-After', String(hit.retryAfterSeconds));
      return { response: await renderError(c, ctx, 429, 'Too many comments in a minute; wait a little.') };
    }
    return { viewer, form: await c.req.parseBody() };
  }

  app.post('/comments', async (c) => {
    const guarded = await guard(c);
    if (!guarded.viewer) return guarded.response;
    const { viewer, form } = guarded;
    const parsed = typeof form.paper === 'string' ? parseArxivId(form.paper) : undefined;
    const paper = parsed ? await getPaper(ctx.database.db, parsed.id) : undefined;
    if (!paper) return renderError(c, ctx, 404, 'There is no such paper to comment on.');
    const body = bodyOf(form);
    if (!body)
      return renderError(
        c,
        ctx,
        400,
        `A comment has some text and at most ${MAX_COMMENT_LENGTH} characters.`,
      );
    const parentText = typeof form.parent === 'string' ? form.parent : '';
    const parentId = parentText === '' ? null : parseRowId(parentText);
    if (parentId === undefined) return renderError(c, ctx, 400, 'parent must be a comment id.');
    const result = await addComment(ctx.database, {
      paperId: paper.id,
      userId: viewer.id,
      parentId,
      body,
      now: ctx.now().toISOString(),
    });
    if (!result.ok) return renderError(c, ctx, ...REFUSALS[result.reason]);
    await notifyMentions(c, ctx, body, viewer.username, paper.arxivId, result.id);
    setFlash(c, ctx, 'commented', result.id);
    return c.redirect(`${paperPath(paper.arxivId)}#comment-${result.id}`, 303);
  });

  async function afterChange(c: Context, result: CommentChange) {
    if (!result.ok) return renderError(c, ctx, ...REFUSALS[result.reason]);
    const arxivId = await paperOfComment(ctx.database.db, result.id);
    return c.redirect(arxivId ? `${paperPath(arxivId)}#comment-${result.id}` : '/', 303);
  }

  app.post(`/comments/${ROW_ID}/edit`, async (c) => {
    const id = rowIdParam(c);
    const guarded = await guard(c);
    if (!guarded.viewer) return guarded.response;
    const body = bodyOf(guarded.form);
    if (!body)
      return renderError(
        c,
        ctx,
        400,
        `A comment has some text and at most ${MAX_COMMENT_LENGTH} characters.`,
      );
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
