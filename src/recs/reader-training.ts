// Trains and stores one reader's model from their current signals: positives are the papers they
// saved, upvoted or marked "more like this" (most recent first, capped, older ones weigh less);
// negatives are the papers marked "not interested" and a seeded sample of the corpus. Called at
// request time when the stored model is stale (recommend.ts) and by the retraining job.

import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { seededRandom } from '../lib/seeded-random.js';
import { type EmbeddingModel, getActiveModel } from '../store/embeddings.js';
import { existingPaperIds, paperIdRange } from '../store/reader-candidates.js';
import { getReaderModel, saveReaderModel } from '../store/reader-models.js';
import { type ReaderSignals, readerSignals } from '../store/reader-signals.js';
import { loadPaperFeatures } from './paper-features.js';
import { type ReaderModel, type TrainingExample, trainReaderModel } from './reader-model.js';
import { serializeReaderModel } from './reader-model-codec.js';

/** Positives used per reader (the most recent): bounds training cost whatever a reader has saved. */
export const MAX_POSITIVES = 200;
/** Corpus papers sampled as negatives. */
export const SAMPLED_NEGATIVES = 400;
/** "Not interested" papers used as negatives (the most recent). */
export const MAX_NOT_INTERESTED = 200;
/** A "not interested" paper says more than a random one: it was shown and turned down. */
const NOT_INTERESTED_WEIGHT = 3;
/** A positive's weight halves every this many days, down to RECENCY_FLOOR: tastes drift. */
const RECENCY_HALF_LIFE_DAYS = 180;
const RECENCY_FLOOR = 0.25;

export interface PositiveSignal {
  paperId: number;
  at: string;
}

/** The distinct papers the reader likes (saved, upvoted, "more"), most recent signal first. */
export function positivePapers(signals: ReaderSignals): PositiveSignal[] {
  const latest = new Map<number, string>();
  const note = (paperId: number, at: string) => {
    const seen = latest.get(paperId);
    if (seen === undefined || at > seen) latest.set(paperId, at);
  };
  for (const s of signals.saved) note(s.paperId, s.at);
  for (const s of signals.upvoted) note(s.paperId, s.at);
  for (const f of signals.feedback) if (f.kind === 'more') note(f.paperId, f.at);
  // A paper saved and later marked "not interested" is not a positive any more.
  for (const f of signals.feedback) if (f.kind === 'less') latest.delete(f.paperId);
  return [...latest]
    .map(([paperId, at]) => ({ paperId, at }))
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : b.paperId - a.paperId))
    .slice(0, MAX_POSITIVES);
}

export function recencyWeight(at: string, now: Date): number {
  const ageDays = Math.max(0, (now.getTime() - Date.parse(at)) / 86_400_000);
  return Math.max(RECENCY_FLOOR, 0.5 ** (ageDays / RECENCY_HALF_LIFE_DAYS));
}

/**
 * `count` ids of corpus papers drawn with a seeded generator (the same reader and signals give the
 * same sample, so training is reproducible), none of `exclude`.
 */
export async function sampleNegativeIds(
  db: Kysely<Database>,
  count: number,
  seed: number,
  exclude: ReadonlySet<number>,
): Promise<number[]> {
  const range = await paperIdRange(db);
  if (!range || count === 0) return [];
  const random = seededRandom(seed);
  const span = range.max - range.min + 1;
  const drawn = new Set<number>();
  // Ids are dense (autoincrement) apart from deletions, so twice the draws leaves enough that exist.
  for (let i = 0; i < count * 2 && drawn.size < span; i++) drawn.add(range.min + Math.floor(random() * span));
  const existing = await existingPaperIds(db, [...drawn]);
  return existing.filter((id) => !exclude.has(id)).slice(0, count);
}

export interface TrainedReader {
  model: ReaderModel;
  trainedVersion: number;
}

/**
 * Trains the reader's model from their current signals and stores it; undefined when the reader has
 * no positive papers (follows alone need no model).
 */
export async function trainAndStoreReaderModel(
  db: Kysely<Database>,
  userId: number,
  now: Date,
  active?: EmbeddingModel | null,
): Promise<TrainedReader | undefined> {
  // Read the version before the signals: a signal written meanwhile leaves the model stale, not lost.
  const trainedVersion = (await getReaderModel(db, userId))?.signalVersion ?? 0;
  const embedding = active === undefined ? await getActiveModel(db) : (active ?? undefined);
  const signals = await readerSignals(db, userId, { limit: MAX_POSITIVES });
  const model = await trainFromSignals(db, signals, { seed: userId * 7919 + trainedVersion, now, embedding });
  // Without positives there is nothing to learn; storing that (a null model) at this version keeps the
  // retraining job from picking the reader up again until the signals change.
  await saveReaderModel(db, userId, {
    trainedVersion,
    model: model ? serializeReaderModel(model) : null,
    modelKey: model?.modelKey ?? null,
    now: now.toISOString(),
  });
  return model ? { model, trainedVersion } : undefined;
}

export async function trainFromSignals(
  db: Kysely<Database>,
  signals: ReaderSignals,
  options: { seed: number; now: Date; embedding: EmbeddingModel | undefined },
): Promise<ReaderModel | undefined> {
  const positives = positivePapers(signals);
  if (positives.length === 0) return undefined;
  const notInterested = signals.feedback
    .filter((f) => f.kind === 'less')
    .slice(0, MAX_NOT_INTERESTED)
    .map((f) => f.paperId);
  const known = new Set([...positives.map((p) => p.paperId), ...signals.feedback.map((f) => f.paperId)]);
  const sampled = await sampleNegativeIds(db, SAMPLED_NEGATIVES, options.seed, known);
  const features = await loadPaperFeatures(db, options.embedding?.id, [
    ...positives.map((p) => p.paperId),
    ...notInterested,
    ...sampled,
  ]);
  const examples: TrainingExample[] = [];
  const add = (paperId: number, label: 0 | 1, weight: number) => {
    const paper = features.get(paperId);
    if (paper) examples.push({ features: paper, label, weight });
  };
  for (const p of positives) add(p.paperId, 1, recencyWeight(p.at, options.now));
  for (const id of notInterested) add(id, 0, NOT_INTERESTED_WEIGHT);
  for (const id of sampled) add(id, 0, 1);
  const model = trainReaderModel(examples, options.embedding?.modelKey ?? null);
  model.trainedOn = {
    positives: positives.length,
    negatives: notInterested.length + sampled.length,
    sampled: sampled.length,
    notInterested: notInterested.length,
  };
  return model;
}
