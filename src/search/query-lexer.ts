// Splits search-box text into tokens: words, "phrases", ( ), OR/AND/NOT, -, field prefixes and
// filters. Never fails: unbalanced quotes close at the end. Called by query-parser.ts only.
import type { Field } from './query-ast.js';
import type { FilterKey } from './query-filters.js';

export type Token =
  | { type: 'word'; raw: string }
  | { type: 'phrase'; raw: string; isPrefix: boolean }
  | { type: 'field'; field: Field }
  | { type: 'filter'; key: FilterKey; value: string }
  | { type: 'lparen' | 'rparen' | 'or' | 'and' | 'not' };

// Maps, not object literals: user text such as `constructor` must not find Object.prototype members.
const KEYS = new Map<string, { field: Field } | { filter: FilterKey }>([
  ['ti', { field: 'title' }],
  ['title', { field: 'title' }],
  ['au', { field: 'authors' }],
  ['author', { field: 'authors' }],
  ['authors', { field: 'authors' }],
  ['abs', { field: 'abstract' }],
  ['abstract', { field: 'abstract' }],
  ['cat', { filter: 'cat' }],
  ['category', { filter: 'cat' }],
  ['year', { filter: 'year' }],
  ['before', { filter: 'before' }],
  ['after', { filter: 'after' }],
  ['has', { filter: 'has' }],
]);
const KEY = /(ti|title|au|authors?|abs|abstract|cat|category|year|before|after|has):/iy;
const KEYWORDS = new Map<string, Token>([
  ['OR', { type: 'or' }],
  ['AND', { type: 'and' }],
  ['NOT', { type: 'not' }],
]);
const WORD_END = /[\s"()]/u;

function isSpace(char: string | undefined): boolean {
  return char !== undefined && /\s/u.test(char);
}

/** Reads up to the closing quote, or to the end when the quote is unbalanced. */
function readQuoted(input: string, open: number): { text: string; end: number } {
  const close = input.indexOf('"', open + 1);
  const end = close === -1 ? input.length : close + 1;
  return { text: input.slice(open + 1, close === -1 ? input.length : close), end };
}

function readWord(input: string, start: number): number {
  let end = start;
  while (end < input.length && !WORD_END.test(input.charAt(end))) end++;
  return end;
}

/** `ti:` becomes a field token; `year:2024` or `cat:"cs.CL"` a filter token with its value. */
function readKey(input: string, start: number, tokens: Token[]): number | undefined {
  KEY.lastIndex = start;
  const match = KEY.exec(input);
  if (!match?.[1]) return undefined;
  const key = KEYS.get(match[1].toLowerCase());
  if (!key) return undefined;
  const afterColon = start + match[0].length;
  if ('field' in key) {
    tokens.push({ type: 'field', field: key.field });
    return afterColon;
  }
  const filter = key.filter;
  if (input.charAt(afterColon) === '"') {
    const quoted = readQuoted(input, afterColon);
    tokens.push({ type: 'filter', key: filter, value: quoted.text.trim() });
    return quoted.end;
  }
  const end = readWord(input, afterColon);
  tokens.push({ type: 'filter', key: filter, value: input.slice(afterColon, end) });
  return end;
}

export function lexQuery(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const char = input.charAt(i);
    if (isSpace(char)) {
      i++;
    } else if (char === '"') {
      const quoted = readQuoted(input, i);
      const isPrefix = input.charAt(quoted.end) === '*';
      tokens.push({ type: 'phrase', raw: quoted.text, isPrefix });
      i = quoted.end + (isPrefix ? 1 : 0);
    } else if (char === '(' || char === ')') {
      tokens.push({ type: char === '(' ? 'lparen' : 'rparen' });
      i++;
    } else if (char === '-') {
      // A leading minus negates what follows it; a lone `-` is just a separator.
      const next = input.charAt(i + 1);
      if (next !== '' && !isSpace(next) && next !== ')') tokens.push({ type: 'not' });
      i++;
    } else {
      i = readKey(input, i, tokens) ?? readPlainWord(input, i, tokens);
    }
  }
  return tokens;
}

function readPlainWord(input: string, start: number, tokens: Token[]): number {
  const end = readWord(input, start);
  const raw = input.slice(start, end);
  // Operators are upper case only, as in FTS5 itself: a lower-case "or" is a word to search for.
  tokens.push(KEYWORDS.get(raw) ?? { type: 'word', raw });
  return end;
}
