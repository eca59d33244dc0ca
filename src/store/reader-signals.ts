// A reader's private signals for "For you" recommendations: explicit feedback on papers, followed
// authors and categories, and the reads the reader model is trained from (saved papers, upvotes,
// feedback, follows). Every signal write raises the reader's signal version (also called from
// store/collections.ts and store/votes.ts) so the retraining job can find stale models. Export and
// deletion serve the reader's privacy controls. Called by recs/ and the web/API surfaces.

import type { Kysely } from 'kysely';
import type { Database, ReaderFeedbackKind, ReaderFollowKind } from '../db/schema.js';
import { type ReaderModelSummary, readerModelSummary } from './reader-models.js';

export type FeedbackKind = ReaderFeedbackKind;
export type FollowKind = ReaderFollowKind;

export interface FeedbackSignal {
  paperId: number;
  arxivId: string;
  title: string;
  kind: FeedbackKind;
  at: string;
}

export interface SavedSignal {
  paperId: number;
  arxivId: string;
  title: string;
  listId: number;
  listName: string;
  at: string;
}

export interface UpvoteSignal {
  paperId: number;
  arxivId: string;
  title: string;
  at: string;
}

export interface FollowSignal {
  kind: FollowKind;
  value: string;
  at: string;
}

export interface ReaderSignals {
  saved: SavedSignal[];
  upvoted: UpvoteSignal[];
  feedback: FeedbackSignal[];
  follows: FollowSignal[];
}

/** Followed topics per reader: far more than anyone follows by hand, few enough to match cheaply. */
export const MAX_FOLLOWS = 500;
/** Longest author name or category accepted (the longest real author strings are under 100). */
export const MAX_FOLLOW_VALUE = 200;

/**
 * Marks the reader's signals as changed: the stored model (if any) is stale until retrained at the
 * new version. Call inside the transaction of the signal write, so the two commit together.
 */
export async function bumpSignalVersion(db: Kysely<Database>, userId: number, now: string): Promise<void> {
  await db
    .insertInto('reader_models')
    .values({ user_id: userId, signal_version: 1, trained_version: 0, signal_at: now })
    .onConflict((oc) =>
      oc.column('user_id').doUpdateSet((eb) => ({
        signal_version: eb('reader_models.signal_version', '+', 1),
        signal_at: now,
      })),
    )
    .execute();
}

/**
 * Sets (or with null clears) the reader's feedback on a paper: 'more' ("more like this") or 'less'
 * ("not interested"). Returns false when nothing changed (the version is then left alone).
 */
export async function setFeedback(
  db: Kysely<Database>,
  userId: number,
  paperId: number,
  kind: FeedbackKind | null,
  now: string,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    let changed: boolean;
    if (kind === null) {
      const result = await trx
        .deleteFrom('reader_feedback')
        .where('user_id', '=', userId)
        .where('paper_id', '=', paperId)
        .executeTakeFirst();
      changed = Number(result.numDeletedRows) > 0;
    } else {
      const result = await trx
        .insertInto('reader_feedback')
        .values({ user_id: userId, paper_id: paperId, kind, created_at: now })
        .onConflict((oc) =>
          oc
            .columns(['user_id', 'paper_id'])
            .doUpdateSet({ kind, created_at: now })
            .where('reader_feedback.kind', '!=', kind),
        )
        .executeTakeFirst();
      changed = Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    }
    if (changed) await bumpSignalVersion(trx, userId, now);
    return changed;
  });
}

/** The reader's feedback, newest first, with the papers' ids and titles. */
export async function listFeedback(db: Kysely<Database>, userId: number): Promise<FeedbackSignal[]> {
  return (await listFeedbackOf(db, [userId])).get(userId) ?? [];
}

