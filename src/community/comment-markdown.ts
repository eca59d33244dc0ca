// Comments are written in a Markdown subset with LaTeX ($…$, $$…$$) and rendered to safe HTML:
// markdown-it with raw HTML off (every tag the writer types comes out as text), no images (no
// requests to other hosts, no tracking pixels), its link check (no javascript:, vbscript:, file: or
// data: links), and links marked nofollow/ugc. KaTeX renders math with `trust` off, so \href and
// friends cannot make links, and errors show the source instead of breaking the comment. Feeds get
// the same HTML with math as MathML only: feed readers have no KaTeX stylesheet to lay out the rest.

import katex from 'katex';
import MarkdownIt from 'markdown-it';
import texmath from 'markdown-it-texmath';

function commentMarkdown(mathOutput: 'htmlAndMathml' | 'mathml') {
  const katexOptions: katex.KatexOptions = {
    throwOnError: false,
    trust: false,
    strict: 'ignore',
    maxSize: 20,
    maxExpand: 200,
    output: mathOutput,
    // On the page, errors show in the theme's red (KaTeX's #cc0000 is 2.95:1 on the dark theme);
    // feeds have no stylesheet, so KaTeX's own colour.
    ...(mathOutput === 'htmlAndMathml' ? { errorColor: 'var(--danger)' } : {}),
  };
  const markdown = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false })
    .disable(['image', 'table', 'heading', 'lheading', 'hr', 'reference'])
    .use(texmath, { engine: katex, delimiters: 'dollars', katexOptions });
  wrapMathValidly(markdown, katexOptions);
  const defaultLinkOpen =
    markdown.renderer.rules.link_open ??
    ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  markdown.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    tokens[idx]?.attrSet('rel', 'nofollow ugc noopener');
    return defaultLinkOpen(tokens, idx, options, env, self);
  };
  return markdown;
}

/**
 * texmath wraps math in made-up elements, display math as `<section><eqn>` even inside a paragraph
 * (`text $$x$$ text`), which is invalid HTML (a <section> cannot sit in a <p>; parsers close the
 * paragraph, feed validators reject it). Math inside text becomes phrasing content (<span>), a
 * formula on its own lines a <div>; KaTeX's own output inside is unchanged.
 */
function wrapMathValidly(markdown: ReturnType<typeof MarkdownIt>, katexOptions: katex.KatexOptions): void {
  // As texmath renders: with throwOnError off KaTeX shows bad input itself; anything else is source.
  const render = (tex: string, isDisplay: boolean) => {
    try {
      return katex.renderToString(tex, { ...katexOptions, displayMode: isDisplay });
    } catch {
      return markdown.utils.escapeHtml(tex);
    }
  };
  const rules = markdown.renderer.rules;
  rules.math_inline = (tokens, idx) =>
    `<span class="math">${render(tokens[idx]?.content ?? '', false)}</span>`;
  rules.math_inline_double = (tokens, idx) =>
    `<span class="math math-display">${render(tokens[idx]?.content ?? '', true)}</span>`;
  rules.math_block = (tokens, idx) =>
    `<div class="math math-display">${render(tokens[idx]?.content ?? '', true)}</div>\n`;
  rules.math_block_eqno = (tokens, idx) => {
    const token = tokens[idx];
    const number = markdown.utils.escapeHtml(token?.info ?? '');
    return `<div class="math math-display">${render(token?.content ?? '', true)} <span class="eqno">(${number})</span></div>\n`;
  };
}

const pageMarkdown = commentMarkdown('htmlAndMathml');
const feedMarkdown = commentMarkdown('mathml');

/** At most this many characters per comment. */
export const MAX_COMMENT_LENGTH = 10_000;

export function renderCommentHtml(body: string): string {
  return pageMarkdown.render(body);
}

/** The comment's HTML for a feed: the same sanitised Markdown, math as MathML alone. */
export function renderCommentFeedHtml(body: string): string {
  return feedMarkdown.render(body);
}

/** Usernames mentioned as @name (lower-case, as usernames are), each once. */
export function mentionedUsernames(body: string): string[] {
  const names = new Set<string>();
  for (const match of body.matchAll(/(?:^|[^\w@/.])@([a-z0-9][a-z0-9-]{1,39})\b/g))
    names.add(match[1] as string);
  return [...names];
}
