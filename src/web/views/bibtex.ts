// BibTeX entry for a paper page's citation block, in the shape arXiv and Semantic Scholar use
// (@misc with eprint/archivePrefix/primaryClass), and .bib files of several (reading-list exports).
// Text is escaped for LaTeX; math is kept as is.

import { absUrl } from '../../model/arxiv-id.js';
import type { StoredPaper } from '../../model/stored-paper.js';
import { tokenizeLatex } from '../../model/tex-segments.js';

const LATEX_SPECIALS: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  $: '\\$',
  '&': '\\&',
  '%': '\\%',
  '#': '\\#',
  _: '\\_',
  '^': '\\^{}',
  '~': '\\textasciitilde{}',
};

function escapeLatexText(text: string): string {
  return text.replace(/[\\{}$&%#_^~]/g, (ch) => LATEX_SPECIALS[ch] ?? ch);
}

function hasBalancedBraces(tex: string): boolean {
  let depth = 0;
  for (let i = 0; i < tex.length; i++) {
    if (tex[i] === '\\') i++;
    else if (tex[i] === '{') depth++;
    else if (tex[i] === '}' && --depth < 0) return false;
  }
  return depth === 0;
}

/** A title for a BibTeX field: text escaped, formulas kept as `$…$` when their braces balance. */
export function escapeBibtexTitle(title: string): string {
  return tokenizeLatex(title.replace(/\s+/g, ' ').trim())
    .map((s) => {
      if (s.kind === 'text') return escapeLatexText(s.text);
      const tex = s.tex.trim();
      return hasBalancedBraces(tex) ? `$${tex}$` : escapeLatexText(s.source);
    })
    .join('');
}

// "and" separates names and a comma means "Last, First": protect names that contain either.
function formatAuthor(name: string): string {
  const escaped = escapeLatexText(name.replace(/\s+/g, ' ').trim());
  return /,|\band\b/i.test(escaped) ? `{${escaped}}` : escaped;
}

/** Verbatim-ish fields (DOI, URL, ids) only need their braces removed to stay well-formed. */
function verbatim(value: string): string {
  return value.replace(/[{}]/g, '');
}

function asciiWord(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]/g, '')
    .toLowerCase();
}

/** `lovelace2024attention`: first author's surname, year, first significant title word. */
export function citationKey(paper: Pick<StoredPaper, 'arxivId' | 'authors' | 'title'>, year: string): string {
  const surname = asciiWord(paper.authors[0]?.name.trim().split(/\s+/).at(-1) ?? '');
  const words = paper.title
    .replace(/\$[^$]*\$/g, ' ')
    .split(/\s+/)
    .map(asciiWord);
  const word = words.find((w) => w.length > 3 && !STOP_WORDS.has(w)) ?? words.find(Boolean) ?? '';
  const key = `${surname}${year}${word}`;
  return surname || word ? key : `arxiv${asciiWord(paper.arxivId)}`;
}

const STOP_WORDS = new Set(['with', 'from', 'into', 'towards', 'toward', 'about', 'their', 'when', 'what']);

function bibtexYear(paper: StoredPaper): string {
  return (paper.publishedAt ?? paper.board?.date ?? '').slice(0, 4);
}

/** One entry; `key` replaces the citation key (a .bib file needs each key once). */
export function formatBibtex(paper: StoredPaper, key?: string): string {
  const year = bibtexYear(paper);
  const fields: [string, string | null | undefined][] = [
    ['title', escapeBibtexTitle(paper.title)],
    ['author', paper.authors.map((a) => formatAuthor(a.name)).join(' and ')],
    ['year', /^\d{4}$/.test(year) ? year : null],
    ['eprint', verbatim(paper.arxivId)],
    ['archivePrefix', 'arXiv'],
    ['primaryClass', paper.primaryCategory ? verbatim(paper.primaryCategory) : null],
    ['doi', paper.doi ? verbatim(paper.doi) : null],
    ['url', verbatim(absUrl(paper.arxivId))],
  ];
  const body = fields
    .filter((field): field is [string, string] => Boolean(field[1]))
    .map(([name, value]) => `  ${name} = {${value}}`)
    .join(',\n');
  return `@misc{${key ?? citationKey(paper, year)},\n${body}\n}`;
}

/**
 * A .bib file of several papers (a reading list's export). BibTeX keeps only the first entry of a
 * repeated key, so a key that comes again gets a letter, as reference managers do: `…2024attentionb`.
 */
export function formatBibtexFile(papers: StoredPaper[]): string {
  const seen = new Map<string, number>();
  const entries = papers.map((paper) => {
    const key = citationKey(paper, bibtexYear(paper));
    const count = seen.get(key) ?? 0;
    seen.set(key, count + 1);
    const suffix = count === 0 ? '' : count < 26 ? String.fromCharCode(97 + count) : `-${count + 1}`;
    return formatBibtex(paper, `${key}${suffix}`);
  });
  return entries.length > 0 ? `${entries.join('\n\n')}\n` : '';
}
