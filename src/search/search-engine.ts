// Runs one search against an open index, in one read snapshot. Relevance order is always the exact,
// exhaustive BM25 order of FTS5's bm25() with our column weights: plain-word queries (words, and
// exclusions of words, with any filters) are ranked by the keyword engine (keyword/), which scores
// every match the way bm25() does but far faster; phrases, prefixes, fields and OR groups, and date
// or upvote order, go to FTS5 itself. Then highlighted title and snippet for the page's hits.
// Synchronous (better-sqlite3): callers run it in a worker thread (search-pool.ts).

import type SQLite from 'better-sqlite3';
import { type HighlightSegment, snippetOf, toSegments, trimBrokenMath } from './highlight.js';
import { readCollectionStats } from './keyword/fts-averages.js';
import { type RankRequest, type RankResult, rankExact } from './keyword/keyword-ranker.js';
import { keywordReaderFor } from './keyword/keyword-reader.js';
import { pairKey, pairVocabularyOf } from './keyword/phrase-pairs.js';
import { tokenOracleFor } from './keyword/token-oracle.js';
import type { ParsedQuery, QueryNode } from './query-ast.js';
import { toFilterSql, toFtsMatch } from './query-fts.js';
import type { KeywordReason, RequestedMode, SearchMode } from './search-mode.js';
import { isStopWord } from './stop-words.js';

export type SearchSort = 'relevance' | 'date' | 'upvotes';

export interface SearchRequest {
  q: string;
  sort: SearchSort;
  limit: number;
  offset: number;
  /** Highlight the whole abstract instead of cutting a snippet (the HF-compatible API wants it). */
  isFullAbstract?: boolean;
  /** Never relax to "any of the words" (saved-search feeds must match exactly what was asked). */
  isStrict?: boolean;
  /** keyword, semantic, hybrid, or auto (the default: hybrid for plain language; search-mode.ts). */
  mode?: RequestedMode;
}

export interface SearchHit {
  id: number;
  arxivId: string;
  /**
   * Lower is better: BM25 as FTS5's bm25() reports it in keyword mode; in semantic and hybrid modes the
   * negated similarity or fused score. Null when not sorted by relevance.
   */
  score: number | null;
  title: HighlightSegment[];
  /** A passage of the abstract around the matches (or all of it with isFullAbstract). */
  snippet: HighlightSegment[];
}

export interface SearchPage {
  hits: SearchHit[];
  total: number;
  /** False when the count stopped at COUNT_CAP ("about N"). */
  isTotalExact: boolean;
  /** True when too few papers matched every word and papers with any of them follow. */
  isRelaxed: boolean;
  /** How many papers match every word (equals total unless relaxed). */
  strictTotal: number;
  /**
   * The mode that ranked this page. Semantic and hybrid pages list the best matches by meaning: their
   * total is the number of candidates shown, not of papers containing the words.
   */
  mode: SearchMode;
  /** Why the page is keyword when another mode was asked for, or is the default (search-mode.ts). */
  keywordReason?: KeywordReason;
}

/** A page before the mode is known: the keyword paths below produce these. */
type KeywordPage = Omit<SearchPage, 'mode' | 'keywordReason'>;

/**
 * Column weights for bm25(): title, authors, abstract (tuned on the eval collections). The keyword
 * engine's postings hold frequencies weighted with these (keyword/token-oracle.ts).
 */
export const FIELD_WEIGHTS: readonly number[] = [6, 2, 1];
/** Counting every match of a very common word costs as much as ranking it; stop here. */
export const COUNT_CAP = 10_000;

// Equal scores fall back to paper id, the keyword engine's order too, so both give one order.
const ORDER: Record<SearchSort, string> = {
  relevance: 'score, f.rowid',
  date: 'd.published_date desc, f.rowid desc',
  upvotes: 'd.upvotes desc, score',
};

interface Row {
  id: number;
  arxiv_id: string;
  score: number;
  title_hl: string;
  snippet_hl: string;
}

interface FilterClause {
  sql: string;
  params: unknown[];
  /** The FROM clause: the side table is joined only when a filter reads it (the join costs ~10×). */
  from: string;
}

const WITH_DOCS = 'papers_fts f join search_docs d on d.rowid = f.rowid';

function filterClause(parsed: ParsedQuery): FilterClause {
  const filter = toFilterSql(parsed.filters);
  if (filter.sql === '1 = 1') return { sql: '', params: [], from: 'papers_fts f' };
  return { sql: ` and ${filter.sql}`, params: filter.params, from: WITH_DOCS };
}

