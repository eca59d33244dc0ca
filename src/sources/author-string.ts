// Splits arXiv's free-text author strings ("A (MIT), B and C") into ordered authors with affiliations.
// Pure; used by the OAI-PMH arXivRaw parser and as the Kaggle parser's fallback.

import type { Author } from '../model/paper.js';
import { collapseWhitespace } from './text-util.js';

/** True when a would-be name has a letter or digit (not just punctuation such as `:`). */
export function hasNameCharacters(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}

/** One name of an arXivRaw author string with the parenthesised groups written after it. */
interface AuthorToken {
  text: string;
  groups: string[];
}

const NAME_SUFFIX = /^(?:(?:jr|sr)\.?|II|III|IV)$/i;
const ET_AL = /^et\.? ?al\.?$/i;
const NUMBER_REFS = /^\d+(?:\s*(?:,|and|&)\s*\d+)*$/i;
const NOTE_GROUP = /^(?:eds?\.?|editors?|(?:with|and)\b.*)$/i;

/**
 * Splits an arXivRaw author string as submitted (https://info.arxiv.org/help/prep.html#authors):
 * names separated by commas, semicolons, " and " or a "Collaboration:" colon, "A, B, and C" too;
 * "(MIT)" after a name is its affiliation; numbered affiliations "A (1,2), B (2) ((1) MIT, (2) CERN)"
 * are resolved; "Jr." after a comma stays with its name; "et al." is dropped. TeX stays verbatim.
 */
export function splitAuthorString(authors: string): Author[] {
  const { rest, numbered } = takeNumberedAffiliations(collapseWhitespace(authors));
  const result: Author[] = [];
  for (const token of tokenizeAuthors(rest)) {
    const name = token.text.replace(/^and(?:\s+|$)/i, '');
    const affiliations = token.groups.flatMap((group) => resolveGroup(group, numbered));
    const last = result.at(-1);
    if (last && (NAME_SUFFIX.test(name) || (name === '' && affiliations.length > 0))) {
      if (name) last.name = `${last.name} ${name}`;
      addAffiliations(last, affiliations);
    } else if (!ET_AL.test(name) && hasNameCharacters(name)) {
      result.push(affiliations.length > 0 ? { name, affiliations: [...new Set(affiliations)] } : { name });
    }
  }
  return result;
}

function addAffiliations(author: Author, affiliations: string[]): void {
  if (affiliations.length === 0) return;
  author.affiliations = [...new Set([...(author.affiliations ?? []), ...affiliations])];
}

function tokenizeAuthors(text: string): AuthorToken[] {
  const tokens: AuthorToken[] = [];
  let current: AuthorToken = { text: '', groups: [] };
  let i = 0;
  while (i < text.length) {
    const ch = text[i] ?? '';
    if (ch === '(' || ch === '{') {
      const end = closingIndex(text, i);
      if (ch === '(') current.groups.push(collapseWhitespace(text.slice(i + 1, end)));
      else current.text += text.slice(i, end + 1); // TeX group such as {\l}: part of the name
      i = end + 1;
      continue;
    }
    const separator = separatorLength(text, i);
    if (separator > 0) {
      tokens.push(current);
      current = { text: '', groups: [] };
      i += separator;
      continue;
    }
    current.text += ch;
    i += 1;
  }
  tokens.push(current);
  return tokens.map((token) => ({ text: collapseWhitespace(token.text), groups: token.groups }));
}

function separatorLength(text: string, i: number): number {
  if (',;:'.includes(text[i] ?? '')) return 1;
  const word = / (?:and|&) /iy;
  word.lastIndex = i;
  return word.test(text) ? word.lastIndex - i : 0;
}

/** Index of the bracket closing the one at `open` (or the end of text when it is never closed). */
function closingIndex(text: string, open: number): number {
  const opener = text[open];
  const closer = opener === '(' ? ')' : '}';
  let depth = 0;
  for (let i = open; i < text.length; i += 1) {
    if (text[i] === opener) depth += 1;
    else if (text[i] === closer && --depth === 0) return i;
  }
  return text.length;
}

// A final "((1) Inst A, (2) Inst B)" group defines the numbers used after names.
function takeNumberedAffiliations(text: string): { rest: string; numbered: Map<string, string> } {
  const numbered = new Map<string, string>();
  const open = text.endsWith(')') ? openingIndex(text, text.length - 1) : -1;
  const inner = open >= 0 ? text.slice(open + 1, -1) : '';
  if (!/^\s*\(\d+\)/.test(inner)) return { rest: text, numbered };
  const parts = inner.split(/\((\d+)\)/);
  for (let k = 1; k < parts.length; k += 2) {
    const affiliation = collapseWhitespace(parts[k + 1] ?? '')
      .replace(/[,;]$/, '')
      .trim();
    if (affiliation) numbered.set(parts[k] ?? '', affiliation);
  }
  return { rest: text.slice(0, open).trim(), numbered };
}

function openingIndex(text: string, close: number): number {
  let depth = 0;
  for (let i = close; i >= 0; i -= 1) {
    if (text[i] === ')') depth += 1;
    else if (text[i] === '(' && --depth === 0) return i;
  }
  return -1;
}

function resolveGroup(group: string, numbered: Map<string, string>): string[] {
  if (NUMBER_REFS.test(group)) {
    return group
      .split(/\s*(?:,|and|&)\s*/i)
      .map((n) => numbered.get(n))
      .filter((affiliation): affiliation is string => affiliation !== undefined);
  }
  if (group === '' || NOTE_GROUP.test(group)) return [];
  return [group];
}