async function listFeedbackOf(
  db: Kysely<Database>,
  userIds: readonly number[],
): Promise<Map<number, FeedbackSignal[]>> {
  const rows = await db
    .selectFrom('reader_feedback')
    .innerJoin('papers', 'papers.id', 'reader_feedback.paper_id')
    .select([
      'reader_feedback.user_id',
      'reader_feedback.paper_id',
      'papers.arxiv_id',
      'papers.title',
      'reader_feedback.kind',
      'reader_feedback.created_at',
    ])
    .where('reader_feedback.user_id', 'in', [...userIds])
    .orderBy('reader_feedback.created_at', 'desc')
    .orderBy('reader_feedback.paper_id', 'desc')
    .execute();
  return groupBy(
    rows,
    (r) => r.user_id,
    (r) => ({
      paperId: r.paper_id,
      arxivId: r.arxiv_id,
      title: r.title,
      kind: r.kind,
      at: r.created_at,
    }),
  );
}

/** Rows grouped by reader, in their order. */
function groupBy<R, T>(rows: readonly R[], key: (row: R) => number, map: (row: R) => T): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const row of rows) {
    const list = out.get(key(row));
    if (list) list.push(map(row));
    else out.set(key(row), [map(row)]);
  }
  return out;
}

/** The reader's feedback on some papers (for marking cards), by paper id. */
export async function feedbackOnPapers(
  db: Kysely<Database>,
  userId: number,
  paperIds: readonly number[],
): Promise<Map<number, FeedbackKind>> {
  if (paperIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('reader_feedback')
    .select(['paper_id', 'kind'])
    .where('user_id', '=', userId)
    .where('paper_id', 'in', [...paperIds])
    .execute();
  return new Map(rows.map((r) => [r.paper_id, r.kind]));
}

export type FollowChange = { ok: true; changed: boolean } | { ok: false; reason: 'too_many' | 'invalid' };

/** Follows an author (name as written on papers) or an arXiv category; following twice is a no-op. */
export async function followTopic(
  db: Kysely<Database>,
  userId: number,
  topic: { kind: FollowKind; value: string },
  now: string,
): Promise<FollowChange> {
  const value = topic.value.trim().replace(/\s+/g, ' ');
  if (value === '' || value.length > MAX_FOLLOW_VALUE) return { ok: false, reason: 'invalid' };
  return db.transaction().execute(async (trx) => {
    const held = await trx
      .selectFrom('reader_follows')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow();
    if (Number(held.n) >= MAX_FOLLOWS) return { ok: false, reason: 'too_many' } as const;
    const result = await trx
      .insertInto('reader_follows')
      .values({ user_id: userId, kind: topic.kind, value, created_at: now })
      .onConflict((oc) => oc.columns(['user_id', 'kind', 'value']).doNothing())
      .executeTakeFirst();
    const changed = Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    if (changed) await bumpSignalVersion(trx, userId, now);
    return { ok: true, changed } as const;
  });
}

/** Stops following a topic; false when it was not followed. */
export async function unfollowTopic(
  db: Kysely<Database>,
  userId: number,
  topic: { kind: FollowKind; value: string },
  now: string,
): Promise<boolean> {
  const value = topic.value.trim().replace(/\s+/g, ' ');
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .deleteFrom('reader_follows')
      .where('user_id', '=', userId)
      .where('kind', '=', topic.kind)
      .where('value', '=', value)
      .executeTakeFirst();
    const changed = Number(result.numDeletedRows) > 0;
    if (changed) await bumpSignalVersion(trx, userId, now);
    return changed;
  });
}

/** The reader's followed authors and categories, newest first. */
export async function listFollows(db: Kysely<Database>, userId: number): Promise<FollowSignal[]> {
  return (await listFollowsOf(db, [userId])).get(userId) ?? [];
}

async function listFollowsOf(
  db: Kysely<Database>,
  userIds: readonly number[],
): Promise<Map<number, FollowSignal[]>> {
  const rows = await db
    .selectFrom('reader_follows')
    .select(['user_id', 'kind', 'value', 'created_at'])
    .where('user_id', 'in', [...userIds])
    .orderBy('created_at', 'desc')
    .orderBy('kind')
    .orderBy('value')
    .execute();
  return groupBy(
    rows,
    (r) => r.user_id,
    (r) => ({ kind: r.kind, value: r.value, at: r.created_at }),
  );
}

