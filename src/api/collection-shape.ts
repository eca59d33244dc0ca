// A reading list as JSON for `GET /api/collections/{id}` and the token API's collection writes: our
// own fields, and beside them the fields huggingface_hub's `Collection` and `CollectionItem` read
// (slug, title, owner, items[]._id/id/type/position/note, lastUpdated, position, private, theme,
// upvotes), so `get_collection`, `create_collection` and `add_collection_item` parse our answers. The
// slug is the list's id, which is also its URL (`/collections/{slug}`). Each item carries the same
// paper object `GET /api/papers/{id}` returns. Called by api/routes.ts and api/collection-write-routes.ts.

import type { Collection, CollectionPaper } from '../store/collections.js';
import { toPaperDetail } from './hf-shape.js';
import type { CollectionJson } from './schemas/collections.js';
import { collectionPageUrl, type SiteInfo } from './site.js';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

export function toCollectionJson(
  collection: Collection,
  entries: CollectionPaper[],
  site: SiteInfo,
): CollectionJson {
  const { username, displayName } = collection.owner;
  return {
    id: collection.id,
    slug: String(collection.id),
    name: collection.name,
    title: collection.name,
    description: collection.description,
    isPublic: collection.isPublic,
    private: !collection.isPublic,
    owner: { username, displayName, name: username, fullname: displayName, type: 'user' },
    createdAt: collection.createdAt,
    updatedAt: collection.updatedAt,
    lastUpdated: collection.updatedAt,
    position: 0,
    theme: 'default',
    upvotes: 0,
    pageUrl: collectionPageUrl(site, collection.id),
    numPapers: entries.length,
    items: entries.map((entry, position) => ({
      _id: entry.paper.arxivId,
      id: entry.paper.arxivId,
      type: 'paper' as const,
      position,
      ...(entry.note === null ? {} : { note: { text: entry.note, html: escapeHtml(entry.note) } }),
      addedAt: entry.addedAt,
      paper: toPaperDetail(entry.paper, site),
    })),
  };
}
