// Stored "similar papers" as pages and the API read them: the paper's stored list, papers that no
// longer exist or were withdrawn dropped. Also what the similar-papers job (similar-job.ts) shares:
// the text hash lists are computed from, and a computed list turned into a stored one.

import { createHash } from 'node:crypto';
import type { DatabaseHandle } from '../db/connection.js';
import { getPapersByIds } from '../store/paper-lookups.js';
import type { PaperView } from '../store/paper-reads.js';
import { getSimilarList, type StoredSimilar, saveSimilarLists } from '../store/similar-papers.js';
import type { SearchService } from './search-pool.js';
import type { SimilarList } from './similar-blend.js';

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

/** The search pool failed computing a missing list (a crashed worker, an index being rebuilt). */
class SimilarSearchError extends Error {
  override name = 'SimilarSearchError';
  constructor(cause: unknown) {
    super(`similar papers could not be computed: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
  }
}

/** Whether a failure came from the search side (pages go on without the section) and not the store. */
export function isSearchFailure(error: unknown): boolean {
  return error instanceof SimilarSearchError;
}

export interface SimilarPaperView {
  paper: PaperView;
  score: number;
}

/**
 * A paper's similar papers (at most `limit`, best first) from storage. A paper with no stored list
 * yet (just imported, before the similar-papers job's next run) has it computed once through the
 * search pool and stored; the serving work will make page views never compute.
 */
export async function readSimilarPapers(
  deps: { database: DatabaseHandle; search: Pick<SearchService, 'similarBatch'>; now(): Date },
  paper: PaperView,
  limit: number,
): Promise<SimilarPaperView[]> {
  let stored = await getSimilarList(deps.database.db, paper.id);
  if (!stored) {
    const batch = await deps.search.similarBatch([paper.id], SIMILAR_STORED).catch((error: unknown) => {
      throw new SimilarSearchError(error);
    });
    const [list] = batch.lists;
    if (!list) return [];
    stored = toStoredSimilar(list, paper, deps.now());
    await saveSimilarLists(deps.database.db, [stored]);
  }
  // A few spare ids, for neighbours withdrawn (or deleted) since the list was computed.
  const wanted = stored.similar.slice(0, limit + 10);
  const papers = new Map(
    (
      await getPapersByIds(
        deps.database.db,
        wanted.map(([id]) => id),
      )
    ).map((p) => [p.id, p]),
  );
  const result: SimilarPaperView[] = [];
  for (const [id, score] of stored.similar) {
    const found = papers.get(id);
    if (!found || found.isWithdrawn) continue;
    result.push({ paper: found, score });
    if (result.length === limit) break;
  }
  return result;
}
