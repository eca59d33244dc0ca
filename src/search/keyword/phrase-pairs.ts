// Two-word phrases the keyword engine ranks itself: the token pairs of hyphenated words in the
// collection (`fluid-driven`, `multi-agent`, `fine-tuning`), which the query parser reads as phrases
// and people type all the time. For each pair of this vocabulary the engine keeps postings that count
// EVERY adjacent occurrence of the two tokens in a column, however written (`fluid driven`,
// `fluid-driven`, `fluid, driven`), which is what FTS5 counts as the phrase's instances. The
// vocabulary is fixed when the index is rebuilt; phrases outside it are ranked by FTS5 itself.

import type SQLite from 'better-sqlite3';
import { toIndexedText } from '../query-tokenize.js';
import type { TokenOracle } from './token-oracle.js';

export interface PairVocabulary {
  pairs: Set<string>;
  /** Every token that is half of a pair (the oracle tracks positions only for these). */
  tokens: Set<string>;
}

/** A pair's postings key: tokens never hold a space. */
export function pairKey(first: string, second: string): string {
  return `${first} ${second}`;
}

const HYPHENATED =
  /(?<![\p{L}\p{N}\p{Co}-])([\p{L}\p{N}\p{Co}]+)-([\p{L}\p{N}\p{Co}]+)(?![\p{L}\p{N}\p{Co}]|-[\p{L}\p{N}])/gu;

/** The pairs of two-part hyphenated words in a text, as index tokens. */
export function hyphenatedPairs(text: string, oracle: TokenOracle): string[] {
  const found: string[] = [];
  for (const match of toIndexedText(text).matchAll(HYPHENATED)) {
    const first = oracle.tokenizeWord(match[1] as string);
    const second = oracle.tokenizeWord(match[2] as string);
    if (first && second) found.push(pairKey(first, second));
  }
  return found;
}

export function toVocabulary(pairs: Iterable<string>): PairVocabulary {
  const set = new Set(pairs);
  const tokens = new Set<string>();
  for (const pair of set) for (const token of pair.split(' ')) tokens.add(token);
  return { pairs: set, tokens };
}

const vocabularies = new WeakMap<SQLite.Database, { stateRev: string; vocabulary: PairVocabulary }>();

/** The index's pair vocabulary (read once per connection and rebuild). */
export function pairVocabularyOf(sqlite: SQLite.Database): PairVocabulary {
  const built =
    (sqlite.prepare("select value from index_meta where key = 'pairs_built'").pluck().get() as string) ?? '';
  const cached = vocabularies.get(sqlite);
  if (cached && cached.stateRev === built) return cached.vocabulary;
  const vocabulary = toVocabulary(sqlite.prepare('select pair from phrase_pairs').pluck().all() as string[]);
  vocabularies.set(sqlite, { stateRev: built, vocabulary });
  return vocabulary;
}
