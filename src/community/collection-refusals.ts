// Why a change to a reading list was refused, as a status and a message for the reader: one table for
// the web forms (web/routes/collections.tsx) and the token API (api/collection-write-routes.ts).

import { MAX_COLLECTION_PAPERS, MAX_COLLECTIONS_PER_READER } from '../model/collection.js';
import type { CollectionChange } from '../store/collections.js';

export const COLLECTION_REFUSALS: Record<
  Exclude<CollectionChange, { ok: true }>['reason'],
  [400 | 404 | 409, string]
> = {
  name_taken: [409, 'You already have a list with that name; pick it, or choose another name.'],
  too_many: [
    400,
    `A reader can have at most ${MAX_COLLECTIONS_PER_READER} lists; delete one to make another.`,
  ],
  full: [400, `A list holds at most ${MAX_COLLECTION_PAPERS} papers; make another list for more.`],
  not_found: [404, 'There is no such reading list.'],
};
