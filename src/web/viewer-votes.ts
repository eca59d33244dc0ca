// Which of the papers on a page the signed-in reader has upvoted (none for anonymous readers).
import type { Context } from 'hono';
import type { AppContext } from '../context.js';
import { votedPaperIds } from '../store/votes.js';

export async function viewerVotes(
  c: Context,
  ctx: AppContext,
  papers: Array<{ id: number }>,
): Promise<Set<number>> {
  const viewer = c.get('viewer');
  if (!viewer) return new Set();
  return votedPaperIds(
    ctx.database.db,
    viewer.id,
    papers.map((p) => p.id),
  );
}
