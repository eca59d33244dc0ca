// A public reading list as a feed (/collections/:id/papers.{rss,atom,json}): its papers, most
// recently added first, each dated by when it was added, so a subscriber sees new additions as new
// items. Served by feeds/page-feeds.ts.

import type { Collection, CollectionPaper } from '../../store/collections.js';
import { collectionPageUrl, type SiteInfo } from '../site.js';
import { buildPaperFeed, type PaperFeed } from './build-feed.js';

export function buildCollectionFeed(
  collection: Collection,
  entries: CollectionPaper[],
  site: SiteInfo,
): PaperFeed {
  const addedAt = new Map(entries.map((entry) => [entry.paper.id, new Date(entry.addedAt)]));
  return buildPaperFeed(
    entries.map((entry) => entry.paper),
    site,
    {
      title: `${site.siteName}: ${collection.name}`,
      description:
        collection.description ||
        `Papers on the reading list “${collection.name}” by @${collection.owner.username}, newest additions first.`,
      path: `/collections/${collection.id}/papers`,
      homeUrl: collectionPageUrl(site, collection.id),
      emptyUpdated: new Date(collection.updatedAt),
      dateOf: (paper) => addedAt.get(paper.id) ?? new Date(collection.updatedAt),
    },
  );
}