function matchQuery(
  sqlite: SQLite.Database,
  match: string,
  parsed: ParsedQuery,
  request: SearchRequest & { weights: readonly number[] },
  preferred?: string,
) {
  const filter = filterClause(parsed);
  // Relaxed queries list the papers matching every word first (`preferred`), then the rest.
  const first = preferred
    ? '(f.rowid in (select rowid from papers_fts where papers_fts match ?)) desc, '
    : '';
  const weights = request.weights.map(Number).join(', ');
  // Only ids and scores here: SQLite evaluates the select list for every row it sorts, so snippets
  // are made afterwards for the page's rows alone.
  const ranked = sqlite
    .prepare(
      `select f.rowid as id, d.arxiv_id, bm25(papers_fts, ${weights}) as score
       from papers_fts f join search_docs d on d.rowid = f.rowid
       where papers_fts match ?${filter.sql}
       order by ${first}${ORDER[request.sort]} limit ? offset ?`,
    )
    .all(match, ...filter.params, ...(preferred ? [preferred] : []), request.limit, request.offset) as Array<
    Pick<Row, 'id' | 'arxiv_id' | 'score'>
  >;
  const rows = withHighlights(sqlite, match, ranked, request);
  const counted = sqlite
    .prepare(
      `select count(*) as n from (select 1 from ${filter.from}
       where papers_fts match ?${filter.sql} limit ${COUNT_CAP + 1})`,
    )
    .get(match, ...filter.params) as { n: number };
  return { rows, total: Math.min(counted.n, COUNT_CAP), isTotalExact: counted.n <= COUNT_CAP };
}

/** Highlighted title and snippet (or whole abstract) of each ranked paper for a MATCH expression. */
function withHighlights(
  sqlite: SQLite.Database,
  match: string,
  ranked: Array<Pick<Row, 'id' | 'arxiv_id' | 'score'>>,
  request: Pick<SearchRequest, 'isFullAbstract'>,
): Row[] {
  // FTS5 mishandles a rowid constraint bound as a JS number (a REAL) next to MATCH: it returned the
  // first match instead of the given row. Casting makes it an integer (a test pins this).
  const marks = sqlite.prepare(
    `select highlight(papers_fts, 0, char(1), char(2)) as title_hl,
       highlight(papers_fts, 2, char(1), char(2)) as snippet_hl
     from papers_fts where papers_fts match ? and rowid = cast(? as integer)`,
  );
  return ranked.map((r) => {
    const row = marks.get(match, r.id) as Pick<Row, 'title_hl' | 'snippet_hl'> | undefined;
    if (!row || request.isFullAbstract) return { ...r, ...row } as Row;
    return { ...r, title_hl: row.title_hl, snippet_hl: snippetOf(row.snippet_hl) };
  });
}

/** Papers matching only filters (no words): newest first, or by upvotes. */
function filterOnlyQuery(sqlite: SQLite.Database, parsed: ParsedQuery, request: SearchRequest) {
  const filter = filterClause(parsed);
  const order =
    request.sort === 'upvotes' ? 'd.upvotes desc, d.rowid desc' : 'd.published_date desc, d.rowid desc';
  const rows = sqlite
    .prepare(
      `select d.rowid as id, d.arxiv_id, null as score, f.title as title_hl,
         ${request.isFullAbstract ? 'f.abstract' : 'substr(f.abstract, 1, 240)'} as snippet_hl
       from search_docs d join papers_fts f on f.rowid = d.rowid
       where 1 = 1${filter.sql} order by ${order} limit ? offset ?`,
    )
    .all(...filter.params, request.limit, request.offset) as Row[];
  const counted = sqlite
    .prepare(
      `select count(*) as n from (select 1 from search_docs d where 1 = 1${filter.sql} limit ${COUNT_CAP + 1})`,
    )
    .get(...filter.params) as { n: number };
  return { rows, total: Math.min(counted.n, COUNT_CAP), isTotalExact: counted.n <= COUNT_CAP };
}

/**
 * Plain-word queries (what people type, up to pasted sentences) relax to "any of the words, minus
 * stop words" when too few papers have every word; the papers with every word still come first.
 */
