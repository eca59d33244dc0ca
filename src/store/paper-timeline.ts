// Every paper, newest arXiv publication first, a page at a time by keyset (the last row's published
// time and id), so deep pages cost what the first does and papers added meanwhile never shift a page.
// Papers without a publication time come last. Called by the API's `GET /api/papers`.

import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { getPapersByIds } from './paper-lookups.js';
import type { PaperView } from './paper-reads.js';

/** Where the previous page ended: its last paper's publication time (null: undated) and id. */
export interface TimelinePosition {
  publishedAt: string | null;
  id: number;
}

export interface TimelinePage {
  items: PaperView[];
  /** Where the next page starts; absent on the last page. */
  next?: TimelinePosition;
}

export async function listPapersByPublished(
  db: Kysely<Database>,
  query: { after?: TimelinePosition; limit: number },
): Promise<TimelinePage> {
  const after = query.after;
  let select = db.selectFrom('papers').select(['id', 'published_at']);
  if (after && after.publishedAt !== null) {
    const at = after.publishedAt;
    select = select.where((eb) =>
      eb.or([
        eb('published_at', '<', at),
        eb.and([eb('published_at', '=', at), eb('id', '<', after.id)]),
        eb('published_at', 'is', null),
      ]),
    );
  } else if (after) {
    select = select.where('published_at', 'is', null).where('id', '<', after.id);
  }
  // One row more than asked tells whether there is a next page.
  const rows = await select
    .orderBy('published_at', (ob) => ob.desc().nullsLast())
    .orderBy('id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const items = await getPapersByIds(
    db,
    page.map((r) => r.id),
  );
  const last = page.at(-1);
  return rows.length > query.limit && last
    ? { items, next: { publishedAt: last.published_at, id: last.id } }
    : { items };
}
