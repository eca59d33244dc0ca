// JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/): only the spec's fields with its types, no
// empty arrays or nulls, RFC 3339 dates, extension data under `_paperboard` (extension keys start
// with `_`). Called by render-feed.ts.

import type { FeedHead } from './build-feed.js';
import type { FeedItem } from './feed-item.js';

const authorsOf = (names: string[]) => (names.length > 0 ? names.map((name) => ({ name })) : undefined);

function jsonItem(item: FeedItem): Record<string, unknown> {
  return {
    id: item.url,
    url: item.url,
    external_url: item.externalUrl,
    title: item.title,
    content_html: item.contentHtml,
    content_text: item.contentText,
    date_published: item.published.toISOString(),
    date_modified: item.updated.toISOString(),
    authors: authorsOf(item.authors),
    tags: item.categories.length > 0 ? item.categories : undefined,
    _paperboard: item.extension,
  };
}

/** JSON.stringify leaves out `undefined` members: optional fields are absent, never null. */
export function renderJsonFeed(feed: FeedHead, items: FeedItem[]): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: feed.title,
    home_page_url: feed.homeUrl,
    feed_url: feed.links.json,
    description: feed.description,
    authors: [{ name: feed.siteName }],
    language: 'en',
    items: items.map(jsonItem),
  });
}
