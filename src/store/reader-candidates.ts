// The reads recommendations are computed from: which papers are on the board in a window, the text,
// categories and authors of papers (the reader model's lexical and category features), their stored
// vectors under the active embedding model, and a seeded sample of corpus papers (the negatives).
// Called by recs/.

import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

export interface RecsPaperText {
  id: number;
  arxivId: string;
  title: string;
  abstract: string;
  categories: string[];
  authors: string[];
}

// SQLite allows 32,766 bound parameters per statement; PostgreSQL 65,535.
const IDS_PER_STATEMENT = 5000;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Ids of the papers placed on the board on dates in [fromDate, toDate) (YYYY-MM-DD), newest placement
 * first, at most `limit` (withdrawn papers left out).
 */
export async function listBoardPaperIds(
  db: Kysely<Database>,
  window: { fromDate: string; toDate: string; limit: number },
): Promise<number[]> {
  const rows = await db
    .selectFrom('board_entries')
    .innerJoin('papers', 'papers.id', 'board_entries.paper_id')
    .select('board_entries.paper_id')
    .where('board_entries.board_date', '>=', window.fromDate)
    .where('board_entries.board_date', '<', window.toDate)
    .where('papers.is_withdrawn', '=', 0)
    .orderBy('board_entries.board_date', 'desc')
    .orderBy('board_entries.paper_id', 'desc')
    .limit(window.limit)
    .execute();
  return rows.map((r) => r.paper_id);
}

/** Title, abstract, categories and author names of the given papers (missing ids are absent). */
export async function getRecsPaperTexts(
  db: Kysely<Database>,
  ids: readonly number[],
): Promise<RecsPaperText[]> {
  const out: RecsPaperText[] = [];
  for (const part of chunks([...new Set(ids)], IDS_PER_STATEMENT)) {
    const rows = await db
      .selectFrom('papers')
      .select(['id', 'arxiv_id', 'title', 'abstract', 'categories', 'authors'])
      .where('id', 'in', part)
      .execute();
    for (const r of rows) {
      out.push({
        id: r.id,
        arxivId: r.arxiv_id,
        title: r.title,
        abstract: r.abstract,
        categories: JSON.parse(r.categories) as string[],
        authors: (JSON.parse(r.authors) as Array<{ name: string }>).map((a) => a.name),
      });
    }
  }
  return out;
}

/** Stored (packed) vectors of the given papers under one embedding model; papers without one are absent. */
export async function getPaperVectors(
  db: Kysely<Database>,
  modelId: number,
  ids: readonly number[],
): Promise<Map<number, Uint8Array>> {
  const out = new Map<number, Uint8Array>();
  for (const part of chunks([...new Set(ids)], IDS_PER_STATEMENT)) {
    const rows = await db
      .selectFrom('paper_vectors')
      .select(['paper_id', 'vector'])
      .where('model_id', '=', modelId)
      .where('paper_id', 'in', part)
      .where('vector', 'is not', null)
      .execute();
    for (const r of rows) if (r.vector) out.set(r.paper_id, r.vector);
  }
  return out;
}

/** The lowest and highest paper ids (the range negatives are drawn from); undefined for an empty store. */
export async function paperIdRange(db: Kysely<Database>): Promise<{ min: number; max: number } | undefined> {
  const row = await db
    .selectFrom('papers')
    .select((eb) => [eb.fn.min('id').as('min'), eb.fn.max('id').as('max')])
    .executeTakeFirst();
  if (row?.min == null || row.max == null) return undefined;
  return { min: Number(row.min), max: Number(row.max) };
}

/** Which of the given ids are papers that are not withdrawn. */
export async function existingPaperIds(db: Kysely<Database>, ids: readonly number[]): Promise<number[]> {
  const out: number[] = [];
  for (const part of chunks([...new Set(ids)], IDS_PER_STATEMENT)) {
    const rows = await db
      .selectFrom('papers')
      .select('id')
      .where('id', 'in', part)
      .where('is_withdrawn', '=', 0)
      .execute();
    for (const r of rows) out.push(r.id);
  }
  return out;
}
