// A paper's discussion as a feed (/papers/:id/comments.{rss,atom,json}): its visible comments,
// newest first, deleted and hidden ones left out. Each comment's HTML comes from the sanitised
// comment renderer (community/comment-markdown.ts), as on the page. Served by feeds/page-feeds.ts.

import { renderCommentFeedHtml } from '../../community/comment-markdown.js';
import type { StoredComment } from '../../store/comments.js';
import type { PaperView } from '../../store/paper-reads.js';
import { paperPageUrl, type SiteInfo } from '../site.js';
import { type FeedHead, feedHead } from './build-feed.js';
import type { FeedItem } from './feed-item.js';

/** The newest comments a feed carries; readers poll often, so older ones are already seen. */
export const COMMENT_FEED_ITEMS = 50;

function toCommentItem(comment: StoredComment, paper: PaperView, site: SiteInfo): FeedItem {
  const html = renderCommentFeedHtml(comment.body);
  return {
    url: `${paperPageUrl(site, paper.arxivId)}#comment-${comment.id}`,
    title: `Comment on ${paper.title.replace(/\s+/g, ' ').trim()} by ${comment.author.displayName}`,
    summaryHtml: html,
    contentHtml: html,
    contentText: comment.body,
    published: new Date(comment.createdAt),
    updated: new Date(comment.editedAt ?? comment.createdAt),
    authors: [comment.author.displayName],
    categories: [],
    extension: {
      arxiv_id: paper.arxivId,
      comment_id: comment.id,
      // A top-level comment has no parent_id (JSON Feed leaves absent values out rather than null).
      ...(comment.parentId === null ? {} : { parent_id: comment.parentId }),
      username: comment.author.username,
    },
  };
}

/**
 * The feed of a paper's comments (`comments`: its whole thread, as the store lists it). `updated`
 * is the latest comment or edit, else the paper's last change, so an unchanged thread renders
 * byte-identical feeds (and the same ETag).
 */
export function buildCommentFeed(
  paper: PaperView,
  comments: StoredComment[],
  site: SiteInfo,
): { head: FeedHead; items: FeedItem[] } {
  const newest = comments
    .filter((comment) => !comment.isDeleted && !comment.isHidden)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id)
    .slice(0, COMMENT_FEED_ITEMS);
  const times = newest.map((comment) => Date.parse(comment.editedAt ?? comment.createdAt));
  const updated = times.length > 0 ? new Date(Math.max(...times)) : new Date(paper.modifiedAt);
  const pageUrl = paperPageUrl(site, paper.arxivId);
  const head = feedHead(
    site,
    {
      title: `${site.siteName}: comments on arXiv:${paper.arxivId}`,
      description: `The discussion of “${paper.title.replace(/\s+/g, ' ').trim()}” on ${site.siteName}, newest comments first.`,
      path: `/papers/${paper.arxivId}/comments`,
      homeUrl: pageUrl,
    },
    updated,
  );
  return { head, items: newest.map((comment) => toCommentItem(comment, paper, site)) };
}
