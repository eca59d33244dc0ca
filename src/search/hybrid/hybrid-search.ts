// Search in any mode: keyword pages come from runSearch (search-engine.ts); semantic pages from the
// semantic ranker alone; hybrid pages fuse the keyword page's own ranking (optionally RM3-expanded)
// with the semantic list (fusion.ts). Highlights for meaning-matched papers: FTS5's marks when the paper has
// any query word, else its plain title and the abstract's start. Called by the search worker and
// InProcessSearch; the semantic ranker is optional (without one, every page is keyword).

import type SQLite from 'better-sqlite3';
import { allowedBitmap } from '../allowed-bitmap.js';
import { snippetOf, toSegments, trimBrokenMath } from '../highlight.js';
import { readCollectionStats } from '../keyword/fts-averages.js';
import { rankExact } from '../keyword/keyword-ranker.js';
import { keywordReaderFor } from '../keyword/keyword-reader.js';
import { rankByKeywordEngine } from '../keyword-engine-ranking.js';
import { orNode, type ParsedQuery, type QueryNode } from '../query-ast.js';
import { toFtsMatch } from '../query-fts.js';
import { runSearch } from '../search-engine.js';
import { resolveSearchMode } from '../search-mode.js';
import { FIELD_WEIGHTS, type SearchHit, type SearchPage, type SearchRequest } from '../search-types.js';
import { isStopWord } from '../stop-words.js';
import { type FusedHit, fuseScores, monotoneDown, type ScoredId } from './fusion.js';
import { expandQuery, type Rm3Options } from './rm3.js';
import type { SemanticRanker } from './semantic-ranker.js';

export interface HybridTuning {
  /** Candidates taken from each list (and so the most a semantic or hybrid search lists). */
  candidates: number;
  /** Weight of the lexical list in the fused score (fusion.ts). */
  lexicalWeight: number;
  /** Query expansion of the lexical list; undefined: the query's words alone. */
  rm3?: Rm3Options;
  /**
   * Vector feedback for the semantic list in hybrid mode (vector-feedback.ts): the query vector moved
   * towards the lexical list's top `docs` papers, the query keeping `queryWeight`. Undefined: none.
   */
  vectorFeedback?: { docs: number; queryWeight: number };
}

/**
 * Lexical weight 0.8, the top of the usual 0.6–0.8: with LSA vectors every semantic share cost nDCG@10
 * on CACM and gained little on CISI (README, Search). Vector feedback from the lexical top 5 at query
 * weight 0.5 (a textbook Rocchio setting, not a fitted one) raised both dev collections a little. RM3 is
 * off: on the keyword ranking it lowered CACM at every setting measured and left CISI level
 * (`--rm3 10,30,0.7` compares it).
 */
export const HYBRID_DEFAULTS: HybridTuning = {
  candidates: 100,
  lexicalWeight: 0.8,
  vectorFeedback: { docs: 5, queryWeight: 0.5 },
};

export interface ModeSearchOptions {
  semantic?: SemanticRanker;
  /** bm25() column weights (the evaluation script compares them); keyword mode only. */
  weights?: readonly number[];
  hybrid?: HybridTuning;
}

/** The query's positive words, in order: what the embedder reads and RM3 starts from. */
function queryWords(root: QueryNode): string[] {
  switch (root.kind) {
    case 'term':
      return [root.text];
    case 'phrase':
      return [...root.words];
    case 'not':
      return [];
    case 'and':
    case 'or':
      return root.children.flatMap(queryWords);
  }
}

export async function searchByMode(
  sqlite: SQLite.Database,
  parsed: ParsedQuery,
  request: SearchRequest,
  options: ModeSearchOptions = {},
): Promise<SearchPage> {
  const resolved = resolveSearchMode(request.mode ?? 'auto', request.q, parsed, request.sort);
  const isCustomWeights = options.weights !== undefined && options.weights.join() !== FIELD_WEIGHTS.join();
  const keyword = (keywordReason = resolved.keywordReason): SearchPage => ({
    ...runSearch(sqlite, parsed, request, options.weights),
    ...(keywordReason ? { keywordReason } : {}),
  });
  if (resolved.mode === 'keyword' || !parsed.root) return keyword();
  if (!options.semantic || isCustomWeights) return keyword('unavailable');
  const tuning = options.hybrid ?? HYBRID_DEFAULTS;
  const words = queryWords(parsed.root);
  const reader = keywordReaderFor(sqlite);
  // An index built before the keyword engine's postings has no exact lexical list to fuse.
  if (!sqlite.transaction(() => reader.refresh())()) return keyword('unavailable');
  const allowed = allowedBitmap(sqlite, parsed, reader.size);
  const isHybrid = resolved.mode === 'hybrid';
  const lexical = isHybrid
    ? sqlite.transaction(() => {
        reader.refresh();
        return monotoneDown(lexicalList(sqlite, parsed, request, tuning, allowed));
      })()
    : [];
  const feedback =
    isHybrid && tuning.vectorFeedback && lexical.length > 0
      ? {
          paperIds: lexical.slice(0, tuning.vectorFeedback.docs).map((hit) => hit.id),
          queryWeight: tuning.vectorFeedback.queryWeight,
        }
      : undefined;
  // The query embedding may be asynchronous (an external provider); the SQLite parts are not.
  const semantic = await options.semantic.rank(words.join(' '), tuning.candidates, {
    ...(allowed ? { allowed } : {}),
    ...(feedback ? { feedback } : {}),
    // Every lexical candidate gets its real similarity, not the 0 of "outside the semantic top k".
    ...(isHybrid ? { alsoScore: lexical.map((hit) => hit.id) } : {}),
  });
  return sqlite.transaction(() => {
    reader.refresh();
    const fused = isHybrid
      ? fuseScores(lexical, semantic, { lexicalWeight: tuning.lexicalWeight })
      : semantic.map((s): FusedHit => ({ id: s.id, score: s.score, lexical: 0, semantic: s.score }));
    // The ranker should honour `allowed` and know only indexed papers; a vector ahead of the index
    // (a paper not yet followed in) or a filtered paper is left out here all the same.
    const shown = fused.filter((hit) => hit.id < reader.size && (!allowed || allowed[hit.id] === 1));
    const hits = highlightHits(sqlite, parsed.root as QueryNode, shown, request);
    const total = hits.total;
    return {
      hits: hits.page,
      total,
      isTotalExact: true,
      isRelaxed: false,
      strictTotal: total,
      mode: resolved.mode,
    };
  })();
}

