// What a paper page tells citation managers and link previews in its <head>: Highwire Press
// `citation_*` tags as Google Scholar (https://scholar.google.com/intl/en/scholar/inclusion.html#indexing)
// and Zotero's Embedded Metadata translator read them, in the set arxiv.org's abs pages emit (title,
// one citation_author per author, dates as YYYY/MM/DD, PDF URL, arXiv id, abstract; no journal or
// institution, which a preprint does not have), plus Open Graph and a Twitter card with readable
// text (formulas as Unicode, since previews run no KaTeX). Pure; the paper page passes them to the layout.

import { latexToText } from '../../digest/tex-to-text.js';
import { pdfUrl } from '../../model/arxiv-id.js';
import type { StoredPaper } from '../../model/stored-paper.js';

/** One `<meta>`: Highwire and Twitter use `name`, Open Graph uses `property`. */
export type MetaTag = { name: string; content: string } | { property: string; content: string };

/** Link previews cut descriptions near here (Open Graph has no limit; Facebook and Slack show ~300). */
const DESCRIPTION_LENGTH = 300;

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/** `2024-01-31T…` → `2024/01/31`, the form arXiv and Google Scholar's examples use; else undefined. */
function highwireDate(iso: string | null | undefined): string | undefined {
  const match = iso ? /^(\d{4})-(\d{2})-(\d{2})/.exec(iso) : null;
  return match ? `${match[1]}/${match[2]}/${match[3]}` : undefined;
}

function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}

export function citationMetaTags(
  paper: StoredPaper,
  site: { name: string; baseUrl: string },
  pageUrl: string,
): MetaTag[] {
  const title = oneLine(paper.title);
  const firstDate = highwireDate(paper.publishedAt ?? paper.versions[0]?.submittedAt ?? paper.board?.date);
  const latestDate = highwireDate(paper.updatedAt ?? paper.versions.at(-1)?.submittedAt) ?? firstDate;
  const tags: Array<MetaTag | undefined> = [
    { name: 'citation_title', content: title },
    ...paper.authors.map((author) => ({ name: 'citation_author', content: oneLine(author.name) })),
    firstDate ? { name: 'citation_date', content: firstDate } : undefined,
    firstDate ? { name: 'citation_publication_date', content: firstDate } : undefined,
    latestDate ? { name: 'citation_online_date', content: latestDate } : undefined,
    { name: 'citation_pdf_url', content: pdfUrl(paper.arxivId) },
    { name: 'citation_arxiv_id', content: paper.arxivId },
    { name: 'citation_abstract_html_url', content: pageUrl },
    paper.doi ? { name: 'citation_doi', content: paper.doi } : undefined,
    paper.abstract ? { name: 'citation_abstract', content: oneLine(paper.abstract) } : undefined,
  ];
  const readableTitle = latexToText(title);
  const description = shorten(latexToText(oneLine(paper.abstract)), DESCRIPTION_LENGTH);
  tags.push(
    { property: 'og:type', content: 'article' },
    { property: 'og:site_name', content: site.name },
    { property: 'og:title', content: readableTitle },
    description ? { property: 'og:description', content: description } : undefined,
    { property: 'og:url', content: pageUrl },
    { name: 'twitter:card', content: 'summary' },
    { name: 'twitter:title', content: readableTitle },
    description ? { name: 'twitter:description', content: description } : undefined,
  );
  return tags.filter((tag): tag is MetaTag => tag !== undefined);
}
