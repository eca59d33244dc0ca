// Runs one search against an open index: FTS5 MATCH compiled from the query AST, filters over the
// side table, BM25 with field weights (or date / upvotes order), a capped total, highlighted title
// and snippet. Synchronous (better-sqlite3): callers run it in a worker thread (search-pool.ts).

import type SQLite from 'better-sqlite3';
import { type HighlightSegment, toSegments, trimBrokenMath } from './highlight.js';
import type { ParsedQuery, QueryNode } from './query-ast.js';
import { toFilterSql, toFtsMatch } from './query-fts.js';
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
}

export interface SearchHit {
  id: number;
  arxivId: string;
  /** BM25 score (lower is better, as FTS5 reports it); null when not sorted by relevance. */
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
}

/** Column weights for bm25(): title, authors, abstract, categories (tuned on the eval collections). */
export const FIELD_WEIGHTS: readonly number[] = [6, 2, 1, 0.5];
/** Counting every match of a very common word costs as much as ranking it; stop here. */
export const COUNT_CAP = 10_000;

const ORDER: Record<SearchSort, string> = {
  relevance: 'score',
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

/**
 * Ranking every match of a word found in half the papers costs as much as scoring all of them. When
 * a query has more than RANK_WINDOW matches, the newest RANK_WINDOW (found by a lazy scan down the
 * rowid order, which stops early) are ranked by BM25 instead: "the most relevant of the recent ones"
 * for queries that general. Specific queries never reach the window and are ranked exactly.
 */
export const RANK_WINDOW = 3000;

function windowStart(sqlite: SQLite.Database, match: string, filter: FilterClause) {
  const row = sqlite
    .prepare(
      `select f.rowid as id from ${filter.from}
       where papers_fts match ?${filter.sql} order by f.rowid desc limit 1 offset ${RANK_WINDOW - 1}`,
    )
    .get(match, ...filter.params) as { id: number } | undefined;
  return row?.id;
}

function matchQuery(
  sqlite: SQLite.Database,
  match: string,
  parsed: ParsedQuery,
  request: SearchRequest & { weights: readonly number[] },
  preferred?: string,
) {
  const filter = filterClause(parsed);
  const from = request.sort === 'relevance' ? windowStart(sqlite, match, filter) : undefined;
  const window = from === undefined ? '' : ' and f.rowid >= cast(? as integer)';
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
       where papers_fts match ?${filter.sql}${window}
       order by ${first}${ORDER[request.sort]} limit ? offset ?`,
    )
    .all(
      match,
      ...filter.params,
      ...(from === undefined ? [] : [from]),
      ...(preferred ? [preferred] : []),
      request.limit,
      request.offset,
    ) as Array<Pick<Row, 'id' | 'arxiv_id' | 'score'>>;
  // FTS5 mishandles a rowid constraint bound as a JS number (a REAL) next to MATCH: it returned the
  // first match instead of the given row. Casting makes it an integer (a test pins this).
  const marks = sqlite.prepare(
    `select highlight(papers_fts, 0, char(1), char(2)) as title_hl,
       ${request.isFullAbstract ? 'highlight(papers_fts, 2, char(1), char(2))' : "snippet(papers_fts, 2, char(1), char(2), '…', 40)"} as snippet_hl
     from papers_fts where papers_fts match ? and rowid = cast(? as integer)`,
  );
  const rows = ranked.map((r) => ({
    ...r,
    ...(marks.get(match, r.id) as Pick<Row, 'title_hl' | 'snippet_hl'>),
  }));
  const counted = sqlite
    .prepare(
      `select count(*) as n from (select 1 from ${filter.from}
       where papers_fts match ?${filter.sql} limit ${COUNT_CAP + 1})`,
    )
    .get(match, ...filter.params) as { n: number };
  return { rows, total: Math.min(counted.n, COUNT_CAP), isTotalExact: counted.n <= COUNT_CAP };
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
  if (!parsed.root) {
    const hasFilters = Object.values(parsed.filters).some((v) => v !== undefined);
    if (!hasFilters) return { hits: [], total: 0, isTotalExact: true, isRelaxed: false, strictTotal: 0 };
    const result = filterOnlyQuery(sqlite, parsed, request);
    const hits = result.rows.map((r) => toHit(r, request.sort));
    return {
      hits,
      total: result.total,
      isTotalExact: result.isTotalExact,
      isRelaxed: false,
      strictTotal: result.total,
    };
  }
  const strictMatch = toFtsMatch(parsed.root);
  let result = matchQuery(sqlite, strictMatch, parsed, request);
  const strictTotal = result.total;
  let isRelaxed = false;
  const isShort = result.total < request.offset + request.limit;
  const relaxed = isShort && !request.isStrict ? relaxedRoot(parsed.root) : undefined;
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
