// Server-side LaTeX for titles and abstracts: renders the math segments (model/tex-segments.ts)
// with KaTeX, HTML-escaping everything else.
// Board cards, paper pages and the abstract preview call it; the browser runs no math JS.

import katex from 'katex';
import { escapeHtml } from '../../lib/html.js';
import { type MathSegment, type Segment, tokenizeLatex } from '../../model/tex-segments.js';
import { renderTexText } from './tex-text.js';

export interface RenderOptions {
  /**
   * Render display math inline (titles and one-line previews). These sit inside a card's title link
   * or a short preview, so `\href` shows its text without a link of its own (no nested <a>).
   */
  isInlineOnly?: boolean;
}

// `\href{url}{text}` with one level of braces in the text (`{\texttt{name}}`), and `\url{url}`.
const HREF = /\\href\s*\{([^{}]*)\}\s*\{((?:[^{}]|\{[^{}]*\})*)\}/g;
const URL_COMMAND = /\\url\s*\{([^{}]*)\}/g;
const WEB_URL = /^https?:\/\/[^\s]+$/i;

/**
 * Links in formulas (arXiv abstracts write `$\href{https://github.com/…}{\texttt{…}}$`): web
 * links stay for KaTeX to render when `isLinkAllowed`; any other target, or a place where a link
 * cannot go, keeps only the text, instead of KaTeX's red "\href".
 */
export function rewriteLinks(tex: string, isLinkAllowed: boolean): string {
  return tex
    .replace(HREF, (whole, url: string, text: string) =>
      isLinkAllowed && WEB_URL.test(url.trim()) ? whole : `{${text}}`,
    )
    .replace(URL_COMMAND, (whole, url: string) =>
      isLinkAllowed && WEB_URL.test(url.trim()) ? whole : `\\texttt{${escapeTexText(url)}}`,
    );
}

/** A URL as literal text inside \texttt: TeX's special characters escaped, the rest dropped. */
function escapeTexText(text: string): string {
  return text.replace(/[\\{}~^]/g, '').replace(/[_%#&$]/g, (c) => `\\${c}`);
}

/** KaTeX's `trust`: only \href and \url, only to http(s); rewriteLinks already sorted the rest. */
function isTrusted(context: { command: string; protocol?: string }): boolean {
  const isLinkCommand = context.command === '\\href' || context.command === '\\url';
  return isLinkCommand && (context.protocol === 'http' || context.protocol === 'https');
}

// Rendering is pure and titles repeat across pages (board, paper, feeds), so keep a bounded cache.
const cache = new Map<string, string>();
const CACHE_LIMIT = 5000;

function renderMath(segment: MathSegment, isDisplay: boolean, isLinkAllowed: boolean): string {
  const key = `${isDisplay ? 'D' : 'I'}${isLinkAllowed ? 'L' : '-'}${segment.tex}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  let html: string;
  try {
    html = katex.renderToString(rewriteLinks(segment.tex, isLinkAllowed), {
      displayMode: isDisplay,
      throwOnError: false,
      // \htmlClass, \includegraphics and friends stay out of reach; links only to http(s).
      trust: isTrusted,
      // An unknown command shows in the theme's red (KaTeX's #cc0000 is 2.95:1 on the dark theme).
      errorColor: 'var(--danger)',
      strict: 'ignore',
      maxSize: 10,
      maxExpand: 200,
      output: 'htmlAndMathml',
    });
    // throwOnError: false turns a parse error into a red error span; show the source instead.
    if (html.startsWith('<span class="katex-error"')) html = fallback(segment);
    // A link out of an abstract is to another site: no referrer opener, no ranking credit.
    else html = html.replaceAll('<a href="', '<a rel="nofollow noopener" href="');
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

/** Renders segments to HTML: math through KaTeX, text-mode font commands as HTML, everything else escaped. */
export function renderSegments(segments: Segment[], options: RenderOptions = {}): string {
  return segments
    .map((s) =>
      s.kind === 'text'
        ? renderTexText(s.text)
        : renderMath(s, s.isDisplay && !options.isInlineOnly, !options.isInlineOnly),
    )
    .join('');
}

/** Renders a title or abstract to safe HTML with its formulas typeset. */
export function renderLatex(text: string, options: RenderOptions = {}): string {
  return renderSegments(tokenizeLatex(text), options);
}

/** The text with math delimiters and `\$` escapes kept as source, whitespace collapsed. */
export function plainText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
