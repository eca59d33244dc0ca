// Unicode folding and word splitting that mirror the index tokenizer (FTS5 unicode61,
// remove_diacritics 2), and the acronym mark both the indexer (index-writer.ts) and the query
// parser apply so that Porter stemming cannot turn an acronym into another word.
import { stemmer } from 'stemmer';

// remove_diacritics 2 folds accents off Latin letters only: Greek ά, Cyrillic й and Japanese が are
// indexed as written, so stripping their marks would make the query miss them.
const LATIN_MARKS = /(\p{Script=Latin})\p{M}+/gu;

// unicode61's default token characters are the categories L*, N* and Co; everything else
// (punctuation, symbols such as emoji, controls, combining marks left over) separates tokens.
const TOKEN = /[\p{L}\p{N}\p{Co}]+/gu;

/**
 * Appended to a protected acronym. A private-use character is a token character to unicode61 (so
 * `NAS` is indexed as the one token `nas` + mark) and no Porter suffix rule matches it (so it is not
 * stemmed to `na`, which is what math.NA and "Na-IRSTD" are indexed as). Never shown: highlight.ts
 * and serializeNode drop it.
 */
export const ACRONYM_MARK = '\uE000';

// Upper-case words of 2–4 letters or digits, starting with a letter, not inside a longer word.
const ACRONYM = /(?<![\p{L}\p{N}])[A-Z][A-Z0-9]{1,3}(?![\p{L}\p{N}])/gu;

/**
 * Marks the acronyms Porter would change (NAS → na, DNS → dn, LLMS → llm) in text as written; the
 * ones it leaves alone (GAN, RL, VAE, CNN) stay plain, so `gan` still finds `GAN`. An upper-case
 * query word is taken as the acronym; a lower-case one (`nas`) is an ordinary word.
 */
export function toIndexedText(text: string): string {
  return text.replace(ACRONYM, (word) => {
    const lower = word.toLowerCase();
    return stemmer(lower) === lower ? word : `${word}${ACRONYM_MARK}`;
  });
}

/** NFKC (ligatures, full-width forms), lower case, Latin diacritics removed. Idempotent. */
export function foldText(text: string): string {
  return text.normalize('NFKC').toLowerCase().normalize('NFD').replace(LATIN_MARKS, '$1').normalize('NFKC');
}

/** The index tokens of a piece of user text: `Self-Attention` → ['self', 'attention'], `NAS` → ['nas' + mark]. */
export function tokenizeWords(text: string): string[] {
  return foldText(toIndexedText(text.replaceAll(ACRONYM_MARK, ''))).match(TOKEN) ?? [];
}

/** A token as the reader wrote it: a marked acronym back in capitals. */
export function displayToken(token: string): string {
  return token.endsWith(ACRONYM_MARK) ? token.slice(0, -1).toUpperCase() : token;
}