/**
 * The lexical candidates, higher is better: the keyword page's own ranking (relaxed the same way, papers
 * with every word first), re-ranked by its RM3 expansion when tuned so, keeping that order's tiers.
 * A query the keyword engine cannot rank gives the keyword page itself.
 */
function lexicalList(
  sqlite: SQLite.Database,
  parsed: ParsedQuery,
  request: SearchRequest,
  tuning: HybridTuning,
  allowed: Uint8Array | undefined,
): ScoredId[] {
  const depth = { limit: tuning.candidates, offset: 0, ...(request.isStrict ? { isStrict: true } : {}) };
  const ranking = rankByKeywordEngine(sqlite, parsed.root as QueryNode, allowed, depth);
  if (!ranking) {
    const page = runSearch(sqlite, parsed, { ...request, ...depth, sort: 'relevance', mode: 'keyword' });
    return page.hits.map((hit) => ({ id: hit.id, score: -(hit.score ?? 0) }));
  }
  if (!tuning.rm3 || tuning.rm3.queryWeight >= 1 || ranking.result.hits.length === 0) {
    return ranking.result.hits.map((hit) => ({ id: hit.id, score: -hit.score }));
  }
  const { query } = ranking;
  const expanded = expandQuery(sqlite, query.terms, ranking.result.hits, tuning.rm3);
  if (expanded.terms.length > 250)
    return ranking.result.hits.map((hit) => ({ id: hit.id, score: -hit.score }));
  // Papers with every word stay first, as on the keyword page.
  const preferred = query.require === 'all' ? query.terms : query.preferred;
  const ranked = rankExact(keywordReaderFor(sqlite), readCollectionStats(sqlite), {
    ...expanded,
    require: 'any',
    ...(preferred ? { preferred } : {}),
    ...(query.excluded ? { excluded: query.excluded } : {}),
    ...(allowed ? { allowed } : {}),
    limit: tuning.candidates,
    offset: 0,
  });
  return ranked.hits.map((hit) => ({ id: hit.id, score: -hit.score }));
}

interface HighlightRow {
  title_hl: string;
  snippet_hl: string;
}

/** The page's hits with highlights; papers that left the index meanwhile are dropped. */
function highlightHits(
  sqlite: SQLite.Database,
  root: QueryNode,
  fused: FusedHit[],
  request: SearchRequest,
): { page: SearchHit[]; total: number } {
  const children = root.kind === 'and' ? root.children : [root];
  const telling = children.filter((c) => !(c.kind === 'term' && isStopWord(c.text)));
  const anyWord = orNode(telling.length > 0 ? telling : children);
  const match = anyWord ? toFtsMatch(anyWord) : undefined;
  // cast(? as integer): see withHighlights in hit-rows.ts (FTS5 and a REAL rowid).
  const marked = sqlite.prepare(
    `select highlight(papers_fts, 0, char(1), char(2)) as title_hl,
       highlight(papers_fts, 2, char(1), char(2)) as snippet_hl
     from papers_fts where papers_fts match ? and rowid = cast(? as integer)`,
  );
  const plain = sqlite.prepare(
    `select f.title as title_hl, ${request.isFullAbstract ? 'f.abstract' : 'substr(f.abstract, 1, 240)'} as snippet_hl
     from papers_fts f where f.rowid = cast(? as integer)`,
  );
  const arxivId = sqlite.prepare('select arxiv_id from search_docs where rowid = cast(? as integer)').pluck();
  const page: SearchHit[] = [];
  const wanted = fused.slice(request.offset, request.offset + request.limit);
  for (const hit of wanted) {
    const id = arxivId.get(hit.id) as string | undefined;
    const highlighted = (match ? marked.get(match, hit.id) : undefined) as HighlightRow | undefined;
    const row = highlighted
      ? {
          ...highlighted,
          snippet_hl: request.isFullAbstract ? highlighted.snippet_hl : snippetOf(highlighted.snippet_hl),
        }
      : (plain.get(hit.id) as HighlightRow | undefined);
    if (id === undefined || !row) continue;
    page.push({
      id: hit.id,
      arxivId: id,
      score: -hit.score,
      title: toSegments(row.title_hl),
      snippet: toSegments(trimBrokenMath(row.snippet_hl)),
    });
  }
  return { page, total: fused.length };
}
