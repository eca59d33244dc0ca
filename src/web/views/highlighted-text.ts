// Renders a search hit's highlighted title or snippet to safe HTML: text escaped, matched words in
// <mark>, and LaTeX typeset by KaTeX. A match inside a formula loses its mark (a <mark> cannot sit
// inside KaTeX's markup), so formulas never break. Used by the search results page.

import { escapeHtml } from '../../lib/html.js';
import { tokenizeLatex } from '../../model/tex-segments.js';
import type { HighlightSegment } from '../../search/highlight.js';
import { type RenderOptions, renderSegments } from './latex.js';

interface Range {
  start: number;
  end: number;
}

function matchRanges(segments: readonly HighlightSegment[]): Range[] {
  const ranges: Range[] = [];
  let at = 0;
  for (const segment of segments) {
    if (segment.isMatch) ranges.push({ start: at, end: at + segment.text.length });
    at += segment.text.length;
  }
  return ranges;
}

/**
 * Plain (non-math) source text from `start` to `end`, unescaped the way tokenizeLatex unescapes it
 * (`\$` shows as `$`), with <mark> around the characters inside a match.
 */
function markedText(source: string, start: number, end: number, ranges: readonly Range[]): string {
  const isMatched = (i: number) => ranges.some((r) => i >= r.start && i < r.end);
  let html = '';
  let isOpen = false;
  let i = start;
  while (i < end) {
    const matched = isMatched(i);
    if (matched !== isOpen) {
      html += matched ? '<mark>' : '</mark>';
      isOpen = matched;
    }
    const next = source[i + 1];
    if (source[i] === '\\' && i + 1 < end && (next === '\\' || next === '$')) {
      html += next === '$' ? '$' : '\\\\';
      i += 2;
      continue;
    }
    // TeX-escaped specials in running text ("72.6\% mean"): show the character (see unescapeTexText).
    if (source[i] === '\\' && i + 1 < end && next !== undefined && '%&_#{}'.includes(next)) {
      html += escapeHtml(next);
      i += 2;
      continue;
    }
    html += escapeHtml(source[i] ?? '');
    i++;
  }
  return isOpen ? `${html}</mark>` : html;
}

/** Highlight segments → HTML; matches outside formulas in <mark>, formulas typeset. */
export function renderHighlighted(
  segments: readonly HighlightSegment[],
  options: RenderOptions = {},
): string {
  const source = segments.map((s) => s.text).join('');
  const ranges = matchRanges(segments);
  let html = '';
  let at = 0;
  for (const token of tokenizeLatex(source)) {
    if (token.kind === 'text') continue;
    // Math tokens carry their exact source, so the text between them is the source in between.
    const start = source.indexOf(token.source, at);
    if (start < 0) return renderSegments(tokenizeLatex(source), options);
    html += markedText(source, at, start, ranges);
    html += renderSegments([token], options);
    at = start + token.source.length;
  }
  return html + markedText(source, at, source.length, ranges);
}
