// Stored "similar papers" as pages and the API read them: the paper's stored list, papers that no
// longer exist or were withdrawn dropped, or — no list stored yet — a request to the job for one. Also what the similar-papers job (similar-job.ts) shares:
// the text hash lists are computed from, and a computed list turned into a stored one.

import { createHash } from 'node:crypto';
import type { DatabaseHandle } from '../db/connection.js';
import { getPapersByIds } from '../store/paper-lookups.js';
import type { PaperView } from '../store/paper-reads.js';
import { getSimilarList, requestSimilarList, type StoredSimilar } from '../store/similar-papers.js';
import type { SimilarList } from './similar-blend.js';

/**
 * How long a page or answer made while its paper's list is pending stays cached: half the
 * similar-papers job's interval (jobs/recurring-jobs.ts), so the list shows soon after it is stored.
 */
export const SIMILAR_PENDING_RECHECK_MS = 30_000;

/** Papers kept per list: the API's largest `limit`, with room for some to be withdrawn later. */
export const SIMILAR_STORED = 50;

/** What a list was computed from: a changed title or abstract means a new list. */
export function similarTextHash(paper: { title: string; abstract: string }): string {
  return createHash('sha256').update(`${paper.title}\n${paper.abstract}`).digest('hex').slice(0, 16);
}

export function toStoredSimilar(
  list: SimilarList,
  paper: { title: string; abstract: string },
  now: Date,
): StoredSimilar {
  return {
    paperId: list.paperId,
    modelKey: list.modelKey ?? '',
    textHash: similarTextHash(paper),
    similar: list.papers.map((p) => [p.id, p.score]),
    computedAt: now.toISOString(),
  };
}

export interface SimilarPaperView {
  paper: PaperView;
  score: number;
}

export interface SimilarPapersRead {
  similar: SimilarPaperView[];
  /**
   * The paper has no stored list yet (just imported before the job's next run, or not reached by a
   * fresh install's backfill): it is now requested, and the job stores it within an interval.
   */
  isPending: boolean;
}

/**
 * A paper's similar papers (at most `limit`, best first) from storage — a page view never computes
 * them. A paper with no stored list is requested from the similar-papers job instead (it computes
 * requested papers first) and reads as pending.
 */
export async function readSimilarPapers(
  deps: { database: DatabaseHandle; now(): Date },
  paper: PaperView,
  limit: number,
): Promise<SimilarPapersRead> {
  const { db } = deps.database;
  const stored = await getSimilarList(db, paper.id);
  if (!stored) {
    // Withdrawn papers get no list (the job drops theirs): nothing to wait for.
    if (paper.isWithdrawn) return { similar: [], isPending: false };
    await requestSimilarList(db, paper.id, deps.now());
    return { similar: [], isPending: true };
  }
  // A few spare ids, for neighbours withdrawn (or deleted) since the list was computed.
  const wanted = stored.similar.slice(0, limit + 10);
  const papers = new Map(
    (
      await getPapersByIds(
        db,
        wanted.map(([id]) => id),
      )
    ).map((p) => [p.id, p]),
  );
  const similar: SimilarPaperView[] = [];
  for (const [id, score] of stored.similar) {
    const found = papers.get(id);
    if (!found || found.isWithdrawn) continue;
    similar.push({ paper: found, score });
    if (similar.length === limit) break;
  }
  return { similar, isPending: false };
}
