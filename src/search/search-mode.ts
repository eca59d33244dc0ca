// Search modes — keyword (BM25, the query language's exact meaning), semantic (by meaning, vectors)
// and hybrid (both, fused) — and which one a request gets. Pure; called by the search engine and by
// every surface that takes `mode=` (web, API, feeds, CLI).

import type { ParsedQuery, QueryNode } from './query-ast.js';
import { lexQuery } from './query-lexer.js';
import type { SearchSort } from './search-types.js';

export type SearchMode = 'keyword' | 'semantic' | 'hybrid';
/** What a request may ask for: a mode, or `auto` (hybrid for plain language, else keyword). */
export type RequestedMode = SearchMode | 'auto';

export const SEARCH_MODES: readonly SearchMode[] = ['keyword', 'semantic', 'hybrid'];
export const REQUESTED_MODES: readonly RequestedMode[] = ['auto', ...SEARCH_MODES];

/**
 * Why a request got keyword search although it asked for (or defaulted to) another mode:
 * `operators` — the query uses fields, quoted phrases, OR, exclusions or prefixes, which only keyword
 * search honours; `sort` — date and upvote order list keyword matches; `filters-only` —
 * no words to rank; `unavailable` — no semantic model is loaded on this instance.
 */
export type KeywordReason = 'operators' | 'sort' | 'filters-only' | 'unavailable';

export interface ResolvedMode {
  mode: SearchMode;
  /** Set when the mode used is keyword but the request asked for, or defaulted to, another. */
  keywordReason?: KeywordReason;
}

/** `?mode=` text to a requested mode; absent or empty is `auto`; anything else is undefined (a 400). */
export function parseRequestedMode(value: string | undefined): RequestedMode | undefined {
  if (value === undefined || value === '') return 'auto';
  return REQUESTED_MODES.find((mode) => mode === value);
}

function hasOperatorNode(node: QueryNode): boolean {
  switch (node.kind) {
    case 'term':
    case 'phrase':
      return node.field !== undefined || node.isPrefix;
    case 'not':
    case 'or':
      return true;
    case 'and':
      return node.children.some(hasOperatorNode);
  }
}

/**
 * True when the query says precisely what it wants with the query language: fields, quoted phrases,
 * OR, exclusions, prefixes. A hyphenated word (`time-sharing`) parses to a phrase too, so quoted
 * phrases are read from the text's tokens. Parentheses and AND alone change nothing a plain query
 * means (prose has "(e.g. …)"), and filters (year:, cat:, has:, before:, after:) are not operators.
 */
export function usesOperators(text: string, parsed: ParsedQuery): boolean {
  if (parsed.root && hasOperatorNode(parsed.root)) return true;
  return lexQuery(text).some((token) => token.type === 'phrase');
}

/** The mode a request runs in, before knowing whether a semantic model is loaded. */
export function resolveSearchMode(
  requested: RequestedMode,
  text: string,
  parsed: ParsedQuery,
  sort: SearchSort,
): ResolvedMode {
  if (requested === 'keyword') return { mode: 'keyword' };
  if (!parsed.root) return { mode: 'keyword', keywordReason: 'filters-only' };
  if (usesOperators(text, parsed)) return { mode: 'keyword', keywordReason: 'operators' };
  if (sort !== 'relevance') return { mode: 'keyword', keywordReason: 'sort' };
  return { mode: requested === 'auto' ? 'hybrid' : requested };
}