function relaxedRoot(root: QueryNode): QueryNode | undefined {
  if (root.kind !== 'and' || root.children.length < 2) return undefined;
  // Only plain words: a query with fields or groups says precisely what it wants.
  if (!root.children.every((c) => (c.kind === 'term' || c.kind === 'phrase') && c.field === undefined))
    return undefined;
  const telling = root.children.filter((c) => !(c.kind === 'term' && !c.isPrefix && isStopWord(c.text)));
  const children = telling.length > 0 ? telling : root.children;
  return children.length === 1 ? children[0] : { kind: 'or', children };
}

function toHit(row: Row, sort: SearchSort): SearchHit {
  return {
    id: row.id,
    arxivId: row.arxiv_id,
    score: sort === 'relevance' && row.score !== null ? row.score : null,
    title: toSegments(row.title_hl),
    snippet: toSegments(trimBrokenMath(row.snippet_hl)),
  };
}

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

function filterOnlyPage(sqlite: SQLite.Database, parsed: ParsedQuery, request: SearchRequest): KeywordPage {
  const hasFilters = Object.values(parsed.filters).some((v) => v !== undefined);
  if (!hasFilters) return { hits: [], total: 0, isTotalExact: true, isRelaxed: false, strictTotal: 0 };
  const result = filterOnlyQuery(sqlite, parsed, request);
  return {
    hits: result.rows.map((r) => toHit(r, request.sort)),
    total: result.total,
    isTotalExact: result.isTotalExact,
    isRelaxed: false,
    strictTotal: result.total,
  };
}

/** Any query, through FTS5's own bm25(): exhaustive, so exact, at FTS5's speed. */
function ftsPage(
  sqlite: SQLite.Database,
  root: QueryNode,
  parsed: ParsedQuery,
  request: SearchRequest & { weights: readonly number[] },
): KeywordPage {
  const strictMatch = toFtsMatch(root);
  let result = matchQuery(sqlite, strictMatch, parsed, request);
  const strictTotal = result.total;
  let isRelaxed = false;
  const isShort = result.total < request.offset + request.limit;
  const relaxed = isShort && !request.isStrict ? relaxedRoot(root) : undefined;
  if (relaxed) {
    const wider = matchQuery(
      sqlite,
      toFtsMatch(relaxed),
      parsed,
      request,
      result.total > 0 ? strictMatch : undefined,
    );
    isRelaxed = wider.total > result.total;
    if (isRelaxed) result = wider;
  }
  return {
    hits: result.rows.map((r) => toHit(r, request.sort)),
    total: result.total,
    isTotalExact: result.isTotalExact,
    isRelaxed,
    strictTotal,
  };
}

interface EnginePlan {
  terms: string[];
  excluded: string[];
}

/**
 * The keyword engine's form of a query: its words and excluded words as index tokens. Undefined for
 * what only FTS5 can rank (phrases, prefixes, fields, OR groups, a word that is several tokens).
 */
function planFor(sqlite: SQLite.Database, root: QueryNode): EnginePlan | undefined {
  // A relaxed query is an OR of words; the caller knows which it asked for.
  const children = root.kind === 'and' || root.kind === 'or' ? root.children : [root];
  const plan: EnginePlan = { terms: [], excluded: [] };
  for (const child of children) {
    const isExcluded = child.kind === 'not';
    const token = engineToken(sqlite, isExcluded ? child.child : child);
    if (token === undefined) return undefined;
    (isExcluded ? plan.excluded : plan.terms).push(token);
  }
  return plan.terms.length > 0 && plan.terms.length <= 250 ? plan : undefined;
}

/** The engine's postings key for a word, or for a two-word phrase of the pair vocabulary. */
function engineToken(sqlite: SQLite.Database, leaf: QueryNode): string | undefined {
  if ((leaf.kind !== 'term' && leaf.kind !== 'phrase') || leaf.field !== undefined || leaf.isPrefix)
    return undefined;
  const oracle = tokenOracleFor(sqlite);
  if (leaf.kind === 'term') return oracle.tokenizeWord(leaf.text);
  const [first, second, ...rest] = leaf.words.map((word) => oracle.tokenizeWord(word));
  if (!first || !second || rest.length > 0) return undefined;
  const pair = pairKey(first, second);
  return pairVocabularyOf(sqlite).pairs.has(pair) ? pair : undefined;
}