/**
 * Everything the reader model learns from, newest first per kind. `limit` caps saved papers and
 * upvotes each (the model uses the most recent ones; export asks for all).
 */
export async function readerSignals(
  db: Kysely<Database>,
  userId: number,
  options: { limit?: number } = {},
): Promise<ReaderSignals> {
  return (await readersSignals(db, [userId], options)).get(userId) as ReaderSignals;
}

/**
 * readerSignals for several readers in four statements (a digest run reads a claimed batch's readers
 * at once); every reader asked for is in the map.
 */
export async function readersSignals(
  db: Kysely<Database>,
  userIds: readonly number[],
  options: { limit?: number } = {},
): Promise<Map<number, ReaderSignals>> {
  const out = new Map<number, ReaderSignals>(
    userIds.map((id) => [id, { saved: [], upvoted: [], feedback: [], follows: [] }]),
  );
  if (userIds.length === 0) return out;
  const ids = [...new Set(userIds)];
  const [saved, upvoted, feedback, follows] = await Promise.all([
    db
      .selectFrom('collection_papers')
      .innerJoin('collections', 'collections.id', 'collection_papers.collection_id')
      .innerJoin('papers', 'papers.id', 'collection_papers.paper_id')
      .select([
        'collections.user_id',
        'collection_papers.paper_id',
        'papers.arxiv_id',
        'papers.title',
        'collections.id as list_id',
        'collections.name as list_name',
        'collection_papers.added_at',
      ])
      .where('collections.user_id', 'in', ids)
      .orderBy('collection_papers.added_at', 'desc')
      .orderBy('collection_papers.paper_id', 'desc')
      .execute(),
    db
      .selectFrom('votes')
      .innerJoin('papers', 'papers.id', 'votes.paper_id')
      .select(['votes.user_id', 'votes.paper_id', 'papers.arxiv_id', 'papers.title', 'votes.created_at'])
      .where('votes.user_id', 'in', ids)
      .orderBy('votes.created_at', 'desc')
      .orderBy('votes.paper_id', 'desc')
      .execute(),
    listFeedbackOf(db, ids),
    listFollowsOf(db, ids),
  ]);
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  for (const r of saved) {
    const signals = out.get(r.user_id) as ReaderSignals;
    if (signals.saved.length >= limit) continue;
    signals.saved.push({
      paperId: r.paper_id,
      arxivId: r.arxiv_id,
      title: r.title,
      listId: r.list_id,
      listName: r.list_name,
      at: r.added_at,
    });
  }
  for (const r of upvoted) {
    const signals = out.get(r.user_id) as ReaderSignals;
    if (signals.upvoted.length >= limit) continue;
    signals.upvoted.push({ paperId: r.paper_id, arxivId: r.arxiv_id, title: r.title, at: r.created_at });
  }
  for (const [userId, list] of feedback) (out.get(userId) as ReaderSignals).feedback = list;
  for (const [userId, list] of follows) (out.get(userId) as ReaderSignals).follows = list;
  return out;
}

export interface ReaderDataExport extends ReaderSignals {
  /** What the stored model is, without its weights (numbers that mean nothing to a reader). */
  model: ReaderModelSummary | null;
}

/** All of the reader's signals and a summary of their model, ready for JSON.stringify. */
export async function exportReaderData(db: Kysely<Database>, userId: number): Promise<ReaderDataExport> {
  const [signals, model] = await Promise.all([readerSignals(db, userId), readerModelSummary(db, userId)]);
  return { ...signals, model };
}

/**
 * Deletes the reader's feedback, follows and model (not their lists or votes, which are public-facing
 * features of their own). Deleting the account removes all of it too, by ON DELETE CASCADE.
 */
export async function deleteReaderData(db: Kysely<Database>, userId: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('reader_feedback').where('user_id', '=', userId).execute();
    await trx.deleteFrom('reader_follows').where('user_id', '=', userId).execute();
    await trx.deleteFrom('reader_models').where('user_id', '=', userId).execute();
  });
}
