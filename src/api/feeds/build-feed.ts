// Turns a list of papers into a format-neutral PaperFeed (plain text, absolute URLs) that
// render-feed.ts writes as RSS 2.0, Atom 1.0 or JSON Feed 1.1. The daily feeds use it; search,
// trending and author feeds can hand it any list of PaperView.

import { absUrl, pdfUrl } from '../../model/arxiv-id.js';
import type { CodeLink } from '../../model/paper.js';
import type { PaperView } from '../../store/paper-reads.js';
import { paperPageUrl, type SiteInfo } from '../site.js';

export type FeedFormat = 'rss' | 'atom' | 'json';

export const FEED_FORMATS: readonly FeedFormat[] = ['rss', 'atom', 'json'];

export interface FeedEntry {
  arxivId: string;
  /** Our page for the paper: the entry's link and its stable id / guid. */
  url: string;
  /** Plain text; LaTeX stays as source (feed readers cannot run KaTeX). */
  title: string;
  abstract: string;
  authors: string[];
  categories: string[];
  /** When the paper entered the feed: board time, else board day, else arXiv date. */
  date: Date;
  arxivUrl: string;
  pdfUrl: string;
  codeLinks: CodeLink[];
  upvotes: number;
}

export interface PaperFeed {
  /** Format-neutral identity (Atom feed id): the feed URL without its extension. */
  id: string;
  title: string;
  description: string;
  siteName: string;
  homeUrl: string;
  /** Self link of each format, for `rel="self"` and `feed_url`. */
  links: Record<FeedFormat, string>;
  updated: Date;
  entries: FeedEntry[];
}

export interface FeedSpec {
  title: string;
  description: string;
  /** Path without extension, e.g. `/feeds/daily`. */
  path: string;
  /** Query kept in the self links, e.g. `date=2026-08-21`. */
  query?: URLSearchParams;
  /** The HTML page this feed mirrors. */
  homeUrl: string;
  /** `updated` of a feed without entries. */
  emptyUpdated: Date;
}

function entryDate(paper: PaperView): Date {
  const board = paper.board;
  const when = board
    ? (board.submittedAt ?? `${board.date}T00:00:00Z`)
    : (paper.publishedAt ?? paper.firstSeenAt);
  return new Date(when);
}

export function toFeedEntry(paper: PaperView, site: SiteInfo): FeedEntry {
  return {
    arxivId: paper.arxivId,
    url: paperPageUrl(site, paper.arxivId),
    title: paper.title,
    abstract: paper.abstract,
    authors: paper.authors.map((a) => a.name),
    categories: paper.categories,
    date: entryDate(paper),
    arxivUrl: absUrl(paper.arxivId),
    pdfUrl: pdfUrl(paper.arxivId),
    codeLinks: paper.codeLinks,
    upvotes: paper.upvotes,
  };
}

/**
 * `updated` follows the data, not the clock, so an unchanged board renders byte-identical feeds
 * (and the same ETag): the latest entry date or stored change among the papers.
 */
function lastUpdate(papers: PaperView[], entries: FeedEntry[], fallback: Date): Date {
  const times = [...papers.map((p) => Date.parse(p.modifiedAt)), ...entries.map((e) => e.date.getTime())];
  const valid = times.filter((t) => !Number.isNaN(t));
  return valid.length ? new Date(Math.max(...valid)) : fallback;
}

export function buildPaperFeed(papers: PaperView[], site: SiteInfo, spec: FeedSpec): PaperFeed {
  const query = spec.query?.toString();
  const suffix = query ? `?${query}` : '';
  const base = `${site.baseUrl}${spec.path}`;
  const entries = papers.map((paper) => toFeedEntry(paper, site));
  return {
    id: `${base}${suffix}`,
    title: spec.title,
    description: spec.description,
    siteName: site.siteName,
    homeUrl: spec.homeUrl,
    links: { rss: `${base}.rss${suffix}`, atom: `${base}.atom${suffix}`, json: `${base}.json${suffix}` },
    updated: lastUpdate(papers, entries, spec.emptyUpdated),
    entries,
  };
}
