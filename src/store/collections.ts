// Readers' reading lists (collections) and the papers in them: create, rename/describe/publish,
// delete, add and remove papers, and the reads behind the list page, its exports and feeds, the
// owner's lists and the paper page's "save to a list" box. Who may do what is decided by the
// routes (web/authorize.ts); the limits on counts are checked here, inside the write transaction.

import type { Kysely } from 'kysely';
import type { DatabaseHandle } from '../db/connection.js';
import { preparedPerDatabase } from '../db/prepared-query.js';
import type { Database } from '../db/schema.js';
import type { CollectionInput } from '../model/collection.js';
import { getPapersByIds, MAX_LOOKUP_IDS } from './paper-lookups.js';
import type { PaperView } from './paper-reads.js';
import { bumpSignalVersion } from './reader-signals.js';
import { isUniqueViolation } from './users.js';
import { inWriteTransaction } from './write-transaction.js';

export interface Collection {
  id: number;
  ownerId: number;
  owner: { username: string; displayName: string; isBanned: boolean };
  name: string;
  description: string;
  isPublic: boolean;
  createdAt: string;
  updatedAt: string;
  paperCount: number;
}

export interface CollectionPaper {
  paper: PaperView;
  addedAt: string;
  /** The owner's note on the paper in this list (set through the API); null when none. */
  note: string | null;
}

export type CollectionChange =
  | { ok: true; id: number }
  | { ok: false; reason: 'name_taken' | 'too_many' | 'full' | 'not_found' };

function selectCollections(db: Kysely<Database>) {
  return db
    .selectFrom('collections')
    .innerJoin('users', 'users.id', 'collections.user_id')
    .select((eb) => [
      'collections.id',
      'collections.user_id',
      'collections.name',
      'collections.description',
      'collections.is_public',
      'collections.created_at',
      'collections.updated_at',
      'users.username',
      'users.display_name',
      'users.banned_at',
      eb
        .selectFrom('collection_papers')
        .select((inner) => inner.fn.countAll<number>().as('n'))
        .whereRef('collection_papers.collection_id', '=', 'collections.id')
        .as('paper_count'),
    ]);
}

type CollectionRow = Awaited<ReturnType<ReturnType<typeof selectCollections>['executeTakeFirstOrThrow']>>;

function toCollection(row: CollectionRow): Collection {
  return {
    id: row.id,
    ownerId: row.user_id,
    owner: { username: row.username, displayName: row.display_name, isBanned: row.banned_at !== null },
    name: row.name,
    description: row.description,
    isPublic: row.is_public === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    // PostgreSQL returns count(*) as a bigint string.
    paperCount: Number(row.paper_count ?? 0),
  };
}

export async function getCollection(db: Kysely<Database>, id: number): Promise<Collection | undefined> {
  const row = await selectCollections(db).where('collections.id', '=', id).executeTakeFirst();
  return row ? toCollection(row) : undefined;
}

/** A reader's lists, most recently changed first (so the list in use is the default choice). */
export async function listUserCollections(
  db: Kysely<Database>,
  userId: number,
  options: { isPublicOnly: boolean },
): Promise<Collection[]> {
  let query = selectCollections(db).where('collections.user_id', '=', userId);
  if (options.isPublicOnly) query = query.where('collections.is_public', '=', 1);
  const rows = await query
    .orderBy('collections.updated_at', 'desc')
    .orderBy('collections.id', 'desc')
    .execute();
  return rows.map(toCollection);
}

/** A reader's lists, most recently changed first, each saying whether it holds the paper. */
const readerListsForPaperQuery = preparedPerDatabase<
  Database,
  CollectionRow & { holds: number | boolean },
  { userId: number; paperId: number }
