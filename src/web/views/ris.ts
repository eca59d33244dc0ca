// RIS (the Research Information Systems tagged format EndNote, Zotero and Mendeley import) for a
// reading list's export, /collections/:id/papers.ris: one UNPB (unpublished work: a preprint)
// record per paper, `TAG  - value` lines ending in CRLF, each record closed by `ER  -`. Values are
// single lines (a newline would start a bogus tag). Pure; served by routes/citation-exports.ts.

import { absUrl, pdfUrl } from '../../model/arxiv-id.js';
import type { StoredPaper } from '../../model/stored-paper.js';
import { splitName } from './person-name.js';

// Control characters (newlines included) would break the line format; spaces keep words apart.
const CONTROL = /[\p{Cc}\u2028\u2029]+/gu;

const line = (tag: string, value: string) => `${tag}  - ${value.replace(CONTROL, ' ').trim()}`;

function risDate(iso: string | null | undefined): string | undefined {
  const match = iso ? /^(\d{4})-(\d{2})-(\d{2})/.exec(iso) : null;
  return match ? `${match[1]}/${match[2]}/${match[3]}` : undefined;
}

function risRecord(paper: StoredPaper): string[] {
  const date = paper.publishedAt ?? paper.versions[0]?.submittedAt ?? paper.board?.date;
  const lines = [line('TY', 'UNPB'), line('TI', paper.title)];
  for (const author of paper.authors) {
    const name = splitName(author.name);
    lines.push(line('AU', 'literal' in name ? name.literal : `${name.family}, ${name.given}`));
  }
  const day = risDate(date);
  if (day) lines.push(line('PY', day.slice(0, 4)), line('DA', day));
  if (paper.abstract) lines.push(line('AB', paper.abstract));
  lines.push(line('PB', 'arXiv'), line('AN', `arXiv:${paper.arxivId}`));
  if (paper.doi) lines.push(line('DO', paper.doi));
  for (const category of paper.categories) lines.push(line('KW', category));
  if (paper.journalRef) lines.push(line('N1', `Journal reference: ${paper.journalRef}`));
  lines.push(line('UR', absUrl(paper.arxivId)), line('L1', pdfUrl(paper.arxivId)), 'ER  - ');
  return lines;
}

export function formatRisFile(papers: StoredPaper[]): string {
  return papers.map((paper) => `${risRecord(paper).join('\r\n')}\r\n`).join('\r\n');
}
