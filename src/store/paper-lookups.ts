// Papers by store id, in the order asked for: the search surfaces (results page, search API and
// feeds, similar papers) get ids ranked by the search index and show the papers from here.

import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { type PaperView, toView } from './paper-reads.js';
import { toBoardEntry, toStoredPaper } from './paper-rows.js';

/** Generous for a page of results; keeps the `in (…)` list well under every driver's limits. */
export const MAX_LOOKUP_IDS = 500;

/**
 * The papers with these ids (versions not loaded), in the given order. Ids the store no longer has
 * (the index may trail the change log by a poll interval) are skipped; a repeated id appears once.
 */
export async function getPapersByIds(db: Kysely<Database>, ids: readonly number[]): Promise<PaperView[]> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return [];
  if (wanted.length > MAX_LOOKUP_IDS) throw new Error(`getPapersByIds: at most ${MAX_LOOKUP_IDS} ids`);
  const [rows, boards] = await Promise.all([
    db.selectFrom('papers').selectAll().where('id', 'in', wanted).execute(),
    db.selectFrom('board_entries').selectAll().where('paper_id', 'in', wanted).execute(),
  ]);
  const boardOf = new Map(boards.map((b) => [b.paper_id, b]));
  const byId = new Map(
    rows.map((row): [number, PaperView] => [
      row.id,
      toView(row, toStoredPaper(row, toBoardEntry(boardOf.get(row.id)))),
    ]),
  );
  return wanted.flatMap((id) => byId.get(id) ?? []);
}
