// The papers' bodies from arXiv's HTML rendering, as Markdown: read by the paper's Markdown form and
// written once per paper version by ingest/full-text.ts (a null body: arXiv has no HTML for it).
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

export interface StoredFullText {
  version: number | null;
  /** Null when arXiv had no HTML rendering. */
  markdown: string | null;
  fetchedAt: string;
}

export async function getFullText(
  db: Kysely<Database>,
  paperId: number,
): Promise<StoredFullText | undefined> {
  const row = await db
    .selectFrom('paper_full_texts')
    .select(['version', 'markdown', 'fetched_at'])
    .where('paper_id', '=', paperId)
    .executeTakeFirst();
  return row ? { version: row.version, markdown: row.markdown, fetchedAt: row.fetched_at } : undefined;
}

/** Stores (or replaces) a paper's body; the last instance to fetch it wins, with the same text. */
export async function saveFullText(
  db: Kysely<Database>,
  paperId: number,
  text: StoredFullText,
): Promise<void> {
  const values = { version: text.version, markdown: text.markdown, fetched_at: text.fetchedAt };
  await db
    .insertInto('paper_full_texts')
    .values({ paper_id: paperId, ...values })
    .onConflict((oc) => oc.column('paper_id').doUpdateSet(values))
    .execute();
}
