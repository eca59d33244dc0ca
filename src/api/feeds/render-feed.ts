// Writes a feed as RSS 2.0 or Atom 1.0 (through the `feed` library) or JSON Feed 1.1 (written
// here: the library only emits JSON Feed 1.0): paper feeds (renderFeed) and any other list of items
// with HTML content, such as a paper's comments (renderItemFeed). Called by the feed routes.

import { Feed, type Item } from 'feed';
import { escapeHtml } from '../../lib/html.js';
import type { FeedEntry, FeedFormat, FeedHead, PaperFeed } from './build-feed.js';

export const FEED_CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

const GENERATOR = 'Paperboard';
const TAXONOMY = 'https://arxiv.org/category_taxonomy';

const CODE_LINK_LABELS: Record<string, string> = {
  github: 'Code (GitHub)',
  gitlab: 'Code (GitLab)',
  huggingface: 'Hugging Face',
  project: 'Project page',
};

/** One item of any feed: a plain-text title, HTML summary and content, absolute URLs. */
export interface FeedItem {
  /** The item's page: its link and its stable id / guid. */
  url: string;
  title: string;
  summaryHtml: string;
  contentHtml: string;
  contentText: string;
  date: Date;
  authors: string[];
  categories: string[];
  /** JSON Feed `external_url`. */
  externalUrl?: string;
  /** JSON Feed extension object `_paperboard`. */
  extension?: Record<string, unknown>;
}

function entryHtml(entry: FeedEntry): { summary: string; content: string } {
  const summary = `<p>${escapeHtml(entry.abstract)}</p>`;
  const links = [
    { label: 'arXiv', url: entry.arxivUrl },
    { label: 'PDF', url: entry.pdfUrl },
    ...entry.codeLinks.map((l) => ({ label: CODE_LINK_LABELS[l.kind] ?? l.kind, url: l.url })),
  ].map((l) => `<a href="${escapeHtml(l.url)}">${escapeHtml(l.label)}</a>`);
  return { summary, content: `${summary}\n<p>${links.join(' · ')}</p>` };
}

/**
 * The library puts titles and summaries in CDATA marked as HTML (Atom `type="html"`; RSS readers
 * treat them as HTML too), so plain text is HTML-escaped first: a `<script>` in a title stays text.
 */
function paperItem(entry: FeedEntry): FeedItem {
  const html = entryHtml(entry);
  return {
    url: entry.url,
    title: entry.title,
    summaryHtml: html.summary,
    contentHtml: html.content,
    contentText: entry.abstract,
    date: entry.date,
    authors: entry.authors,
    categories: entry.categories,
    externalUrl: entry.arxivUrl,
    extension: { arxiv_id: entry.arxivId, upvotes: entry.upvotes },
  };
}

function toItem(feedItem: FeedItem, format: 'rss' | 'atom'): Item {
  const item: Item = {
    title: escapeHtml(feedItem.title),
    link: feedItem.url,
    date: feedItem.date,
    description: feedItem.summaryHtml,
    content: feedItem.contentHtml,
    category: feedItem.categories.map((c) => ({ name: c, term: c, domain: TAXONOMY, scheme: TAXONOMY })),
  };
  if (format === 'atom') {
    item.id = feedItem.url;
    item.author = feedItem.authors.map((name) => ({ name }));
  } else if (feedItem.authors.length > 0) {
    // RSS <author> must be an e-mail address; arXiv's own feeds use one comma-separated dc:creator.
    // Without `id`, the guid is the link with isPermaLink="true".
    item.extensions = [{ name: 'dc:creator', objects: { _text: feedItem.authors.join(', ') } }];
  }
  return item;
}

/** The `feed` library's Feed for one XML format (exposed so tests and later feeds can inspect it). */
export function toLibraryFeed(feed: FeedHead, items: FeedItem[], format: 'rss' | 'atom'): Feed {
  const out = new Feed({
    id: feed.id,
    title: feed.title,
    description: feed.description,
    link: feed.homeUrl,
    updated: feed.updated,
    generator: GENERATOR,
    language: 'en',
    feedLinks: { rss: feed.links.rss, atom: feed.links.atom, json: feed.links.json },
    // Atom needs an author on the feed or on every entry; entries without authors fall back to this.
    author: { name: feed.siteName },
  });
  for (const item of items) out.addItem(toItem(item, format));
  return out;
}

/** JSON Feed 1.1: https://www.jsonfeed.org/version/1.1/ (extension keys start with `_`). */
function renderJsonFeed(feed: FeedHead, items: FeedItem[]): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: feed.title,
    home_page_url: feed.homeUrl,
    feed_url: feed.links.json,
    description: feed.description,
    language: 'en',
    authors: [{ name: feed.siteName }],
    items: items.map((item) => ({
      id: item.url,
      url: item.url,
      external_url: item.externalUrl,
      title: item.title,
      content_html: item.contentHtml,
      content_text: item.contentText,
      date_published: item.date.toISOString(),
      authors: item.authors.map((name) => ({ name })),
      tags: item.categories,
      _paperboard: item.extension,
    })),
  });
}

/** A feed of any items (a paper's comments), in one format. */
export function renderItemFeed(feed: FeedHead, items: FeedItem[], format: FeedFormat): string {
  if (format === 'json') return renderJsonFeed(feed, items);
  const xml = toLibraryFeed(feed, items, format);
  return format === 'rss' ? xml.rss2() : xml.atom1();
}

export function renderFeed(feed: PaperFeed, format: FeedFormat): string {
  return renderItemFeed(feed, feed.entries.map(paperItem), format);
}
