// Writes a feed as RSS 2.0 (rss-feed.ts), Atom 1.0 (atom-feed.ts) or JSON Feed 1.1 (json-feed.ts):
// paper feeds (renderFeed) and any other list of items with HTML content, such as a paper's
// comments (renderItemFeed). Called by the feed routes.

import { escapeHtml } from '../../lib/html.js';
import { renderAtomFeed } from './atom-feed.js';
import type { FeedEntry, FeedFormat, FeedHead, PaperFeed } from './build-feed.js';
import type { FeedItem } from './feed-item.js';
import { renderJsonFeed } from './json-feed.js';
import { renderRssFeed } from './rss-feed.js';

export const FEED_CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

const CODE_LINK_LABELS: Record<string, string> = {
  github: 'Code (GitHub)',
  gitlab: 'Code (GitLab)',
  huggingface: 'Hugging Face',
  project: 'Project page',
};

function entryHtml(entry: FeedEntry): { summary: string; content: string } {
  const summary = `<p>${escapeHtml(entry.abstract)}</p>`;
  const links = [
    { label: 'arXiv', url: entry.arxivUrl },
    { label: 'PDF', url: entry.pdfUrl },
    ...entry.codeLinks.map((l) => ({ label: CODE_LINK_LABELS[l.kind] ?? l.kind, url: l.url })),
  ].map((l) => `<a href="${escapeHtml(l.url)}">${escapeHtml(l.label)}</a>`);
  return { summary, content: `${summary}\n<p>${links.join(' · ')}</p>` };
}

function paperItem(entry: FeedEntry): FeedItem {
  const html = entryHtml(entry);
  return {
    url: entry.url,
    title: entry.title,
    summaryHtml: html.summary,
    contentHtml: html.content,
    contentText: entry.abstract,
    published: entry.published,
    updated: entry.updated,
    authors: entry.authors,
    categories: entry.categories,
    externalUrl: entry.arxivUrl,
    extension: { arxiv_id: entry.arxivId, upvotes: entry.upvotes },
  };
}

/** A feed of any items (a paper's comments), in one format. */
export function renderItemFeed(feed: FeedHead, items: FeedItem[], format: FeedFormat): string {
  if (format === 'json') return renderJsonFeed(feed, items);
  return format === 'rss' ? renderRssFeed(feed, items) : renderAtomFeed(feed, items);
}

export function renderFeed(feed: PaperFeed, format: FeedFormat): string {
  return renderItemFeed(feed, feed.entries.map(paperItem), format);
}
