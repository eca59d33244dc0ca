// The relaxed form of a plain-word query ("any of the words, minus stop words"), which keyword
// search falls back to when too few papers have every word. Used by fts-search.ts and the keyword
// engine's ranking (keyword-engine-ranking.ts).

import type { QueryNode } from './query-ast.js';
import { isStopWord } from './stop-words.js';

/**
 * Plain-word queries (what people type, up to pasted sentences) relax to "any of the words, minus
 * stop words" when too few papers have every word; the papers with every word still come first.
 */
export function relaxedRoot(root: QueryNode): QueryNode | undefined {
  if (root.kind !== 'and' || root.children.length < 2) return undefined;
  // Only plain words: a query with fields or groups says precisely what it wants.
  if (!root.children.every((c) => (c.kind === 'term' || c.kind === 'phrase') && c.field === undefined))
    return undefined;
  const telling = root.children.filter((c) => !(c.kind === 'term' && !c.isPrefix && isStopWord(c.text)));
  const children = telling.length > 0 ? telling : root.children;
  return children.length === 1 ? children[0] : { kind: 'or', children };
}
