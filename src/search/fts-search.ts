// Keyword search through FTS5 itself: queries the keyword engine cannot rank (phrases, prefixes,
// fields, OR groups), date and upvote order, filter-only queries, relaxed when too few papers have
// every word, counted up to COUNT_CAP; and listMatchingIds for the digest. Called by search-engine.ts.

import type SQLite from 'better-sqlite3';
import { type Row, toHit, withHighlights } from './hit-rows.js';
import type { ParsedQuery, QueryNode } from './query-ast.js';
import { toFilterSql, toFtsMatch } from './query-fts.js';
import { relaxedRoot } from './relaxed-query.js';
import { COUNT_CAP, type KeywordPage, type SearchRequest, type SearchSort } from './search-types.js';

// Equal scores fall back to paper id, the keyword engine's order too, so both give one order.
const ORDER: Record<SearchSort, string> = {
  relevance: 'score, f.rowid',
  date: 'd.published_date desc, f.rowid desc',
  upvotes: 'd.upvotes desc, score',
};

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

export function filterOnlyPage(
  sqlite: SQLite.Database,
  parsed: ParsedQuery,
  request: SearchRequest,
): KeywordPage {
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

export /** Any query, through FTS5's own bm25(): exhaustive, so exact, at FTS5's speed. */
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
