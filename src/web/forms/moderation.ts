// The moderators' forms (web/routes/moderation.tsx): every action takes an optional reason for the
// log; a ban may hide all the reader's comments; taking a submission off names its paper.

import { z } from 'zod';
import { reasonText } from './community.js';
import { arxivIdField, checkbox } from './fields.js';

export const ModerationForm = z.object({ reason: reasonText() });

export const BanForm = ModerationForm.extend({ hide_comments: checkbox() });

export const RemoveSubmissionForm = ModerationForm.extend({
  paper: arxivIdField('There is no such paper.', 404),
});
