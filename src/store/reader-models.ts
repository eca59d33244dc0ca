// Readers' trained recommendation models (one row per reader, JSON weights), the version counters
// that say whether each is current, and the "wanted" mark a request leaves on a stale one. Written by
// recs/ after training and by requests (the mark), scanned by the retraining job.

import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.js';

export interface StoredReaderModel {
  userId: number;
  signalVersion: number;
  trainedVersion: number;
  /** The model's JSON (recs/reader-model.ts); null when never trained. */
  model: string | null;
  modelKey: string | null;
  trainedAt: string | null;
  /** When a request found the model stale and asked for it to be retrained; null otherwise. */
  wantedAt: string | null;
}

export interface ReaderModelSummary {
  signalVersion: number;
  trainedVersion: number;
  isCurrent: boolean;
  trainedAt: string | null;
  /** The embedding model the weights apply to. */
  modelKey: string | null;
  /** What the model was trained on (counts), when the stored JSON says. */
  trainedOn: Record<string, number> | null;
}

export async function getReaderModel(
  db: Kysely<Database>,
  userId: number,
): Promise<StoredReaderModel | undefined> {
  return (await getReaderModels(db, [userId])).get(userId);
}

/** Several readers' stored models in one statement (a digest run's claimed batch); absent: none. */
export async function getReaderModels(
  db: Kysely<Database>,
  userIds: readonly number[],
): Promise<Map<number, StoredReaderModel>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('reader_models')
    .selectAll()
    .where('user_id', 'in', [...userIds])
    .execute();
  return new Map(
    rows.map((row) => [
      row.user_id,
      {
        userId: row.user_id,
        signalVersion: Number(row.signal_version),
        trainedVersion: Number(row.trained_version),
        model: row.model,
        modelKey: row.model_key,
        trainedAt: row.trained_at,
        wantedAt: row.wanted_at,
      },
    ]),
  );
}

/**
 * Asks the retraining job to retrain the reader's model soon (requests never train). Only the first
 * ask counts: the mark keeps its time, so readers are served in the order they asked, and a reader
 * reloading the page costs no write. A reader without a row (their model data was deleted, their
 * lists were not) gets one, stale, so the job finds them.
 */
export async function markReaderModelWanted(db: Kysely<Database>, userId: number, now: Date): Promise<void> {
  const at = now.toISOString();
  await db
    .insertInto('reader_models')
    .values({ user_id: userId, signal_version: 1, trained_version: 0, signal_at: at, wanted_at: at })
    .onConflict((oc) =>
      oc.column('user_id').doUpdateSet({ wanted_at: at }).where('reader_models.wanted_at', 'is', null),
    )
    .execute();
}

/**
 * Stores a model trained from the signals at `trainedVersion` (null: those signals need no model, e.g.
 * follows only). A model trained from older signals than the stored one (two trainings racing) does
 * not replace it.
 */
export async function saveReaderModel(
  db: Kysely<Database>,
  userId: number,
  trained: { trainedVersion: number; model: string | null; modelKey: string | null; now: string },
): Promise<void> {
  await db
    .insertInto('reader_models')
    .values({
      user_id: userId,
      signal_version: trained.trainedVersion,
      trained_version: trained.trainedVersion,
      signal_at: trained.now,
      model: trained.model,
      model_key: trained.modelKey,
      trained_at: trained.now,
    })
    .onConflict((oc) =>
      oc
        .column('user_id')
        .doUpdateSet({
          trained_version: trained.trainedVersion,
          model: trained.model,
          model_key: trained.modelKey,
          trained_at: trained.now,
          // Answered, unless a signal came in while training: then the reader still waits, first.
          wanted_at: sql<
            string | null
          >`case when reader_models.signal_version <= ${trained.trainedVersion} then null else reader_models.wanted_at end`,
        })
        .where('reader_models.trained_version', '<=', trained.trainedVersion),
    )
    .execute();
}

/**
 * Readers whose stored model is stale: signals changed since it was trained, or it was trained over
 * another embedding model's vectors (`modelKey`: the active one's, null without). Readers a request
 * asked for come first (oldest ask first), then the rest by oldest signal change, so none starves.
 */
export async function listStaleReaders(
  db: Kysely<Database>,
  options: { modelKey: string | null; limit: number },
): Promise<number[]> {
  const stale = db
    .selectFrom('reader_models')
    .select('user_id')
    .where((eb) =>
      eb.or([
        eb('trained_version', '<', eb.ref('signal_version')),
        eb.and([
          eb('model', 'is not', null),
          options.modelKey === null
            ? eb('model_key', 'is not', null)
            : eb.or([eb('model_key', 'is', null), eb('model_key', '!=', options.modelKey)]),
        ]),
      ]),
    );
  // Two queries, each walking its own index (wanted_at, signal_at), rather than one sort of every row.
  const wanted = await stale
    .where('wanted_at', 'is not', null)
    .orderBy('wanted_at')
    .orderBy('user_id')
    .limit(options.limit)
    .execute();
  const rest =
    wanted.length < options.limit
      ? await stale
          .where('wanted_at', 'is', null)
          .orderBy('signal_at')
          .orderBy('user_id')
          .limit(options.limit - wanted.length)
          .execute()
      : [];
  return [...wanted, ...rest].map((r) => r.user_id);
}

export async function readerModelSummary(
  db: Kysely<Database>,
  userId: number,
): Promise<ReaderModelSummary | null> {
  const stored = await getReaderModel(db, userId);
  if (!stored) return null;
  return {
    signalVersion: stored.signalVersion,
    trainedVersion: stored.trainedVersion,
    isCurrent: stored.model !== null && stored.trainedVersion === stored.signalVersion,
    trainedAt: stored.trainedAt,
    modelKey: stored.modelKey,
    trainedOn: trainedOnOf(stored.model),
  };
}

function trainedOnOf(model: string | null): Record<string, number> | null {
  if (model === null) return null;
  try {
    const parsed = JSON.parse(model) as { trainedOn?: unknown };
    const on = parsed.trainedOn;
    if (typeof on !== 'object' || on === null) return null;
    return Object.fromEntries(Object.entries(on).filter(([, v]) => typeof v === 'number')) as Record<
      string,
      number
    >;
  } catch {
    // A model stored by an older format is retrained on the next request; the summary just omits it.
    return null;
  }
}
