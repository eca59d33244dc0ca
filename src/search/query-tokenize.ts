// Unicode folding and word splitting that mirror the index tokenizer (FTS5 unicode61,
// remove_diacritics 2). Used by query-parser.ts; the indexer should fold column text with foldText too.

// remove_diacritics 2 folds accents off Latin letters only: Greek ά, Cyrillic й and Japanese が are
// indexed as written, so stripping their marks would make the query miss them.
const LATIN_MARKS = /(\p{Script=Latin})\p{M}+/gu;

// unicode61's default token characters are the categories L*, N* and Co; everything else
// (punctuation, symbols such as emoji, controls, combining marks left over) separates tokens.
const TOKEN = /[\p{L}\p{N}\p{Co}]+/gu;

/** NFKC (ligatures, full-width forms), lower case, Latin diacritics removed. Idempotent. */
export function foldText(text: string): string {
  return text.normalize('NFKC').toLowerCase().normalize('NFD').replace(LATIN_MARKS, '$1').normalize('NFKC');
}

/** The index tokens of a piece of user text: `Self-Attention` → ['self', 'attention']. */
export function tokenizeWords(text: string): string[] {
  return foldText(text).match(TOKEN) ?? [];
}
