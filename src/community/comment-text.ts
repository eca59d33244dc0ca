// A comment's Markdown and LaTeX as plain text, for the @mention email (a text/plain part, where
// `**tight**` and `$x_i^2$` would show as typed): Markdown is parsed as the page parses it and its
// text kept, links as "text (url)", formulas in Unicode (digest/tex-to-text.ts, as digests do).

import katex from 'katex';
import MarkdownIt from 'markdown-it';
import texmath from 'markdown-it-texmath';
import { texToText } from '../digest/tex-to-text.js';

type Token = ReturnType<ReturnType<typeof MarkdownIt>['parse']>[number];

// The same syntax as the page (comment-markdown.ts); only the tokens are used, nothing is rendered.
const parser = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false })
  .disable(['image', 'table', 'heading', 'lheading', 'hr', 'reference'])
  .use(texmath, { engine: katex, delimiters: 'dollars' });

const MATH_TOKENS = new Set(['math_inline', 'math_inline_double', 'math_block', 'math_block_eqno']);

/** A formula as Unicode text; one KaTeX cannot read stays as typed, as the page shows it. */
function formulaText(token: Token): string {
  try {
    katex.renderToString(token.content, { throwOnError: true, strict: 'ignore', maxExpand: 200 });
  } catch {
    return `${token.markup}${token.content}${token.markup}`;
  }
  return texToText(token.content);
}

/** One inline run (a paragraph's content) as text. */
function inlineText(children: Token[]): string {
  let out = '';
  let link: { href: string; start: number } | undefined;
  for (const token of children) {
    if (token.type === 'text' || token.type === 'code_inline') out += token.content;
    else if (token.type === 'softbreak' || token.type === 'hardbreak') out += '\n';
    else if (MATH_TOKENS.has(token.type)) out += formulaText(token);
    else if (token.type === 'link_open')
      link = { href: String(token.attrGet('href') ?? ''), start: out.length };
    else if (token.type === 'link_close' && link) {
      // An autolinked URL is its own text; a named link keeps its address after the name.
      if (out.slice(link.start) !== link.href && link.href !== '') out += ` (${link.href})`;
      link = undefined;
    }
  }
  return out;
}

/** The comment as a reader would read it aloud: paragraphs, list items and code blocks as lines. */
export function commentToText(body: string): string {
  const blocks: Array<{ text: string; isItem: boolean }> = [];
  const listStack: Array<{ ordered: boolean; next: number }> = [];
  let prefix = '';
  for (const token of parser.parse(body, {})) {
    if (token.type === 'bullet_list_open') listStack.push({ ordered: false, next: 1 });
    else if (token.type === 'ordered_list_open') {
      listStack.push({ ordered: true, next: Number(token.attrGet('start') ?? 1) });
    } else if (token.type === 'bullet_list_close' || token.type === 'ordered_list_close') listStack.pop();
    else if (token.type === 'list_item_open') {
      const list = listStack.at(-1);
      prefix = list?.ordered ? `${list.next++}. ` : '- ';
    } else if (token.type === 'inline') {
      blocks.push({ text: prefix + inlineText(token.children ?? []), isItem: listStack.length > 0 });
      prefix = '';
    } else if (token.type === 'fence' || token.type === 'code_block') {
      blocks.push({ text: token.content.trimEnd(), isItem: false });
    } else if (MATH_TOKENS.has(token.type)) blocks.push({ text: formulaText(token), isItem: false });
  }
  // Paragraphs apart by a blank line, the items of a list on lines of their own.
  return blocks
    .map((block, i) => (i === 0 ? '' : block.isItem && blocks[i - 1]?.isItem ? '\n' : '\n\n') + block.text)
    .join('')
    .trim();
}
