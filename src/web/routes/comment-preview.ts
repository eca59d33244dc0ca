// POST /comments/preview: a comment's Markdown and LaTeX rendered by the same renderer the posted
// comment goes through (community/comment-markdown.ts), as an HTML fragment for app.js to show
// under the comment form. CSRF-checked like every POST (web/csrf.ts); signed-in readers only, each
// with their own per-minute budget, apart from the budget for posting.

import type { Context, Hono } from 'hono';
import { renderCommentHtml } from '../../community/comment-markdown.js';
import { hitLimits } from '../../community/limits.js';
import type { AppContext } from '../../context.js';
import { readForm } from '../form.js';
import { CommentPreviewForm } from '../forms/community.js';

/** A fragment, not a page: app.js puts it in place of the preview, error or not. */
function fragment(c: Context, status: 200 | 400 | 403 | 429, html: string) {
  return c.html(html, status, { 'Cache-Control': 'no-store' });
}

export function registerCommentPreviewRoutes(app: Hono, ctx: AppContext): void {
  app.post('/comments/preview', async (c) => {
    const viewer = c.get('viewer');
    if (!viewer) return fragment(c, 403, '<p class="form-error">Sign in to preview comments.</p>');
    // The refusal is a fragment too: app.js shows it where the preview goes.
    const refusal = await hitLimits(ctx.database.db, ctx.now(), [['comment-preview', viewer.id]]);
    if (refusal) {
      c.header('Retry-After', String(refusal.retryAfterSeconds));
      return fragment(c, 429, `<p class="form-error">${refusal.message}</p>`);
    }
    const form = await readForm(c, CommentPreviewForm);
    if (!form.ok) return fragment(c, 400, `<p class="form-error">${form.message}</p>`);
    const { body } = form.value;
    if (body === '') return fragment(c, 200, '<p class="muted">Nothing to preview yet.</p>');
    return fragment(c, 200, renderCommentHtml(body));
  });
}
