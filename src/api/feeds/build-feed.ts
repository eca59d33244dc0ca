// Turns a list of papers into a format-neutral PaperFeed (plain text, absolute URLs) that
// render-feed.ts writes as RSS 2.0, Atom 1.0 or JSON Feed 1.1. The daily, trending, search and
// reading-list feeds hand it their papers; a paper's comment feed shares the feed head (feedHead).

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
  published: Date;
  /**
   * The paper's own last change (its latest arXiv version, else its first), else `published`:
   * Atom's per-entry `updated`, which differs from paper to paper even when a whole board shares one
   * board time. It may be earlier than `published` (a paper revised before it was put on the board).
   */
  updated: Date;
  arxivUrl: string;
  pdfUrl: string;
  codeLinks: CodeLink[];
  upvotes: number;
}

/** What a feed of any kind says about itself. */
export interface FeedHead {
  /** Format-neutral identity (Atom feed id): the feed URL without its extension. */
  id: string;
  title: string;
  description: string;
  siteName: string;
  homeUrl: string;
  /** Self link of each format, for `rel="self"` and `feed_url`. */
  links: Record<FeedFormat, string>;
  updated: Date;
}

export interface PaperFeed extends FeedHead {
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
  /** When each paper entered the feed; by default its board time, else its arXiv date. */
  dateOf?: (paper: PaperView) => Date;
}

function entryDate(paper: PaperView): Date {
  const board = paper.board;
  const when = board
    ? (board.submittedAt ?? `${board.date}T00:00:00Z`)
    : (paper.publishedAt ?? paper.firstSeenAt);
  return new Date(when);
}

/** A stored time as a Date, or undefined when absent or not a time. */
function timeOf(text: string | null | undefined): Date | undefined {
  const ms = text ? Date.parse(text) : Number.NaN;
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

export function toFeedEntry(paper: PaperView, site: SiteInfo, dateOf = entryDate): FeedEntry {
  const published = dateOf(paper);
  return {
    arxivId: paper.arxivId,
    url: paperPageUrl(site, paper.arxivId),
    title: paper.title,
    abstract: paper.abstract,
    authors: paper.authors.map((a) => a.name),
    categories: paper.categories,
    published,
    updated: timeOf(paper.updatedAt) ?? timeOf(paper.publishedAt) ?? published,
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
  const times = [
    ...papers.map((p) => Date.parse(p.modifiedAt)),
    ...entries.flatMap((e) => [e.published.getTime(), e.updated.getTime()]),
  ];
  const valid = times.filter((t) => !Number.isNaN(t));
  return valid.length ? new Date(Math.max(...valid)) : fallback;
}

/** A feed's head: its id and self links from the path (and query), and what it says of itself. */
export function feedHead(
  site: SiteInfo,
  spec: Pick<FeedSpec, 'title' | 'description' | 'path' | 'query' | 'homeUrl'>,
  updated: Date,
): FeedHead {
  const query = spec.query?.toString();
  const suffix = query ? `?${query}` : '';
  const base = `${site.baseUrl}${spec.path}`;
  return {
    id: `${base}${suffix}`,
    title: spec.title,
    description: spec.description,
    siteName: site.siteName,
    homeUrl: spec.homeUrl,
    links: { rss: `${base}.rss${suffix}`, atom: `${base}.atom${suffix}`, json: `${base}.json${suffix}` },
    updated,
  };
}

export function buildPaperFeed(papers: PaperView[], site: SiteInfo, spec: FeedSpec): PaperFeed {
  const entries = papers.map((paper) => toFeedEntry(paper, site, spec.dateOf));
  return { ...feedHead(site, spec, lastUpdate(papers, entries, spec.emptyUpdated)), entries };
}
