// The community forms' schemas: vote, submit, comment (and its edit and preview), reading lists and
// their papers, and reports. Each field's message is what the reader sees when it is wrong; the
// routes look up what the fields name. Read by web/form.ts for the routes in web/routes/.

import { z } from 'zod';
import { MAX_COMMENT_LENGTH } from '../../community/comment-markdown.js';
import { COMMENT_LENGTH_MESSAGE, cleanCommentBody } from '../../community/comment-posting.js';
import { parseArxivId } from '../../model/arxiv-id.js';
import { parseRowId } from '../../model/row-id.js';
import { arxivIdField, choice, optionalRowId, refuse, returnPath, text } from './fields.js';

const NOT_A_PAPER = 'paper must be an arXiv identifier.';

export const VoteForm = z.object({
  paper: arxivIdField(NOT_A_PAPER),
  vote: choice(['1', '0'], 'vote must be 1 (upvote) or 0 (remove).'),
  back: returnPath(),
});

/** What the reader typed: an id or URL, checked (and looked up) by community/submit-paper.ts. */
export const SubmitForm = z.object({ paper: text() });

const commentBody = () =>
  text().transform((raw, ctx) => cleanCommentBody(raw) ?? refuse(ctx, COMMENT_LENGTH_MESSAGE));

export const CommentForm = z.object({
  paper: arxivIdField('There is no such paper to comment on.', 404),
  body: commentBody(),
  parent: optionalRowId('parent must be a comment id.'),
});

export const CommentEditForm = z.object({ body: commentBody() });

/** A preview may be empty ("nothing to preview yet"), not too long. */
export const CommentPreviewForm = z.object({
  body: text().transform((raw, ctx) => {
    const body = raw.replace(/\r\n/g, '\n').replace(/\0/g, '').trim();
    return body.length <= MAX_COMMENT_LENGTH
      ? body
      : refuse(ctx, `A comment has at most ${MAX_COMMENT_LENGTH} characters; this one has ${body.length}.`);
  }),
});

/** A list's name, description and visibility, checked by model/collection.ts's checkCollectionInput. */
export const CollectionForm = z.object({ name: text(), description: text(), visibility: text() });

/** A new list, optionally with a first paper, from the lists page or a paper page (`back`). */
export const NewCollectionForm = CollectionForm.extend({
  paper: text().transform((raw, ctx) =>
    raw === '' ? undefined : (parseArxivId(raw)?.id ?? refuse(ctx, NOT_A_PAPER)),
  ),
  back: returnPath(),
});

/** A paper put on (or taken off) a list; the list's id is checked with its owner (authorize.ts). */
export const CollectionPaperForm = z.object({
  collection: text(),
  paper: arxivIdField(NOT_A_PAPER),
  back: returnPath(),
});

export const MAX_REPORT_REASON = 1000;

/** A moderator's or reporter's reason: trimmed, NUL dropped (PostgreSQL text cannot hold it). */
export const reasonText = () => text().transform((raw) => raw.replace(/\0/g, '').trim());

/** A report names a comment (by id) or a submission (by arXiv id); a bad target is "no such" (404). */
export const ReportForm = z
  .object({
    reason: reasonText().refine(
      (reason) => reason !== '' && reason.length <= MAX_REPORT_REASON,
      `Say what is wrong, in at most ${MAX_REPORT_REASON} characters.`,
    ),
    type: choice(['comment', 'submission'], 'type must be comment or submission.'),
    target: reasonText(),
  })
  .transform(({ reason, type, target }, ctx) =>
    type === 'comment'
      ? { reason, type, commentId: parseRowId(target) ?? refuse(ctx, 'There is no such comment.', 404) }
      : {
          reason,
          type,
          arxivId: parseArxivId(target)?.id ?? refuse(ctx, 'There is no such submission.', 404),
        },
  );
