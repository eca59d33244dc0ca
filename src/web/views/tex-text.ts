// Text-mode LaTeX outside formulas: arXiv abstracts write `\emph{which layers}` or `\textbf{…}`,
// which KaTeX never sees (it only gets the math segments), so without this the page shows the raw
// command. Known font commands become <em>/<strong>/<code>; everything else is escaped as before.

import { escapeHtml } from '../../lib/html.js';
import { unescapeTexText } from '../../model/tex-segments.js';

const TAGS: Record<string, string> = {
  emph: 'em',
  textit: 'em',
  textsl: 'em',
  textbf: 'strong',
  texttt: 'code',
};

// A font command with its argument: one level of nested braces (`\emph{a {b} c}`), as \href allows.
const FONT_COMMAND =
  /\\(emph|textit|textsl|textbf|texttt|textsc|textrm|textsf|textup|underline)\s*\{((?:[^{}]|\{[^{}]*\})*)\}/g;

/** Escapes a text segment, turning text-mode font commands into the matching HTML elements. */
export function renderTexText(text: string, isArgument = false): string {
  // Inside an argument a bare brace only groups (`\textbf{bold {nested}}`); outside, keep it as written.
  const plain = (piece: string) =>
    escapeHtml(unescapeTexText(isArgument ? piece.replace(/(?<!\\)[{}]/g, '') : piece));
  let html = '';
  let last = 0;
  for (const match of text.matchAll(FONT_COMMAND)) {
    const [whole, command = '', inner = ''] = match;
    html += plain(text.slice(last, match.index));
    const tag = TAGS[command];
    // Commands without an HTML counterpart (small caps, roman) keep just their text.
    const body = renderTexText(inner, true);
    html += tag === undefined ? body : `<${tag}>${body}</${tag}>`;
    last = match.index + whole.length;
  }
  return html + plain(text.slice(last));
}
