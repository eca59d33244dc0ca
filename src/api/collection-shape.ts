// A reading list as JSON for `GET /api/collections/{id}`: the list's own fields and its papers, each
// the same paper object `GET /api/papers/{id}` returns (the Hugging Face shape plus ours) with when it
// was added. Called by api/routes.ts.

import type { Collection, CollectionPaper } from '../store/collections.js';
import { type PaperDetail, toPaperDetail } from './hf-shape.js';
import { collectionPageUrl, type SiteInfo } from './site.js';

export interface CollectionJson {
  id: number;
  name: string;
  description: string;
  isPublic: boolean;
  owner: { username: string; displayName: string };
  createdAt: string;
  updatedAt: string;
  pageUrl: string;
  numPapers: number;
  /** Most recently added first. */
  items: Array<{ addedAt: string; paper: PaperDetail }>;
}

export function toCollectionJson(
  collection: Collection,
  entries: CollectionPaper[],
  site: SiteInfo,
): CollectionJson {
  return {
    id: collection.id,
    name: collection.name,
    description: collection.description,
    isPublic: collection.isPublic,
    owner: { username: collection.owner.username, displayName: collection.owner.displayName },
    createdAt: collection.createdAt,
    updatedAt: collection.updatedAt,
    pageUrl: collectionPageUrl(site, collection.id),
    numPapers: entries.length,
    items: entries.map((entry) => ({ addedAt: entry.addedAt, paper: toPaperDetail(entry.paper, site) })),
  };
}
