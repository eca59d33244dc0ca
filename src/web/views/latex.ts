// Server-side LaTeX for titles and abstracts: renders the math segments (model/tex-segments.ts)
// with KaTeX, HTML-escaping everything else.
// Board cards, paper pages and the abstract preview call it; the browser runs no math JS.

import katex from 'katex';
import { escapeHtml } from '../../lib/html.js';
import { type MathSegment, type Segment, tokenizeLatex, unescapeTexText } from '../../model/tex-segments.js';

export interface RenderOptions {
  /** Render display math inline (titles and one-line previews). */
  isInlineOnly?: boolean;
}

// Rendering is pure and titles repeat across pages (board, paper, feeds), so keep a bounded cache.
const cache = new Map<string, string>();
const CACHE_LIMIT = 5000;

function renderMath(segment: MathSegment, isDisplay: boolean): string {
  const key = `${isDisplay ? 'D' : 'I'}${segment.tex}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  let html: string;
  try {
    html = katex.renderToString(segment.tex, {
      displayMode: isDisplay,
      throwOnError: false,
      // trust: false (the default) keeps \href, \url, \htmlClass and friends out of reach.
      trust: false,
      strict: 'ignore',
      maxSize: 10,
      maxExpand: 200,
      output: 'htmlAndMathml',
    });
    // throwOnError: false turns a parse error into a red error span; show the source instead.
    if (html.startsWith('<span class="katex-error"')) html = fallback(segment);
  } catch {
    html = fallback(segment);
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, html);
  return html;
}

function fallback(segment: MathSegment): string {
  return `<span class="math-source">${escapeHtml(segment.source)}</span>`;
}

/** Renders segments to HTML: math through KaTeX, everything else escaped. */
export function renderSegments(segments: Segment[], options: RenderOptions = {}): string {
  return segments
    .map((s) =>
      s.kind === 'text'
        ? escapeHtml(unescapeTexText(s.text))
        : renderMath(s, s.isDisplay && !options.isInlineOnly),
    )
    .join('');
}

/** Renders a title or abstract to safe HTML with its formulas typeset. */
export function renderLatex(text: string, options: RenderOptions = {}): string {
  return renderSegments(tokenizeLatex(text), options);
}

/** The text with math delimiters and `\$` escapes kept as source: for <title>, meta tags and feeds. */
export function plainText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
