// A paper as Markdown, for `GET /papers/{id}.md` and `Accept: text/markdown` on the paper page, as
// Hugging Face serves them (huggingface_hub `read_paper`, `hf papers read`): title, authors, dates and
// identifiers, links, code, the abstract with its LaTeX as the authors wrote it, the paper's body when
// arXiv's HTML rendering gave one (ingest/full-text.ts), and a BibTeX entry. Pure; called by
// web/routes/paper.tsx.

import { absUrl, pdfUrl } from '../../model/arxiv-id.js';
import type { PaperView } from '../../store/paper-reads.js';
import { formatBibtex } from './bibtex.js';

/** Link text may not hold an unbalanced bracket or a line break; URLs no spaces or parentheses. */
function link(text: string, url: string): string {
  const label = text.replace(/\s+/g, ' ').replace(/[[\]]/g, '\\$&');
  return `[${label}](<${url.replace(/[<>\s]/g, encodeURIComponent)}>)`;
}

function day(iso: string | null | undefined): string | undefined {
  return iso ? iso.slice(0, 10) : undefined;
}

function factLines(paper: PaperView): string[] {
  const id = paper.version ? `arXiv:${paper.arxivId}v${paper.version}` : `arXiv:${paper.arxivId}`;
  const facts: Array<[string, string | undefined]> = [
    ['Authors', paper.authors.map((a) => a.name).join(', ') || undefined],
    ['arXiv', id],
    ['Published', day(paper.publishedAt)],
    ['Updated', paper.updatedAt && paper.updatedAt !== paper.publishedAt ? day(paper.updatedAt) : undefined],
    ['Categories', paper.categories.join(', ') || undefined],
    ['Comments', paper.comments ?? undefined],
    ['Journal reference', paper.journalRef ?? undefined],
    ['DOI', paper.doi ? link(paper.doi, `https://doi.org/${paper.doi}`) : undefined],
    ['On the board', paper.board?.date],
    ['Upvotes', String(paper.upvotes)],
    ['Withdrawn', paper.isWithdrawn ? 'yes: the authors withdrew this paper on arXiv' : undefined],
  ];
  return facts.flatMap(([name, value]) => (value ? [`- **${name}:** ${value}`] : []));
}

function linkLines(paper: PaperView, pageUrl: string): string[] {
  const links = [
    `- ${link('Abstract on arXiv', absUrl(paper.arxivId))}`,
    `- ${link('PDF', pdfUrl(paper.arxivId))}`,
    `- ${link('This page', pageUrl)}`,
  ];
  if (paper.projectPage) links.push(`- ${link('Project page', paper.projectPage)}`);
  return links;
}

function codeLines(paper: PaperView): string[] {
  return paper.codeLinks.map((c) => `- ${link(c.url.replace(/^https?:\/\//, ''), c.url)} (${c.kind})`);
}

/** `body`: the paper's sections as Markdown (from arXiv's HTML), placed after the abstract. */
export function formatPaperMarkdown(paper: PaperView, pageUrl: string, body?: string): string {
  const sections: string[] = [
    `# ${paper.title.replace(/\s+/g, ' ').trim()}`,
    factLines(paper).join('\n'),
    `## Abstract\n\n${paper.abstract.trim()}`,
  ];
  if (paper.aiSummary) sections.push(`## AI summary\n\n${paper.aiSummary}`);
  if (body) sections.push(body.trim());
  sections.push(`## Links\n\n${linkLines(paper, pageUrl).join('\n')}`);
  const code = codeLines(paper);
  if (code.length > 0) sections.push(`## Code\n\n${code.join('\n')}`);
  sections.push(`## BibTeX\n\n\`\`\`bibtex\n${formatBibtex(paper)}\n\`\`\``);
  return `${sections.join('\n\n')}\n`;
}
