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

/** Words a snippet shows, as FTS5's snippet() was asked for. */
export const SNIPPET_WORDS = 40;

/**
 * The part of a highlighted abstract (FTS5 highlight()) a result card shows: a window of `words`
 * words holding the most matches, the matches centred in it, with an ellipsis where the abstract was
 * cut and marks closed at the cuts. FTS5's snippet() chose the same kind of window in SQLite at 2.5×
 * highlight()'s cost (20 results: 2.6 ms against 1.06 ms, measured on the 23k-paper bench index), and
 * the API already pays for highlight(): with this the search page costs what the API does.
 */
export function snippetOf(highlighted: string, words = SNIPPET_WORDS): string {
  // Words and the whitespace after each: parts[2i] a word, parts[2i + 1] its spacing.
  const parts = highlighted.trim().split(/(\s+)/);
  const count = Math.ceil(parts.length / 2);
  if (count <= words) return highlighted.trim();
  const isMatch: boolean[] = [];
  const opensInside: boolean[] = [];
  let inside = false;
  for (let i = 0; i < count; i++) {
    const word = parts[2 * i] ?? '';
    opensInside.push(inside);
    isMatch.push(inside || word.includes(MATCH_START));
    const lastStart = word.lastIndexOf(MATCH_START);
    const lastEnd = word.lastIndexOf(MATCH_END);
    if (lastStart !== lastEnd) inside = lastStart > lastEnd;
  }
  // The window with the most matching words, the earliest of equals.
  let inWindow = 0;
  for (let i = 0; i < words; i++) if (isMatch[i]) inWindow++;
  let best = 0;
  let bestCount = inWindow;
  for (let start = 1; start + words <= count; start++) {
    if (isMatch[start - 1]) inWindow--;
    if (isMatch[start + words - 1]) inWindow++;
    if (inWindow > bestCount) {
      best = start;
      bestCount = inWindow;
    }
  }
  // Centre its matches: as much context before the first as after the last.
  let start = best;
  if (bestCount > 0) {
    const first = isMatch.indexOf(true, best);
    const last = isMatch.lastIndexOf(true, best + words - 1);
    start = first - Math.floor((words - (last - first + 1)) / 2);
    start = Math.max(0, Math.min(start, count - words));
  }
  const end = start + words;
  let text = parts.slice(2 * start, 2 * end - 1).join('');
  if (opensInside[start]) text = MATCH_START + text;
  if (end < count && opensInside[end]) text += MATCH_END;
  return `${start > 0 ? ELLIPSIS : ''}${text}${end < count ? ELLIPSIS : ''}`;
}
