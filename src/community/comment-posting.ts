// Posting a comment or reply on a paper, shared by the web form (web/routes/comments.tsx) and the
// token API (api/write-routes.ts): the body rules, the store write, and the emails to
// readers @mentioned in it. Who may post and how often is checked by the caller before this runs.

import type { AppContext } from '../context.js';
import { addComment, type CommentChange } from '../store/comments.js';
import type { PaperView } from '../store/paper-reads.js';
import { findUserByUsername, type User } from '../store/users.js';
import { MAX_COMMENT_LENGTH, mentionedUsernames } from './comment-markdown.js';
import { commentToText } from './comment-text.js';

/** Minutes after writing during which a comment can be edited. */
export const EDIT_WINDOW_MINUTES = 15;

export const COMMENT_LENGTH_MESSAGE = `A comment has some text and at most ${MAX_COMMENT_LENGTH} characters.`;

/** Why a change to a comment was refused, as a status and a message for the reader. */
export const COMMENT_REFUSALS: Record<
  Exclude<CommentChange, { ok: true }>['reason'],
  [400 | 403 | 404, string]
> = {
  not_found: [404, 'That comment does not exist (or was deleted).'],
  not_yours: [403, 'You can only change your own comments.'],
  too_late: [403, `Comments can be edited for ${EDIT_WINDOW_MINUTES} minutes after they are written.`],
  bad_parent: [400, 'The comment you replied to is not on this paper (or was deleted).'],
};

/**
 * A comment's text as stored: line endings normalised, NUL dropped (it shows as nothing, and
 * PostgreSQL text cannot hold it), trimmed; undefined when empty or too long.
 */
export function cleanCommentBody(raw: unknown): string | undefined {
  const body = typeof raw === 'string' ? raw.replace(/\r\n/g, '\n').replace(/\0/g, '').trim() : '';
  return body.length > 0 && body.length <= MAX_COMMENT_LENGTH ? body : undefined;
}

/** Adds a comment (or a reply, with `parentId`) and emails the readers it @mentions. */
export async function postComment(
  ctx: AppContext,
  post: { author: User; paper: PaperView; parentId: number | null; body: string },
): Promise<CommentChange> {
  const result = await addComment(ctx.database, {
    paperId: post.paper.id,
    userId: post.author.id,
    parentId: post.parentId,
    body: post.body,
    now: ctx.now().toISOString(),
  });
  if (result.ok) await notifyMentions(ctx, post.body, post.author.username, post.paper.arxivId, result.id);
  return result;
}

async function notifyMentions(
  ctx: AppContext,
  body: string,
  author: string,
  arxivId: string,
  commentId: number,
): Promise<void> {
  const baseUrl = ctx.config.baseUrl.replace(/\/+$/, '');
  for (const username of mentionedUsernames(body)) {
    if (username === author) continue;
    const user = await findUserByUsername(ctx.database.db, username);
    if (!user || user.isBanned) continue;
    const link = `${baseUrl}/papers/${arxivId.split('/').map(encodeURIComponent).join('/')}#comment-${commentId}`;
    ctx.mailer
      .send({
        to: user.email,
        subject: `@${author} mentioned you on ${ctx.config.siteName}`,
        // A text/plain mail: the comment as text, not its Markdown and TeX source.
        text: `@${author} mentioned you in a comment on arXiv:${arxivId}:\n\n${commentToText(body)}\n\n${link}`,
      })
      .catch((error: unknown) => ctx.log.error({ err: error, to: user.email }, 'mention email failed'));
  }
}
