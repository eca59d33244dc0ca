// RSS 2.0 (https://www.rssboard.org/rss-specification) written as a string, following the RSS Best
// Practices Profile the W3C validator checks: plain text with hexadecimal references for `&` `<`
// `>`, HTML descriptions escaped once, RFC 822 dates, an atom:link rel="self", authors as
// dc:creator (RSS <author> must be an e-mail address). Called by render-feed.ts.

import { rssPlainText, xmlAttr, xmlText } from '../../lib/xml.js';
import type { FeedHead } from './build-feed.js';
import { CATEGORY_TAXONOMY, FEED_GENERATOR, type FeedItem } from './feed-item.js';

/** RFC 822 date-time with four-digit year and "GMT", as `toUTCString` writes it. */
const rfc822 = (date: Date) => date.toUTCString();

function rssItem(item: FeedItem): string {
  const lines = [
    `<title>${rssPlainText(item.title)}</title>`,
    `<link>${xmlText(item.url)}</link>`,
    `<guid isPermaLink="true">${xmlText(item.url)}</guid>`,
    `<pubDate>${rfc822(item.published)}</pubDate>`,
  ];
  // One comma-separated dc:creator, as arXiv's own feeds do.
  if (item.authors.length > 0)
    lines.push(`<dc:creator>${rssPlainText(item.authors.join(', '))}</dc:creator>`);
  for (const category of item.categories) {
    lines.push(`<category domain="${xmlAttr(CATEGORY_TAXONOMY)}">${rssPlainText(category)}</category>`);
  }
  lines.push(`<description>${xmlText(item.summaryHtml)}</description>`);
  if (item.contentHtml !== item.summaryHtml) {
    lines.push(`<content:encoded>${xmlText(item.contentHtml)}</content:encoded>`);
  }
  return `<item>\n${lines.map((line) => `  ${line}`).join('\n')}\n</item>`;
}

export function renderRssFeed(feed: FeedHead, items: FeedItem[]): string {
  const channel = [
    `<title>${rssPlainText(feed.title)}</title>`,
    `<link>${xmlText(feed.homeUrl)}</link>`,
    `<description>${rssPlainText(feed.description)}</description>`,
    '<language>en</language>',
    `<lastBuildDate>${rfc822(feed.updated)}</lastBuildDate>`,
    `<generator>${rssPlainText(FEED_GENERATOR)}</generator>`,
    '<docs>https://www.rssboard.org/rss-specification</docs>',
    `<atom:link href="${xmlAttr(feed.links.rss)}" rel="self" type="application/rss+xml"/>`,
    ...items.map(rssItem),
  ];
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">',
    '<channel>',
    channel.join('\n'),
    '</channel>',
    '</rss>',
    '',
  ].join('\n');
}