/** Filters as a bitmap over paper ids for the keyword engine and the vector scan (undefined: no filters). */
export function allowedBitmap(
  sqlite: SQLite.Database,
  parsed: ParsedQuery,
  size: number,
): Uint8Array | undefined {
  const filter = toFilterSql(parsed.filters);
  if (filter.sql === '1 = 1') return undefined;
  const allowed = new Uint8Array(size);
  const ids = sqlite
    .prepare(`select d.rowid from search_docs d where ${filter.sql}`)
    .pluck()
    .iterate(...filter.params) as Iterable<number>;
  for (const id of ids) if (id < size) allowed[id] = 1;
  return allowed;
}

/** A plain-word query ranked by the keyword engine: the ranking a keyword page shows, before highlights. */
export interface KeywordRanking {
  /** The request rankExact ran: the strict one (every word), or the relaxed one (any word, all-word papers first). */
  query: RankRequest;
  result: RankResult;
  /** How many papers have every word. */
  strictTotal: number;
  /** The FTS5 MATCH of the query that ran (for highlights). */
  match: string;
}

/**
 * The keyword page's ranking of a plain-word query (relaxed as the page relaxes it), or undefined for
 * what only FTS5 can rank. The caller has refreshed the reader in its read transaction. Also the
 * lexical side of hybrid search (hybrid/hybrid-search.ts), so that both start from one order.
 */
export function rankByKeywordEngine(
  sqlite: SQLite.Database,
  root: QueryNode,
  allowed: Uint8Array | undefined,
  request: Pick<SearchRequest, 'limit' | 'offset' | 'isStrict'>,
): KeywordRanking | undefined {
  const plan = planFor(sqlite, root);
  if (!plan) return undefined;
  const reader = keywordReaderFor(sqlite);
  const stats = readCollectionStats(sqlite);
  const page = { limit: request.limit, offset: request.offset, ...(allowed ? { allowed } : {}) };
  const strictQuery: RankRequest = { terms: plan.terms, require: 'all', excluded: plan.excluded, ...page };
  const strict = rankExact(reader, stats, strictQuery);
  const ranking = { query: strictQuery, result: strict, strictTotal: strict.total, match: toFtsMatch(root) };
  const relaxed =
    strict.total < request.offset + request.limit && !request.isStrict ? relaxedRoot(root) : undefined;
  if (!relaxed) return ranking;
  const relaxedPlan = planFor(sqlite, relaxed);
  if (!relaxedPlan) return undefined;
  const relaxedQuery: RankRequest = {
    terms: relaxedPlan.terms,
    require: 'any',
    ...(strict.total > 0 ? { preferred: plan.terms } : {}),
    ...page,
  };
  const depth = { offset: 0, limit: request.offset + request.limit };
  const wider = rankExact(reader, stats, { ...relaxedQuery, ...depth });
  if (wider.total <= strict.total) return ranking;
  // The all-word tier keeps the strict query's own order: every word scored, stop words too, which is
  // the exhaustive bm25 order of those papers (the relaxed query leaves stop words out of its scores).
  // All of them fit in `depth`, since the strict total is below it.
  const allWords = request.offset === 0 ? strict : rankExact(reader, stats, { ...strictQuery, ...depth });
  const inTier = new Set(allWords.hits.map((hit) => hit.id));
  const hits = [...allWords.hits, ...wider.hits.filter((hit) => !inTier.has(hit.id))].slice(
    request.offset,
    request.offset + request.limit,
  );
  return {
    query: relaxedQuery,
    result: { ...wider, hits },
    strictTotal: strict.total,
    match: toFtsMatch(relaxed),
  };
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

/**
 * Every paper a query matches, unranked and uncapped (the digest matches saved topics against a
 * small index of one period's papers). Never relaxed: a saved topic means exactly what it says.
 */
export function listMatchingIds(sqlite: SQLite.Database, parsed: ParsedQuery): number[] {
  const filter = filterClause(parsed);
  if (!parsed.root) {
    const hasFilters = Object.values(parsed.filters).some((v) => v !== undefined);
    if (!hasFilters) return [];
    const rows = sqlite
      .prepare(`select d.rowid as id from search_docs d where 1 = 1${filter.sql}`)
      .all(...filter.params) as Array<{ id: number }>;
    return rows.map((r) => r.id);
  }
  const rows = sqlite
    .prepare(`select f.rowid as id from ${filter.from} where papers_fts match ?${filter.sql}`)
    .all(toFtsMatch(parsed.root), ...filter.params) as Array<{ id: number }>;
  return rows.map((r) => r.id);
}
