// Comments are written in a Markdown subset with LaTeX ($…$, $$…$$) and rendered to safe HTML:
// markdown-it with raw HTML off (every tag the writer types comes out as text), no images (no
// requests to other hosts, no tracking pixels), its link check (no javascript:, vbscript:, file: or
// data: links), and links marked nofollow/ugc. KaTeX renders math with `trust` off, so \href and
// friends cannot make links, and errors show the source instead of breaking the comment.

import katex from 'katex';
import MarkdownIt from 'markdown-it';
import texmath from 'markdown-it-texmath';

const markdown = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false })
  .disable(['image', 'table', 'heading', 'lheading', 'hr', 'reference'])
  .use(texmath, {
    engine: katex,
    delimiters: 'dollars',
    katexOptions: { throwOnError: false, trust: false, strict: 'ignore', maxSize: 20, maxExpand: 200 },
  });

const defaultLinkOpen =
  markdown.renderer.rules.link_open ??
  ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
markdown.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx]?.attrSet('rel', 'nofollow ugc noopener');
  return defaultLinkOpen(tokens, idx, options, env, self);
};

/** At most this many characters per comment. */
export const MAX_COMMENT_LENGTH = 10_000;

export function renderCommentHtml(body: string): string {
  return markdown.render(body);
}

/** Usernames mentioned as @name (lower-case, as usernames are), each once. */
export function mentionedUsernames(body: string): string[] {
  const names = new Set<string>();
  for (const match of body.matchAll(/(?:^|[^\w@/.])@([a-z0-9][a-z0-9-]{1,39})\b/g))
    names.add(match[1] as string);
  return [...names];
}
