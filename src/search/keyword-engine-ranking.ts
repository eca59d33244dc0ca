// A plain-word query's ranking by the keyword engine (keyword/): its words as index tokens, the
// strict ranking, and the relaxed one (any word, all-word papers first) when too few have every word.
// The keyword page (search-engine.ts) and hybrid search's lexical list both start from it.

import type SQLite from 'better-sqlite3';
import { readCollectionStats } from './keyword/fts-averages.js';
import { type RankRequest, type RankResult, rankExact } from './keyword/keyword-ranker.js';
import { keywordReaderFor } from './keyword/keyword-reader.js';
import { pairKey, pairVocabularyOf } from './keyword/phrase-pairs.js';
import { tokenOracleFor } from './keyword/token-oracle.js';
import type { QueryNode } from './query-ast.js';
import { toFtsMatch } from './query-fts.js';
import { relaxedRoot } from './relaxed-query.js';
import type { SearchRequest } from './search-types.js';

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
