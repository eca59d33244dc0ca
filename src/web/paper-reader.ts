// What a paper page shows one signed-in reader beyond what everyone sees: their lists (to save the
// paper to), the discussion with their controls, and what they reported already. Read once per page,
// by the paper route for a full render and by the render cache for a reader's copy of the cached
// anonymous page (render-cache/viewer-splice.ts), so both show the same.

import type { AppContext } from '../context.js';
import { readerListsForPaper } from '../store/collections.js';
import { listComments, type StoredComment } from '../store/comments.js';
import { readerReportsOnPaper } from '../store/reports.js';
import type { User } from '../store/users.js';
import { EDIT_WINDOW_MINUTES } from './routes/comments.js';
import type { SaveBoxState } from './views/collection-parts.js';
import type { DiscussionViewer } from './views/discussion.js';

export interface PaperReaderView {
  saveBox: SaveBoxState | undefined;
  discussionViewer: DiscussionViewer | undefined;
  isSubmissionReported: boolean;
}

export interface PaperDiscussionData {
  comments: StoredComment[];
  /** Comments written after this instant can still be edited. */
  editableAfter: string;
}

/** The reader's own parts of a paper page; an anonymous reader has none. */
export async function loadPaperReader(
  ctx: AppContext,
  viewer: User | undefined,
  paperId: number,
): Promise<PaperReaderView> {
  if (!viewer) return { saveBox: undefined, discussionViewer: undefined, isSubmissionReported: false };
  const db = ctx.database.db;
  const [saveBox, reported] = await Promise.all([
    readerListsForPaper(db, viewer.id, paperId),
    readerReportsOnPaper(db, viewer.id, paperId),
  ]);
  return {
    saveBox,
    discussionViewer: { id: viewer.id, isAdmin: viewer.isAdmin, reportedCommentIds: reported.commentIds },
    isSubmissionReported: reported.isSubmissionReported,
  };
}

export async function loadPaperDiscussion(ctx: AppContext, paperId: number): Promise<PaperDiscussionData> {
  return {
    comments: await listComments(ctx.database.db, paperId),
    editableAfter: new Date(ctx.now().getTime() - EDIT_WINDOW_MINUTES * 60_000).toISOString(),
  };
}
