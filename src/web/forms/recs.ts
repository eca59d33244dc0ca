// The "For you" forms' schemas (web/routes/for-you.tsx): feedback on a recommended paper ("More like
// this", "Not interested", or undo) and following or unfollowing an author or a category.

import { z } from 'zod';
import { arxivIdField, choice, refuse, returnPath, text } from './fields.js';

export const FeedbackForm = z.object({
  paper: arxivIdField('paper must be an arXiv identifier.'),
  kind: choice(['more', 'less', 'clear'], 'kind must be “more”, “less” or “clear”.'),
  back: returnPath(),
});

/** arXiv category names: `cs.CL`, `hep-th`, `math.AG`, `q-bio.NC`. */
const CATEGORY = /^[a-z][a-z-]{0,15}(?:\.[A-Za-z][A-Za-z-]{0,15})?$/;

export const FollowForm = z
  .object({
    kind: choice(['author', 'category'], 'kind must be “author” or “category”.'),
    action: choice(['follow', 'unfollow'], 'action must be “follow” or “unfollow”.'),
    value: text(),
    back: returnPath(),
  })
  .transform((form, ctx) => {
    const value = form.value.trim();
    if (value === '') return refuse(ctx, `Say which ${form.kind} to follow.`);
    if (form.kind === 'category' && !CATEGORY.test(value)) {
      return refuse(ctx, `“${value.slice(0, 40)}” is not an arXiv category (like cs.CL).`);
    }
    return form;
  });
