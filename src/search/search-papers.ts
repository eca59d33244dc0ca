// "Search, then fetch the papers": the one way pages, the API, feeds and the CLI run a search. The
// search service (an index over the change log) answers ids in rank order; the papers are read from
// the store in one query and kept in that order. A hit whose paper is gone from the store (deleted
// since the index last caught up) is dropped rather than shown half-empty.

import type { DatabaseHandle } from '../db/connection.js';
import { getPapersByIds } from '../store/paper-lookups.js';
import type { PaperView } from '../store/paper-reads.js';
import type { SearchService } from './search-pool.js';
import type { SearchHit, SearchPage, SearchRequest } from './search-types.js';

export interface PaperSearchResult {
  hit: SearchHit;
  paper: PaperView;
}

/** The search's page (counts, mode, relaxation) with each hit's stored paper beside it. */
export interface PaperSearchPage extends Omit<SearchPage, 'hits'> {
  results: PaperSearchResult[];
}

export async function searchPapers(
  deps: { search: Pick<SearchService, 'search'>; database: Pick<DatabaseHandle, 'db'> },
  request: SearchRequest,
): Promise<PaperSearchPage> {
  const { hits, ...page } = await deps.search.search(request);
  const papers = await getPapersByIds(
    deps.database.db,
    hits.map((hit) => hit.id),
  );
  const byId = new Map(papers.map((paper) => [paper.id, paper]));
  const results = hits.flatMap((hit) => {
    const paper = byId.get(hit.id);
    return paper ? [{ hit, paper }] : [];
  });
  return { ...page, results };
}
