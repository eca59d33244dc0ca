// The categories of the papers on a board period, most common first: the choices of the board
// page's category filter (web/routes/board.tsx), so it offers only categories that narrow to papers.

import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

export interface CategoryCount {
  category: string;
  count: number;
}

/**
 * Counted in JS from the JSON column: a month board holds a few thousand papers, and a JSON table
 * function differs between the dialects (json_each, jsonb_array_elements_text) for no gain here.
 */
export async function listBoardCategories(
  db: Kysely<Database>,
  period: { from: string; to: string },
  limit: number,
): Promise<CategoryCount[]> {
  const rows = await db
    .selectFrom('board_entries')
    .innerJoin('papers', 'papers.id', 'board_entries.paper_id')
    .select('papers.categories')
    .where('board_entries.board_date', '>=', period.from)
    .where('board_entries.board_date', '<=', period.to)
    .execute();
  const counts = new Map<string, number>();
  for (const row of rows) {
    for (const category of new Set(JSON.parse(row.categories) as string[])) {
      counts.set(category, (counts.get(category) ?? 0) + 1);
    }
  }
  return [...counts]
    .map(([category, count]) => ({ category, count }))
    .sort((a, b) => b.count - a.count || a.category.localeCompare(b.category))
    .slice(0, limit);
}
