// The LSA model's tokenizer: text → Porter-stemmed terms (accents folded, lower case, stop words and
// bare numbers dropped). Pure; called by lsa-train.ts when learning the vocabulary and by lsa-model.ts
// when folding documents and queries in, so both see exactly the same terms.

import { stemmer } from 'stemmer';
import { isStopWord } from '../stop-words.js';
import type { EmbeddableDocument } from './embedder.js';

const TOKEN = /[\p{L}\p{N}]+/gu;
const DIGITS = /^\p{N}+$/u;
const MARKS = /\p{M}+/gu;

/** Title words count this many times an abstract word: a title states the topic in few words. */
export const TITLE_WEIGHT = 2;

// Stemming is the costliest step of embedding; words repeat a lot, so remember them (bounded).
const stems = new Map<string, string>();
const MAX_REMEMBERED_STEMS = 200_000;

function stemOf(word: string): string {
  let stem = stems.get(word);
  if (stem === undefined) {
    if (stems.size >= MAX_REMEMBERED_STEMS) stems.clear();
    stem = stemmer(word);
    stems.set(word, stem);
  }
  return stem;
}

/** `Self-Attention for Vision Transformers` → ['self', 'attent', 'vision', 'transform']. */
export function lsaTerms(text: string): string[] {
  const words = text.normalize('NFKD').replace(MARKS, '').toLowerCase().match(TOKEN) ?? [];
  const terms: string[] = [];
  for (const word of words) {
    // One-letter tokens are variables and list markers; bare numbers are years, counts, table cells.
    if (word.length < 2 || DIGITS.test(word) || isStopWord(word)) continue;
    terms.push(stemOf(word));
  }
  return terms;
}

/** Term → weighted count for a document: abstract words once, title words TITLE_WEIGHT times. */
export function documentTermCounts(document: EmbeddableDocument): Map<string, number> {
  const counts = new Map<string, number>();
  for (const term of lsaTerms(document.title)) counts.set(term, (counts.get(term) ?? 0) + TITLE_WEIGHT);
  for (const term of lsaTerms(document.abstract)) counts.set(term, (counts.get(term) ?? 0) + 1);
  return counts;
}

/** Query terms count once each time they appear. */
export function queryTermCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const term of lsaTerms(text)) counts.set(term, (counts.get(term) ?? 0) + 1);
  return counts;
}
