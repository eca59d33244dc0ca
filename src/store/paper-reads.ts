// Read queries over papers and the board: one paper with its history, a board period sorted by
// upvotes, and the neighbouring board dates for previous/next navigation. Web, API and feeds call these.

import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.js';
import type { StoredPaper } from '../model/stored-paper.js';
import { type PaperRow, toBoardEntry, toStoredPaper } from './paper-rows.js';

export interface PaperView extends StoredPaper {
  id: number;
  firstSeenAt: string;
  modifiedAt: string;
  /** The board placement's trending score (board listings only). */
  trendingScore?: number;
  /**
   * Of `numComments` (HF's meaning: its count plus this hub's readers' comments), those counted by
   * the source the paper was imported from (Hugging Face's discussion), which pages cannot show.
   */
  importedComments: number;
}

/** What readers see: upvotes count the imported ones and this hub's readers' votes together. */
export function toView(row: PaperRow, paper: StoredPaper): PaperView {
  return {
    ...paper,
    upvotes: paper.upvotes + row.community_votes,
    numComments: paper.numComments + row.community_comments,
    importedComments: paper.numComments,
    id: row.id,
    firstSeenAt: row.first_seen_at,
    modifiedAt: row.modified_at,
  };
}

export async function getPaper(db: Kysely<Database>, arxivId: string): Promise<PaperView | undefined> {
  const row = await db.selectFrom('papers').selectAll().where('arxiv_id', '=', arxivId).executeTakeFirst();
  if (!row) return undefined;
  const board = await db
    .selectFrom('board_entries')
    .selectAll()
    .where('paper_id', '=', row.id)
    .executeTakeFirst();
  return toView(row, toStoredPaper(row, toBoardEntry(board)));
}

export interface BoardQuery {
  /** First board date, inclusive (YYYY-MM-DD); none: from the first. */
  from?: string;
  /** Last board date, inclusive; none: to the last. */
  to?: string;
  limit: number;
  offset: number;
  /**
   * Most upvoted first (the default), by trending score (model/trending.ts), or newest arXiv
   * publication first (`publishedAt`, HF's name for it).
   */
  order?: 'upvotes' | 'trending' | 'publishedAt';
  /** Only the papers this person put on the board (their username). */
  submitter?: string;
  /** Only papers listed in this arXiv category (normalised, e.g. `cs.CV`; no wildcards). */
  category?: string;
}

export interface BoardPage {
  items: PaperView[];
  total: number;
}

/** Papers placed on the board between two dates, most upvoted (or trending) first. */
export async function listBoard(db: Kysely<Database>, query: BoardQuery): Promise<BoardPage> {
  let inPeriod = db.selectFrom('board_entries');
  if (query.from !== undefined) inPeriod = inPeriod.where('board_date', '>=', query.from);
  if (query.to !== undefined) inPeriod = inPeriod.where('board_date', '<=', query.to);
  if (query.submitter !== undefined) inPeriod = inPeriod.where('submitted_by', '=', query.submitter);
  if (query.category !== undefined)
    inPeriod = inPeriod.where('paper_id', 'in', papersInCategory(db, query.category));
  let ordered = inPeriod.innerJoin('papers', 'papers.id', 'board_entries.paper_id');
  if (query.order === 'trending') ordered = ordered.orderBy('board_entries.trending_score', 'desc');
  if (query.order === 'publishedAt')
    ordered = ordered.orderBy('papers.published_at', (ob) => ob.desc().nullsLast());
  const [rows, count] = await Promise.all([
    ordered
      .selectAll('papers')
      .select([
        'board_entries.board_date',
        'board_entries.submitted_at as board_submitted_at',
        'board_entries.submitted_by',
        'board_entries.submitter_fullname',
        'board_entries.submitter_avatar_url',
        'board_entries.source',
        'board_entries.paper_id',
        'board_entries.trending_score',
      ])
      // NULLS LAST explicitly: SQLite and PostgreSQL disagree on where NULLs sort by default.
      .orderBy(sql`papers.upvotes + papers.community_votes`, 'desc')
      .orderBy('board_entries.submitted_at', (ob) => ob.desc().nullsLast())
      .orderBy('papers.arxiv_id', 'desc')
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
    inPeriod.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const items = rows.map((row) => {
    const board = toBoardEntry({
      paper_id: row.paper_id,
      board_date: row.board_date,
      submitted_at: row.board_submitted_at,
      submitted_by: row.submitted_by,
      submitter_fullname: row.submitter_fullname,
      submitter_avatar_url: row.submitter_avatar_url,
      source: row.source,
      trending_score: row.trending_score,
    });
    return { ...toView(row, toStoredPaper(row, board)), trendingScore: row.trending_score };
  });
  return { items, total: Number(count.n) };
}

/**
 * Ids of papers listed in a category. `categories` is a JSON array in a text column on both dialects,
 * and a category appears in it as `"cs.CV"` with its quotes, so LIKE matches it exactly; callers pass
 * a normalised category (letters, digits, dots and hyphens only), so it holds no LIKE wildcard.
 */
function papersInCategory(db: Kysely<Database>, category: string) {
  return db
    .selectFrom('papers')
    .select('id')
    .where('categories', 'like', `%${JSON.stringify(category)}%`);
}

/** The most recent date that has papers on the board. */
export async function latestBoardDate(db: Kysely<Database>): Promise<string | undefined> {
  const row = await db
    .selectFrom('board_entries')
    .select((eb) => eb.fn.max('board_date').as('d'))
    .executeTakeFirst();
  return row?.d ?? undefined;
}

/** The nearest board dates with papers before `from` and after `to`, for previous/next links. */
export async function adjacentBoardDates(
  db: Kysely<Database>,
  from: string,
  to: string,
): Promise<{ previous?: string; next?: string }> {
  const [before, after] = await Promise.all([
    db
      .selectFrom('board_entries')
      .select((eb) => eb.fn.max('board_date').as('d'))
      .where('board_date', '<', from)
      .executeTakeFirst(),
    db
      .selectFrom('board_entries')
      .select((eb) => eb.fn.min('board_date').as('d'))
      .where('board_date', '>', to)
      .executeTakeFirst(),
  ]);
  const result: { previous?: string; next?: string } = {};
  if (before?.d) result.previous = before.d;
  if (after?.d) result.next = after.d;
  return result;
}

export async function countPapers(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('papers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Ids of the papers a reader put on the board, most recent placement first. */
export async function listSubmittedPaperIds(
  db: Kysely<Database>,
  username: string,
  limit: number,
): Promise<number[]> {
  const rows = await db
    .selectFrom('board_entries')
    .select('paper_id')
    .where('source', '=', 'submission')
    .where('submitted_by', '=', username)
    .orderBy('board_date', 'desc')
    .orderBy('submitted_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.paper_id);
}

/** How many papers a reader put on the board of one day. */
export async function countSubmissions(db: Kysely<Database>, username: string, day: string): Promise<number> {
  const row = await db
    .selectFrom('board_entries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('source', '=', 'submission')
    .where('submitted_by', '=', username)
    .where('board_date', '=', day)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
