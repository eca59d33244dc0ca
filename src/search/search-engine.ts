// Runs one search against an open index, in one read snapshot. Relevance order is always the exact,
// exhaustive BM25 order of FTS5's bm25() with our column weights: plain-word queries (words, and
// exclusions of words, with any filters) are ranked by the keyword engine (keyword/), which scores
// every match the way bm25() does but far faster; phrases, prefixes, fields and OR groups, and date
// or upvote order, go to FTS5 itself. Then highlighted title and snippet for the page's hits.
// Synchronous (better-sqlite3): callers run it in a worker thread (search-pool.ts).

import type SQLite from 'better-sqlite3';
import { allowedBitmap } from './allowed-bitmap.js';
import { filterOnlyPage, ftsPage } from './fts-search.js';
import { toHit, withHighlights } from './hit-rows.js';
import { keywordReaderFor } from './keyword/keyword-reader.js';
import { rankByKeywordEngine } from './keyword-engine-ranking.js';
import type { ParsedQuery, QueryNode } from './query-ast.js';
import { FIELD_WEIGHTS, type KeywordPage, type SearchPage, type SearchRequest } from './search-types.js';

export function runSearch(
  sqlite: SQLite.Database,
  parsed: ParsedQuery,
  searchRequest: SearchRequest,
  weights: readonly number[] = FIELD_WEIGHTS,
): SearchPage {
  const request = { ...searchRequest, weights };
  // One snapshot for the ranking, the counts and the highlights, whatever the follower writes meanwhile.
  const page = sqlite.transaction(() => {
    if (!parsed.root) return filterOnlyPage(sqlite, parsed, request);
    return (
      keywordEnginePage(sqlite, parsed.root, parsed, request) ?? ftsPage(sqlite, parsed.root, parsed, request)
    );
  })();
  return { ...page, mode: 'keyword' };
}

function keywordEnginePage(
  sqlite: SQLite.Database,
  root: QueryNode,
  parsed: ParsedQuery,
  request: SearchRequest & { weights: readonly number[] },
): KeywordPage | undefined {
  if (request.sort !== 'relevance' || request.weights.join() !== FIELD_WEIGHTS.join()) return undefined;
  const reader = keywordReaderFor(sqlite);
  // An index built before the engine's postings existed is ranked by FTS5 until it is rebuilt.
  if (!reader.refresh()) return undefined;
  const allowed = allowedBitmap(sqlite, parsed, reader.size);
  const ranking = rankByKeywordEngine(sqlite, root, allowed, request);
  if (!ranking) return undefined;
  const ranked = ranking.result.hits.map((hit) => ({
    id: hit.id,
    score: hit.score,
    arxiv_id: arxivIdOf(sqlite, hit.id),
  }));
  const rows = withHighlights(sqlite, ranking.match, ranked, request);
  return {
    hits: rows.map((r) => toHit(r, request.sort)),
    total: ranking.result.total,
    isTotalExact: true,
    isRelaxed: ranking.query.require === 'any',
    strictTotal: ranking.strictTotal,
  };
}

function arxivIdOf(sqlite: SQLite.Database, id: number): string {
  const row = sqlite.prepare('select arxiv_id from search_docs where rowid = ?').get(id) as {
    arxiv_id: string;
  };
  return row.arxiv_id;
}
