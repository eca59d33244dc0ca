// The discussion under a paper: comments as a thread (replies nested under what they answer),
// rendered from Markdown + LaTeX to sanitised HTML (community/comment-markdown.ts), with reply,
// edit (own, for a while after writing) and delete (own) forms that work without JavaScript.

import { raw } from 'hono/html';
import { renderCommentHtml } from '../../community/comment-markdown.js';
import type { StoredComment } from '../../store/comments.js';
import type { Flash } from '../flash.js';
import { signInHref } from '../return-path.js';
import { PreviewButton, PreviewOutput } from './comment-preview.js';
import { FlashNotice } from './flash-notice.js';
import { formatCount, formatDay } from './format.js';
import { paperPath } from './paper-card.js';

export interface DiscussionViewer {
  id: number;
  isAdmin: boolean;
  /** Comments this reader has reported: each says so instead of offering "Report" again. */
  reportedCommentIds?: ReadonlySet<number> | undefined;
}

/** A "Report" disclosure with a reason box, for comments and submissions. */
export const ReportForm = (props: { type: 'comment' | 'submission'; target: string; id: string }) => (
  <details>
    <summary>Report</summary>
    <form method="post" action="/reports" class="comment-form">
      <input type="hidden" name="type" value={props.type} />
      <input type="hidden" name="target" value={props.target} />
      <label for={props.id}>What is wrong?</label>
      <textarea id={props.id} name="reason" rows={2} required maxlength={1000} />
      <button type="submit" class="button">
        Send report
      </button>
    </form>
  </details>
);

interface ThreadProps {
  arxivId: string;
  viewer: DiscussionViewer | undefined;
  /** Comments written after this instant can still be edited. */
  editableAfter: string;
  /** The notice after the reader's last action; shown at its comment when it names one. */
  flash?: Flash | undefined;
}

// Deeper replies stay at this depth, so a long back-and-forth does not squeeze to a sliver.
const MAX_DEPTH = 6;

const CommentForm = (props: { arxivId: string; parentId?: number; label: string; id: string }) => (
  <form method="post" action="/comments" class="comment-form">
    <input type="hidden" name="paper" value={props.arxivId} />
    {props.parentId !== undefined ? (
      <input type="hidden" name="parent" value={String(props.parentId)} />
    ) : null}
    <label for={props.id} class="visually-hidden">
      {props.label}
    </label>
    <textarea
      id={props.id}
      name="body"
      rows={3}
      required
      maxlength={10_000}
      placeholder="Markdown and $\LaTeX$ welcome"
    />
    <div class="comment-actions">
      <button type="submit" class="button">
        {props.label}
      </button>
      <PreviewButton />
    </div>
    <PreviewOutput />
  </form>
);

