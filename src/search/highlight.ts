// Turns FTS5 highlight()/snippet() output (matches wrapped in \u0001…\u0002) into segments that
// each surface renders its own way: HF API `highlightedTitle` items, HTML <mark>, plain text.

import { ACRONYM_MARK } from './query-tokenize.js';

export interface HighlightSegment {
  text: string;
  isMatch: boolean;
}

export const MATCH_START = '\u0001';
export const MATCH_END = '\u0002';
const ELLIPSIS = '…';

export function toSegments(text: string): HighlightSegment[] {
  // Acronyms carry an invisible index mark (query-tokenize.ts) that readers never see.
  const marked = text.replaceAll(ACRONYM_MARK, '');
  const segments: HighlightSegment[] = [];
  // FTS5 was asked to mark matches with these control characters precisely because text never has them.
  const pattern = new RegExp(`${MATCH_START}([^${MATCH_END}]*)${MATCH_END}`, 'g');
  let last = 0;
  for (const match of marked.matchAll(pattern)) {
    if (match.index > last) segments.push({ text: marked.slice(last, match.index), isMatch: false });
    segments.push({ text: match[1] ?? '', isMatch: true });
    last = match.index + match[0].length;
  }
  if (last < marked.length) segments.push({ text: marked.slice(last), isMatch: false });
  return segments.filter((s) => s.text !== '');
}

function countDollars(text: string): number {
  return (text.replace(/\\\$/g, '').match(/\$/g) ?? []).length;
}

/**
 * A snippet cut out of an abstract may start or end inside a `$…$` formula, which would then render
 * as broken LaTeX: drop the cut-off part of the formula on the side that was cut (the side with the
 * ellipsis). Text that was not cut keeps its lone dollars ("costs $5").
 */
export function trimBrokenMath(marked: string): string {
  const plain = marked.replaceAll(MATCH_START, '').replaceAll(MATCH_END, '');
  if (countDollars(plain) % 2 === 0) return marked;
  if (marked.endsWith(ELLIPSIS)) {
    const cut = marked.lastIndexOf('$');
    return `${marked.slice(0, cut).trimEnd()} ${ELLIPSIS}`;
  }
  if (marked.startsWith(ELLIPSIS)) {
    const cut = marked.indexOf('$');
    return `${ELLIPSIS} ${marked.slice(cut + 1).trimStart()}`;
  }
  return marked;
}

export function plainText(segments: HighlightSegment[]): string {
  return segments.map((s) => s.text).join('');
}