>((db, value) =>
  selectCollections(db)
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('collection_papers as held')
            .select('held.paper_id')
            .whereRef('held.collection_id', '=', 'collections.id')
            .where('held.paper_id', '=', value<number>('paperId')),
        )
        .as('holds'),
    )
    .where('collections.user_id', '=', value<number>('userId'))
    .orderBy('collections.updated_at', 'desc')
    .orderBy('collections.id', 'desc'),
);

/**
 * The paper page's "save to a list" box in one prepared query (it is on every signed-in paper view):
 * the reader's lists as listUserCollections gives them, and the ids of those holding the paper.
 */
export async function readerListsForPaper(
  db: Kysely<Database>,
  userId: number,
  paperId: number,
): Promise<{ collections: Collection[]; holding: Set<number> }> {
  const rows = await readerListsForPaperQuery(db).execute({ userId, paperId });
  return {
    collections: rows.map(toCollection),
    // SQLite answers exists() with 0/1, PostgreSQL with a boolean.
    holding: new Set(rows.filter((r) => Boolean(r.holds)).map((r) => r.id)),
  };
}

/** Which of a reader's lists hold a paper (for the paper page's box). */
export async function collectionsHoldingPaper(
  db: Kysely<Database>,
  userId: number,
  paperId: number,
): Promise<Set<number>> {
  const rows = await db
    .selectFrom('collection_papers')
    .innerJoin('collections', 'collections.id', 'collection_papers.collection_id')
    .select('collections.id')
    .where('collections.user_id', '=', userId)
    .where('collection_papers.paper_id', '=', paperId)
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** A list's papers (at most `limit`, up to MAX_LOOKUP_IDS), most recently added first. */
export async function listCollectionPapers(
  db: Kysely<Database>,
  collectionId: number,
  limit: number,
): Promise<CollectionPaper[]> {
  const rows = await db
    .selectFrom('collection_papers')
    .select(['paper_id', 'added_at', 'note'])
    .where('collection_id', '=', collectionId)
    .orderBy('added_at', 'desc')
    .orderBy('paper_id', 'desc')
    .limit(Math.min(limit, MAX_LOOKUP_IDS))
    .execute();
  const byPaper = new Map(rows.map((r) => [r.paper_id, r]));
  const papers = await getPapersByIds(
    db,
    rows.map((r) => r.paper_id),
  );
  return papers.map((paper) => ({
    paper,
    addedAt: byPaper.get(paper.id)?.added_at ?? '',
    note: byPaper.get(paper.id)?.note ?? null,
  }));
}

async function insertEntry(
  trx: Kysely<Database>,
  entry: { collectionId: number; paperId: number; now: string; maxPapers: number; note?: string | null },
): Promise<'added' | 'already' | 'full'> {
  const held = await trx
    .selectFrom('collection_papers')
    .select(['paper_id'])
    .where('collection_id', '=', entry.collectionId)
    .execute();
  if (held.some((r) => r.paper_id === entry.paperId)) return 'already';
  if (held.length >= entry.maxPapers) return 'full';
  await trx
    .insertInto('collection_papers')
    .values({
      collection_id: entry.collectionId,
      paper_id: entry.paperId,
      added_at: entry.now,
      note: entry.note ?? null,
    })
    .execute();
  await touchCollection(trx, entry.collectionId, entry.now);
  return 'added';
}

/**
 * A new list, with a first paper when one is given (the paper page's "new list" form). The count
 * per reader is checked in the same write transaction, so two quick submits cannot pass it together.
 */
export async function createCollection(
  database: DatabaseHandle,
  input: CollectionInput & { userId: number; now: string; maxPerReader: number; paperId?: number },
): Promise<CollectionChange> {
  try {
    return await inWriteTransaction(database, async (trx) => {
      const owned = await trx
        .selectFrom('collections')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('user_id', '=', input.userId)
        .executeTakeFirstOrThrow();
      if (Number(owned.n) >= input.maxPerReader) return { ok: false, reason: 'too_many' };
      const row = await trx
        .insertInto('collections')
        .values({
          user_id: input.userId,
          name: input.name,
          description: input.description,
          is_public: input.isPublic ? 1 : 0,
          created_at: input.now,
          updated_at: input.now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (input.paperId !== undefined) {
        // A new list holds nothing yet: no duplicate or capacity check needed.
        await trx
          .insertInto('collection_papers')
          .values({ collection_id: row.id, paper_id: input.paperId, added_at: input.now })
          .execute();
        await bumpSignalVersion(trx, input.userId, input.now);
      }
      return { ok: true, id: row.id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: 'name_taken' };
    throw error;
  }
}

export async function updateCollection(
  database: DatabaseHandle,
  change: CollectionInput & { id: number; now: string },
): Promise<CollectionChange> {
  try {
    const result = await database.db
      .updateTable('collections')
      .set({
        name: change.name,
        description: change.description,
        is_public: change.isPublic ? 1 : 0,
        updated_at: change.now,
      })
      .where('id', '=', change.id)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0
      ? { ok: true, id: change.id }
      : { ok: false, reason: 'not_found' };
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: 'name_taken' };
    throw error;
  }
}

/** Deletes a list and its entries (the papers stay); the owner's saved papers changed, a signal. */
export async function deleteCollection(db: Kysely<Database>, id: number, now: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const deleted = await trx
      .deleteFrom('collections')
      .where('id', '=', id)
      .returning('user_id')
      .executeTakeFirst();
    if (deleted) await bumpSignalVersion(trx, deleted.user_id, now);
    return deleted !== undefined;
  });
}

/**
 * Adds a paper (with an optional note) to a list, up to `maxPapers`. Adding one already there changes
 * nothing; `isAdded` says which happened (the web form ignores it, the API answers 409 as HF does).
 */
export async function addCollectionPaper(
  database: DatabaseHandle,
  entry: { collectionId: number; paperId: number; now: string; maxPapers: number; note?: string | null },
): Promise<{ ok: true; id: number; isAdded: boolean } | { ok: false; reason: 'full' }> {
  return inWriteTransaction(database, async (trx) => {
    const outcome = await insertEntry(trx, entry);
    return outcome === 'full'
      ? { ok: false, reason: 'full' }
      : { ok: true, id: entry.collectionId, isAdded: outcome === 'added' };
  });
}

/** Sets (or, with null, clears) the note on a paper in a list; false when the paper is not on it. */
export async function setCollectionPaperNote(
  database: DatabaseHandle,
  entry: { collectionId: number; paperId: number; note: string | null; now: string },
): Promise<boolean> {
  return inWriteTransaction(database, async (trx) => {
    const result = await trx
      .updateTable('collection_papers')
      .set({ note: entry.note })
      .where('collection_id', '=', entry.collectionId)
      .where('paper_id', '=', entry.paperId)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return false;
    await touchCollection(trx, entry.collectionId, entry.now);
    return true;
  });
}

/** Takes a paper off a list; false when it was not on it. */
export async function removeCollectionPaper(
  database: DatabaseHandle,
  entry: { collectionId: number; paperId: number; now: string },
): Promise<boolean> {
  return inWriteTransaction(database, async (trx) => {
    const result = await trx
      .deleteFrom('collection_papers')
      .where('collection_id', '=', entry.collectionId)
      .where('paper_id', '=', entry.paperId)
      .executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) return false;
    await touchCollection(trx, entry.collectionId, entry.now);
    return true;
  });
}

/**
 * A change to a list's papers makes it the reader's most recently changed list, and is a signal for
 * the owner's recommendations (saved papers are positives).
 */
async function touchCollection(trx: Kysely<Database>, collectionId: number, now: string): Promise<void> {
  const owner = await trx
    .updateTable('collections')
    .set({ updated_at: now })
    .where('id', '=', collectionId)
    .returning('user_id')
    .executeTakeFirst();
  if (owner) await bumpSignalVersion(trx, owner.user_id, now);
}