const CommentItem = (
  props: ThreadProps & {
    comment: StoredComment;
    replies: Map<number | null, StoredComment[]>;
    depth: number;
  },
) => {
  const { comment } = props;
  const isOwn = props.viewer?.id === comment.userId && !comment.isDeleted;
  const children = props.replies.get(comment.id) ?? [];
  return (
    <li id={`comment-${comment.id}`} class="comment">
      <div class="comment-head">
        {comment.isDeleted || comment.isHidden ? (
          <span class="muted">{comment.isDeleted ? '[deleted]' : '[hidden by a moderator]'}</span>
        ) : (
          <a href={`/users/${encodeURIComponent(comment.author.username)}`}>{comment.author.displayName}</a>
        )}{' '}
        <span class="muted">
          <time datetime={comment.createdAt}>{formatDay(comment.createdAt)}</time>
          {comment.editedAt ? ' · edited' : ''}
        </span>
      </div>
      {props.flash?.commentId === comment.id ? <FlashNotice message={props.flash.message} /> : null}
      {comment.isDeleted || comment.isHidden ? null : (
        <div class="comment-body">{raw(renderCommentHtml(comment.body))}</div>
      )}
      {props.viewer?.isAdmin && comment.isHidden && !comment.isDeleted ? (
        <form method="post" action={`/moderation/comments/${comment.id}/restore`} class="inline-form">
          <button type="submit" class="link-button">
            Restore
          </button>
        </form>
      ) : null}
      {props.viewer && !comment.isDeleted && !comment.isHidden ? (
        <div class="comment-actions">
          <details>
            <summary>Reply</summary>
            <CommentForm
              arxivId={props.arxivId}
              parentId={comment.id}
              label="Reply"
              id={`reply-${comment.id}`}
            />
          </details>
          {isOwn && comment.createdAt > props.editableAfter ? (
            <details>
              <summary>Edit</summary>
              <form method="post" action={`/comments/${comment.id}/edit`} class="comment-form">
                <label for={`edit-${comment.id}`} class="visually-hidden">
                  Edit your comment
                </label>
                <textarea id={`edit-${comment.id}`} name="body" rows={3} required maxlength={10_000}>
                  {comment.body}
                </textarea>
                <div class="comment-actions">
                  <button type="submit" class="button">
                    Save
                  </button>
                  <PreviewButton />
                </div>
                <PreviewOutput />
              </form>
            </details>
          ) : null}
          {!isOwn && props.viewer.reportedCommentIds?.has(comment.id) ? (
            <span class="muted">You reported this</span>
          ) : null}
          {!isOwn && !props.viewer.reportedCommentIds?.has(comment.id) ? (
            <ReportForm type="comment" target={String(comment.id)} id={`report-${comment.id}`} />
          ) : null}
          {props.viewer.isAdmin ? (
            <form method="post" action={`/moderation/comments/${comment.id}/hide`} class="inline-form">
              <button type="submit" class="link-button">
                Hide
              </button>
            </form>
          ) : null}
          {isOwn ? (
            <form method="post" action={`/comments/${comment.id}/delete`} class="inline-form">
              <button type="submit" class="link-button">
                Delete
              </button>
            </form>
          ) : null}
        </div>
      ) : null}
      {children.length > 0 ? (
        <ol class={props.depth < MAX_DEPTH ? 'comment-replies' : 'comment-replies flat'}>
          {children.map((child) => (
            <CommentItem {...props} comment={child} depth={props.depth + 1} />
          ))}
        </ol>
      ) : null}
    </li>
  );
};

/** Where Hugging Face shows a paper's discussion (the comments imported counts stand for). */
function hfPaperUrl(arxivId: string): string {
  return `https://huggingface.co/papers/${arxivId}`;
}

export const Discussion = (
  props: ThreadProps & {
    comments: StoredComment[];
    /** Comments counted on Hugging Face: in the total cards show, but read there. */
    importedComments?: number;
  },
) => {
  const replies = new Map<number | null, StoredComment[]>();
  for (const comment of props.comments) {
    const list = replies.get(comment.parentId) ?? [];
    list.push(comment);
    replies.set(comment.parentId, list);
  }
  const visible = props.comments.filter((c) => !c.isDeleted && !c.isHidden).length;
  const imported = props.importedComments ?? 0;
  return (
    <section class="discussion" id="discussion" aria-labelledby="discussion-heading">
      <div class="discussion-head">
        <h2 id="discussion-heading">Discussion ({visible + imported})</h2>
        <a href={`${paperPath(props.arxivId)}/comments.atom`} class="muted">
          Comments feed
        </a>
      </div>
      {imported > 0 ? (
        <p class="muted discussion-split">
          {formatCount(visible, 'comment', 'comments')} here, {imported} on{' '}
          <a href={hfPaperUrl(props.arxivId)}>Hugging Face</a>.
        </p>
      ) : null}
      {props.comments.length > 0 ? (
        <ol class="comment-thread">
          {(replies.get(null) ?? []).map((comment) => (
            <CommentItem {...props} comment={comment} replies={replies} depth={1} />
          ))}
        </ol>
      ) : (
        <p class="muted">No comments yet.</p>
      )}
      {props.viewer ? (
        <CommentForm arxivId={props.arxivId} label="Comment" id="new-comment" />
      ) : (
        <p>
          <a href={signInHref(`${paperPath(props.arxivId)}#new-comment`, 'comment')}>Sign in</a> to join the
          discussion.
        </p>
      )}
    </section>
  );
};
