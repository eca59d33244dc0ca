// Writes a PaperFeed as RSS 2.0 or Atom 1.0 (through the `feed` library) or JSON Feed 1.1 (written
// here: the library only emits JSON Feed 1.0). Called by feeds/routes.ts and any later feed.

import { Feed, type Item } from 'feed';
import { escapeHtml } from '../../lib/html.js';
import type { FeedEntry, FeedFormat, PaperFeed } from './build-feed.js';

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
function toItem(entry: FeedEntry, format: 'rss' | 'atom'): Item {
  const html = entryHtml(entry);
  const item: Item = {
    title: escapeHtml(entry.title),
    link: entry.url,
    date: entry.date,
    description: html.summary,
    content: html.content,
    category: entry.categories.map((c) => ({ name: c, term: c, domain: TAXONOMY, scheme: TAXONOMY })),
  };
  if (format === 'atom') {
    item.id = entry.url;
    item.author = entry.authors.map((name) => ({ name }));
  } else if (entry.authors.length > 0) {
    // RSS <author> must be an e-mail address; arXiv's own feeds use one comma-separated dc:creator.
    // Without `id`, the guid is the link with isPermaLink="true".
    item.extensions = [{ name: 'dc:creator', objects: { _text: entry.authors.join(', ') } }];
  }
  return item;
}

/** The `feed` library's Feed for one XML format (exposed so tests and later feeds can inspect it). */
export function toLibraryFeed(feed: PaperFeed, format: 'rss' | 'atom'): Feed {
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
  for (const entry of feed.entries) out.addItem(toItem(entry, format));
  return out;
}

/** JSON Feed 1.1: https://www.jsonfeed.org/version/1.1/ (extension keys start with `_`). */
function renderJsonFeed(feed: PaperFeed): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: feed.title,
    home_page_url: feed.homeUrl,
    feed_url: feed.links.json,
    description: feed.description,
    language: 'en',
    authors: [{ name: feed.siteName }],
    items: feed.entries.map((entry) => ({
      id: entry.url,
      url: entry.url,
      external_url: entry.arxivUrl,
      title: entry.title,
      content_html: entryHtml(entry).content,
      content_text: entry.abstract,
      date_published: entry.date.toISOString(),
      authors: entry.authors.map((name) => ({ name })),
      tags: entry.categories,
      _paperboard: { arxiv_id: entry.arxivId, upvotes: entry.upvotes },
    })),
  });
}

export function renderFeed(feed: PaperFeed, format: FeedFormat): string {
  if (format === 'json') return renderJsonFeed(feed);
  const xml = toLibraryFeed(feed, format);
  return format === 'rss' ? xml.rss2() : xml.atom1();
}
