// What the feed writers (rss-feed.ts, atom-feed.ts, json-feed.ts) take: one item of any feed, a
// paper or a comment, already in absolute URLs and plain text or HTML; and the constants they share.

export const FEED_GENERATOR = 'Paperboard';
/** Where arXiv's category names are defined: the RSS category domain and Atom category scheme. */
export const CATEGORY_TAXONOMY = 'https://arxiv.org/category_taxonomy';

/**
 * One item of any feed. `title`, `authors` and `categories` are plain text: each writer escapes
 * them once for its format, so no reader ever shows `&#39;` or runs a `<script>` from a title.
 */
export interface FeedItem {
  /** The item's page: its link and its stable id / guid. */
  url: string;
  title: string;
  /** HTML; RSS description and Atom summary (left out of Atom when it is the content itself). */
  summaryHtml: string;
  contentHtml: string;
  contentText: string;
  /** When the item entered the feed (RSS pubDate, Atom published, JSON date_published). */
  published: Date;
  /** The item's last change (Atom updated, JSON date_modified). */
  updated: Date;
  authors: string[];
  categories: string[];
  /** JSON Feed `external_url`. */
  externalUrl?: string;
  /** JSON Feed extension object `_paperboard`. */
  extension?: Record<string, unknown>;
}
