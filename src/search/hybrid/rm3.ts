// RM3 pseudo-relevance feedback over the keyword engine: the keyword ranking's top N papers are taken
// as relevant, a relevance model (RM1) is estimated from their title and abstract tokens, its best T
// terms are mixed with the query's (λ for the query), and hybrid-search.ts ranks the mix through
// rankExact with per-term weights. Pure over what it is given, except reading the feedback papers' text.
// Lavrenko & Croft 2001 (relevance models); Abdul-Jaleel et al. 2004 (RM3); Lv & Zhai 2009 (settings).

import type SQLite from 'better-sqlite3';
import type { RankedDoc } from '../keyword/keyword-ranker.js';
import { type TokenOracle, tokenOracleFor } from '../keyword/token-oracle.js';
import { listStopWords } from '../stop-words.js';

export interface Rm3Options {
  /** Feedback papers (the keyword ranking's top N). */
  feedbackDocs: number;
  /** Expansion terms kept from the relevance model. */
  expansionTerms: number;
  /** Weight λ of the original query in the mix (1: no expansion). */
  queryWeight: number;
  /** How a feedback paper's BM25 score becomes its weight P(Q|D): the score itself, or exp(score − best). */
  docWeight: 'score' | 'exp';
}

/**
 * Within the literature's ranges (fbDocs 10, fbTerms 10–30, λ 0.5–0.7; Anserini's baseline is 10/10/0.5):
 * the mildest mix, 30 terms at λ 0.7, lost least on the dev collections. What `--rm3` defaults to in
 * eval:search; hybrid search runs without RM3 by default (hybrid-search.ts says why).
 */
export const RM3_DEFAULTS: Rm3Options = {
  feedbackDocs: 10,
  expansionTerms: 30,
  queryWeight: 0.7,
  // P(Q|D) is a likelihood; BM25 is not one, and exp(score − best) treats it as a log-likelihood.
  docWeight: 'exp',
};

export interface WeightedQuery {
  terms: string[];
  weights: number[];
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

/**
 * P(w|D) of each feedback paper, by id: its title and abstract token counts over its length (plain
 * counts: the index's column weights would let titles dominate, and author names are not topics).
 */
export function feedbackModels(
  sqlite: SQLite.Database,
  ids: readonly number[],
): Map<number, Map<string, number>> {
  const select = sqlite.prepare('select title, abstract from papers_fts where rowid = cast(? as integer)');
  const documents = ids.flatMap((id) => {
    const row = select.get(id) as { title: string; abstract: string } | undefined;
    return row ? [{ id, columns: [row.title, '', row.abstract] as const }] : [];
  });
  const models = new Map<number, Map<string, number>>();
  for (const [id, columns] of tokenOracleFor(sqlite).countColumnTokens(documents)) {
    const model = new Map<string, number>();
    let length = 0;
    for (const counts of columns) {
      for (const [token, n] of counts) {
        model.set(token, (model.get(token) ?? 0) + n);
        length += n;
      }
    }
    for (const [token, n] of model) model.set(token, n / length);
    models.set(id, model);
  }
  return models;
}

/**
 * RM1 over the feedback papers: Σ_D P(w|D)·P(Q|D), P(Q|D) normalised over the papers; only the T best
 * terms that can be expansion terms (no stop words, numbers or single letters), best first.
 */
export function relevanceModel(
  sqlite: SQLite.Database,
  feedback: readonly RankedDoc[],
  options: Rm3Options,
): Array<[string, number]> {
  if (feedback.length === 0) return [];
  const best = Math.max(...feedback.map((h) => -h.score));
  const weights = feedback.map((h) => (options.docWeight === 'exp' ? Math.exp(-h.score - best) : -h.score));
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  const models = feedbackModels(
    sqlite,
    feedback.map((h) => h.id),
  );
  const stops = stopTokensOf(tokenOracleFor(sqlite));
  const relevance = new Map<string, number>();
  feedback.forEach((hit, i) => {
    const weight = (weights[i] as number) / total;
    for (const [token, p] of models.get(hit.id) ?? []) {
      if (isExpansionCandidate(token, stops)) relevance.set(token, (relevance.get(token) ?? 0) + p * weight);
    }
  });
  return [...relevance]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, options.expansionTerms);
}

/**
 * The RM3 query: the query's tokens (repeats counting again, as in the keyword ranking) mixed with the
 * relevance model of the keyword ranking's top papers. Without feedback it is the query alone.
 */
export function expandQuery(
  sqlite: SQLite.Database,
  queryTerms: readonly string[],
  ranked: readonly RankedDoc[],
  options: Rm3Options = RM3_DEFAULTS,
): WeightedQuery {
  const query = new Map<string, number>();
  for (const token of queryTerms) query.set(token, (query.get(token) ?? 0) + 1);
  if (options.queryWeight >= 1) return { terms: [...query.keys()], weights: [...query.values()] };
  const top = relevanceModel(sqlite, ranked.slice(0, options.feedbackDocs), options);
  return mix(query, top, options.queryWeight);
}

/** λ·P(w|Q) + (1 − λ)·RM1(w), each side normalised to sum to 1; scaled by the query's length. */
function mix(query: Map<string, number>, top: Array<[string, number]>, lambda: number): WeightedQuery {
  const mixed = new Map<string, number>();
  let queryMass = 0;
  for (const n of query.values()) queryMass += n;
  let expansionMass = 0;
  for (const [, p] of top) expansionMass += p;
  const queryShare = top.length > 0 ? lambda : 1;
  for (const [token, n] of query) mixed.set(token, (queryShare * n) / queryMass);
  for (const [token, p] of top) {
    mixed.set(token, (mixed.get(token) ?? 0) + ((1 - lambda) * p) / (expansionMass || 1));
  }
  // Scaling changes no order; it keeps scores on the scale of the plain query's for readers.
  for (const [token, w] of mixed) mixed.set(token, w * queryMass);
  return { terms: [...mixed.keys()], weights: [...mixed.values()] };
}
