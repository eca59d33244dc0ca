// CSL-JSON (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html, the schema of the
// Citation Style Language 1.0.2) for a reading list's export, /collections/:id/papers.csl.json: an
// array of items as Zotero writes an arXiv preprint (type "article", publisher "arXiv", number
// "arXiv:<id>"), names split into family/given, dates as date-parts. Pure; served by
// routes/citation-exports.ts.

import { absUrl } from '../../model/arxiv-id.js';
import type { StoredPaper } from '../../model/stored-paper.js';
import { splitName } from './person-name.js';

export interface CslItem {
  id: string;
  type: 'article';
  title: string;
  author: Array<{ family: string; given: string } | { literal: string }>;
  issued?: { 'date-parts': [[number, number, number]] };
  abstract?: string;
  publisher: 'arXiv';
  number: string;
  DOI?: string;
  URL: string;
  keyword?: string;
  note?: string;
}

function dateParts(iso: string | null | undefined): [[number, number, number]] | undefined {
  const match = iso ? /^(\d{4})-(\d{2})-(\d{2})/.exec(iso) : null;
  return match ? [[Number(match[1]), Number(match[2]), Number(match[3])]] : undefined;
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

export function toCslItem(paper: StoredPaper): CslItem {
  const parts = dateParts(paper.publishedAt ?? paper.versions[0]?.submittedAt ?? paper.board?.date);
  const item: CslItem = {
    id: `arXiv:${paper.arxivId}`,
    type: 'article',
    title: oneLine(paper.title),
    author: paper.authors.map((author) => splitName(author.name)),
    publisher: 'arXiv',
    number: `arXiv:${paper.arxivId}`,
    URL: absUrl(paper.arxivId),
  };
  if (parts) item.issued = { 'date-parts': parts };
  if (paper.abstract) item.abstract = oneLine(paper.abstract);
  if (paper.doi) item.DOI = paper.doi;
  if (paper.categories.length > 0) item.keyword = paper.categories.join(', ');
  if (paper.journalRef) item.note = `Journal reference: ${oneLine(paper.journalRef)}`;
  return item;
}

export function formatCslJson(papers: StoredPaper[]): string {
  return `${JSON.stringify(papers.map(toCslItem), null, 2)}\n`;
}
