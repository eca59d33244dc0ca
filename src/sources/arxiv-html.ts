// arXiv's HTML rendering of a paper (`https://arxiv.org/html/<id>`, LaTeXML's output) as Markdown:
// the body's sections, with math kept as the LaTeX the authors wrote (`alttext`), for the paper's
// Markdown form (web/routes/paper.tsx via ingest/full-text.ts). Pure. The title, authors and abstract
// are left out: the Markdown form writes them from the store. turndown does the HTML→Markdown work;
// the rules here only say what LaTeXML's elements mean.
// LaTeXML's HTML: https://math.nist.gov/~BMiller/LaTeXML/manual/ (ltx_* classes, math alttext).

import TurndownService from 'turndown';

/** What these rules read of turndown's DOM (domino): the project compiles without DOM typings. */
interface Element {
  nodeName: string;
  textContent: string | null;
  innerHTML: string;
  children: ArrayLike<Element>;
  getAttribute(name: string): string | null;
  querySelector(selector: string): Element | null;
  querySelectorAll(selector: string): ArrayLike<Element>;
}

const el = (node: unknown) => node as Element;

/** LaTeXML parts the store already holds (title, authors, abstract) or that are page chrome. */
const LEFT_OUT = [
  'ltx_title_document',
  'ltx_authors',
  'ltx_abstract',
  'ltx_dates',
  'ltx_keywords',
  'ltx_classification',
  'ltx_page_navbar',
  'ltx_page_header',
  'ltx_page_footer',
  'ltx_TOC',
];

/** Elements with nothing to read in Markdown: the head, scripts, page chrome, and pictures. */
const LEFT_OUT_ELEMENTS = new Set([
  'head',
  'title',
  'script',
  'style',
  'nav',
  'header',
  'footer',
  'img',
  'svg',
  'button',
]);

function hasClass(node: unknown, name: string): boolean {
  const classes = el(node).getAttribute?.('class');
  return classes ? classes.split(/\s+/).includes(name) : false;
}

/** Math as its LaTeX source; display math on lines of its own. */
function mathMarkdown(node: unknown): string {
  const tex = (el(node).getAttribute('alttext') ?? el(node).textContent ?? '').trim();
  if (tex === '') return '';
  return el(node).getAttribute('display') === 'block' ? `\n\n$$\n${tex}\n$$\n\n` : `$${tex}$`;
}

/** A numbered equation (a table of cells around the math): the math, then its number. */
function equationMarkdown(node: unknown): string {
  const maths = Array.from(el(node).querySelectorAll('math'));
  const tex = maths.map((math) => (math.getAttribute('alttext') ?? '').trim()).filter(Boolean);
  const number = el(node).querySelector('.ltx_tag_equation')?.textContent?.trim();
  if (tex.length === 0) return '';
  return `\n\n$$\n${tex.join(' \\\\\n')}\n$$${number ? ` ${number}` : ''}\n\n`;
}

/** A LaTeX tabular as a pipe table: the first row is the header, as GitHub's Markdown wants one. */
function tableMarkdown(node: unknown, turndown: TurndownService): string {
  const rows = Array.from(el(node).querySelectorAll('tr')).map((row) =>
    Array.from(row.children).map((cell) =>
      turndown.turndown(cell.innerHTML).replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim(),
    ),
  );
  const width = Math.max(0, ...rows.map((cells) => cells.length));
  if (width === 0) return '';
  const line = (cells: string[]) =>
    `| ${Array.from({ length: width }, (_, i) => cells[i] ?? '').join(' | ')} |`;
  const [head = [], ...body] = rows;
  const separator = `| ${Array.from({ length: width }, () => '---').join(' | ')} |`;
  return `\n\n${[line(head), separator, ...body.map(line)].join('\n')}\n\n`;
}

function createConverter(pageUrl: string): TurndownService {
  const turndown = new TurndownService({
    headingStyle: 'atx',
    codeBlockStyle: 'fenced',
    emDelimiter: '*',
    bulletListMarker: '-',
  });
  // turndown tries the rules added last first, so the narrower equation rule comes after the tables'.
  turndown.addRule('tabular', {
    filter: (node) => node.nodeName === 'TABLE',
    replacement: (_, node) => tableMarkdown(node, turndown),
  });
  turndown.addRule('equation', {
    filter: (node) =>
      node.nodeName === 'TABLE' && (hasClass(node, 'ltx_equation') || hasClass(node, 'ltx_equationgroup')),
    replacement: (_, node) => equationMarkdown(node),
  });
  turndown.addRule('math', {
    filter: (node) => node.nodeName.toLowerCase() === 'math',
    replacement: (_, node) => mathMarkdown(node),
  });
  // LaTeXML writes \textbf and \textit as classed spans, not <b> and <i>.
  turndown.addRule('font', {
    filter: (node) =>
      node.nodeName === 'SPAN' && (hasClass(node, 'ltx_font_bold') || hasClass(node, 'ltx_font_italic')),
    replacement: (content, node) => {
      if (content.trim() === '') return content;
      const mark = hasClass(node, 'ltx_font_bold') ? '**' : '*';
      return `${mark}${content}${mark}`;
    },
  });
  turndown.addRule('caption', {
    filter: ['figcaption'],
    replacement: (content) => `\n\n${content.trim()}\n\n`,
  });
  // Links inside the paper (citations, section references) point into arXiv's page: kept as text.
  // Others are made absolute, since the Markdown is read away from the page they were relative to.
  turndown.addRule('link', {
    filter: (node) => node.nodeName === 'A',
    replacement: (content, node) => {
      const href = el(node).getAttribute('href') ?? '';
      if (href === '' || href.startsWith('#')) return content;
      let url: string;
      try {
        url = new URL(href, pageUrl).href;
      } catch {
        return content;
      }
      if (!/^https?:/.test(url)) return content;
      return `[${content}](<${url.replace(/[<>\s]/g, encodeURIComponent)}>)`;
    },
  });
  // Last added, so tried first: turndown's own rules (headings, images) would otherwise win.
  turndown.addRule('left-out', {
    filter: (node) =>
      LEFT_OUT_ELEMENTS.has(node.nodeName.toLowerCase()) || LEFT_OUT.some((name) => hasClass(node, name)),
    replacement: () => '',
  });
  return turndown;
}

/**
 * The body of a LaTeXML page as Markdown, its sections at `##` (LaTeXML writes sections as h2), or
 * undefined when the page holds no LaTeXML document (an error page, arXiv's "no HTML" notice).
 */
export function arxivHtmlToMarkdown(html: string, pageUrl: string): string | undefined {
  if (!/<article\b[^>]*\bclass="[^"]*\bltx_document\b/.test(html)) return undefined;
  const markdown = createConverter(pageUrl)
    .turndown(html)
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return markdown === '' ? undefined : markdown;
}
