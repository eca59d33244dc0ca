// Atom 1.0 (RFC 4287) written as a string: titles as `type="text"` (plain text, escaped once, so no
// reader decodes it twice), summaries and content as `type="html"`, RFC 3339 times, each entry's own
// `published` and `updated`, links rel="alternate" and rel="self". Called by render-feed.ts.

import { xmlAttr, xmlText } from '../../lib/xml.js';
import type { FeedHead } from './build-feed.js';
import { CATEGORY_TAXONOMY, FEED_GENERATOR, type FeedItem } from './feed-item.js';

const author = (name: string) => `<author><name>${xmlText(name)}</name></author>`;

function atomEntry(item: FeedItem): string {
  const lines = [
    `<id>${xmlText(item.url)}</id>`,
    `<title type="text">${xmlText(item.title)}</title>`,
    `<link rel="alternate" type="text/html" href="${xmlAttr(item.url)}"/>`,
    `<published>${item.published.toISOString()}</published>`,
    `<updated>${item.updated.toISOString()}</updated>`,
    ...item.authors.map(author),
    ...item.categories.map((c) => `<category term="${xmlAttr(c)}" scheme="${xmlAttr(CATEGORY_TAXONOMY)}"/>`),
  ];
  if (item.summaryHtml !== item.contentHtml) {
    lines.push(`<summary type="html">${xmlText(item.summaryHtml)}</summary>`);
  }
  lines.push(`<content type="html">${xmlText(item.contentHtml)}</content>`);
  return `<entry>\n${lines.map((line) => `  ${line}`).join('\n')}\n</entry>`;
}

export function renderAtomFeed(feed: FeedHead, items: FeedItem[]): string {
  const head = [
    `<id>${xmlText(feed.id)}</id>`,
    `<title type="text">${xmlText(feed.title)}</title>`,
    `<subtitle type="text">${xmlText(feed.description)}</subtitle>`,
    `<updated>${feed.updated.toISOString()}</updated>`,
    `<link rel="alternate" type="text/html" href="${xmlAttr(feed.homeUrl)}"/>`,
    `<link rel="self" type="application/atom+xml" href="${xmlAttr(feed.links.atom)}"/>`,
    // Atom needs an author on the feed or on every entry; entries without authors fall back to this.
    author(feed.siteName),
    `<generator>${xmlText(FEED_GENERATOR)}</generator>`,
  ];
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">',
    head.join('\n'),
    ...items.map(atomEntry),
    '</feed>',
    '',
  ].join('\n');
}
