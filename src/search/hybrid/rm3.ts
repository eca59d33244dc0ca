// RM3 pseudo-relevance feedback over the keyword engine: the exact BM25 top N papers for the query's
// words are taken as relevant, a relevance model (RM1) is estimated from their index tokens, its best
// T terms are mixed with the query (λ for the query), and the mix runs as one weighted "any" query
// through rankExact. Lavrenko & Croft 2001 (relevance models); Abdul-Jaleel et al. 2004 (RM3).
// Synchronous, inside the caller's read transaction; called by hybrid-search.ts.

import type SQLite from 'better-sqlite3';
import type { CollectionStats } from '../keyword/fts-averages.js';
import { type RankedDoc, rankExact } from '../keyword/keyword-ranker.js';
import type { KeywordReader } from '../keyword/keyword-reader.js';
import { type TokenOracle, tokenOracleFor } from '../keyword/token-oracle.js';
import { isStopWord, listStopWords } from '../stop-words.js';

export interface Rm3Options {
  /** Feedback papers (the first pass's top N). */
  feedbackDocs: number;
  /** Expansion terms kept from the relevance model. */
  expansionTerms: number;
  /** Weight of the original query in the mix (1: no expansion). */
  queryWeight: number;
  /** How a feedback paper's BM25 score becomes its weight P(Q|D): the score itself, or exp(score − best). */
  docWeight: 'score' | 'exp';
}

/** From the literature (10 docs, 10–30 terms, λ 0.5–0.7); the dev collections confirmed, not fitted. */
export const RM3_DEFAULTS: Rm3Options = {
  feedbackDocs: 10,
  expansionTerms: 30,
  queryWeight: 0.7,
  // exp(score − best) measured above the raw score on both dev collections (CACM 0.483 vs 0.459).
  docWeight: 'exp',
};

export interface WeightedQuery {
  terms: string[];
  weights: number[];
}

export interface Rm3Search {
  reader: KeywordReader;
  stats: CollectionStats;
  /** Filters as a bitmap over paper ids (feedback papers must pass them too). */
  allowed?: Uint8Array;
}

const stopTokens = new WeakMap<TokenOracle, Set<string>>();

/** Stop words as index tokens (stemmed: "using" → "us"), so expansion leaves their stems out too. */
function stopTokensOf(oracle: TokenOracle): Set<string> {
  let set = stopTokens.get(oracle);
  if (!set) {
    set = new Set(listStopWords().flatMap((word) => oracle.tokenizeWord(word) ?? []));
    stopTokens.set(oracle, set);
  }
  return set;
}

const isExpansionCandidate = (token: string, stops: Set<string>) =>
  token.length > 1 && !/^\d+$/.test(token) && !stops.has(token);

/** The query model P(w|Q): the query's words as index tokens, stop words out, repeats counted. */
export function queryTokens(oracle: TokenOracle, words: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  const telling = words.filter((w) => !isStopWord(w));
  for (const word of telling.length > 0 ? telling : words) {
    const token = oracle.tokenizeWord(word);
    if (token !== undefined) counts.set(token, (counts.get(token) ?? 0) + 1);
  }
  return counts;
}

function toWeighted(model: Map<string, number>): WeightedQuery {
  return { terms: [...model.keys()], weights: [...model.values()] };
}

/** P(w|D) of each feedback paper: its weighted token frequencies (title counts 6×, authors 2×). */
function feedbackModels(sqlite: SQLite.Database, oracle: TokenOracle, docs: readonly RankedDoc[]) {
  const select = sqlite.prepare(
    'select title, authors, abstract from papers_fts where rowid = cast(? as integer)',
  );
  const documents = docs.flatMap((doc) => {
    const row = select.get(doc.id) as { title: string; authors: string; abstract: string } | undefined;
    return row ? [{ id: doc.id, columns: [row.title, row.authors, row.abstract] as const }] : [];
  });
  return oracle.tokenizeDocuments(documents);
}

/**
 * The RM3 query for the given words: the original query model mixed with the top expansion terms.
 * Undefined when no word is an index token. Without feedback (nothing matched) it is the query alone.
 */
export function expandQuery(
  sqlite: SQLite.Database,
  search: Rm3Search,
  words: readonly string[],
  options: Rm3Options = RM3_DEFAULTS,
): WeightedQuery | undefined {
  const oracle = tokenOracleFor(sqlite);
  const query = queryTokens(oracle, words);
  if (query.size === 0) return undefined;
  const original = toWeighted(query);
  const first = rankExact(search.reader, search.stats, {
    ...original,
    require: 'any',
    limit: options.feedbackDocs,
    offset: 0,
    ...(search.allowed ? { allowed: search.allowed } : {}),
  });
  if (first.hits.length === 0 || options.queryWeight >= 1) return original;
  const best = -(first.hits[0] as RankedDoc).score;
  const docWeight = new Map(
    first.hits.map((h) => [h.id, options.docWeight === 'exp' ? Math.exp(-h.score - best) : -h.score]),
  );
  const stops = stopTokensOf(oracle);
  const relevance = new Map<string, number>();
  for (const doc of feedbackModels(sqlite, oracle, first.hits)) {
    let mass = 0;
    for (const f of doc.terms.values()) mass += f;
    const weight = (docWeight.get(doc.id) ?? 0) / (mass || 1);
    for (const [token, f] of doc.terms) {
      if (isExpansionCandidate(token, stops)) relevance.set(token, (relevance.get(token) ?? 0) + f * weight);
    }
  }
  const top = [...relevance]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, options.expansionTerms);
  return mix(query, top, options.queryWeight);
}

/** λ·P(w|Q) + (1 − λ)·RM1(w), each side normalised to sum to 1; scaled by the query's length. */
function mix(query: Map<string, number>, top: Array<[string, number]>, lambda: number): WeightedQuery {
  const mixed = new Map<string, number>();
  let queryMass = 0;
  for (const n of query.values()) queryMass += n;
  let expansionMass = 0;
  for (const [, p] of top) expansionMass += p;
  for (const [token, n] of query) mixed.set(token, (lambda * n) / queryMass);
  for (const [token, p] of top) {
    mixed.set(token, (mixed.get(token) ?? 0) + ((1 - lambda) * p) / (expansionMass || 1));
  }
  // Scaling changes no order; it keeps scores on the scale of the plain query's for readers.
  for (const [token, w] of mixed) mixed.set(token, w * queryMass);
  return toWeighted(mixed);
}
