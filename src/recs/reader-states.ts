// What ranking reads about readers — their signals, stored model and the features of their own
// papers — for many readers in a handful of statements. A digest run primes the loader with each
// claimed batch's accounts, so composing a digest reads nothing per reader; a request loads its one
// reader the same way. Called by recs/recommend.ts and digest/pipeline.ts.

import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { type EmbeddingModel, getActiveModel } from '../store/embeddings.js';
import { getReaderModels, type StoredReaderModel } from '../store/reader-models.js';
import { type ReaderSignals, readersSignals } from '../store/reader-signals.js';
import { loadPaperFeatures, type PaperFeatures } from './paper-features.js';
import { MAX_POSITIVES, positivePapers } from './reader-training.js';

export interface ReaderState {
  signals: ReaderSignals;
  stored: StoredReaderModel | undefined;
  active: EmbeddingModel | undefined;
  /** Features of the reader's positive and "not interested" papers (and maybe others'). */
  own: Map<number, PaperFeatures>;
}

export async function loadReaderStates(
  db: Kysely<Database>,
  userIds: readonly number[],
): Promise<Map<number, ReaderState>> {
  const [signals, models, active] = await Promise.all([
    readersSignals(db, userIds, { limit: MAX_POSITIVES }),
    getReaderModels(db, userIds),
    getActiveModel(db),
  ]);
  const ownIds = new Set<number>();
  for (const s of signals.values()) {
    for (const p of positivePapers(s)) ownIds.add(p.paperId);
    for (const f of s.feedback) if (f.kind === 'less') ownIds.add(f.paperId);
  }
  const own = await loadPaperFeatures(db, active?.id, [...ownIds]);
  return new Map(
    userIds.map((id) => [
      id,
      { signals: signals.get(id) as ReaderSignals, stored: models.get(id), active, own },
    ]),
  );
}

/** Reader states loaded a batch at a time: prime() with the readers about to be ranked, then load(). */
export class ReaderStateLoader {
  private readonly primed = new Map<number, Promise<ReaderState>>();

  constructor(private readonly db: Kysely<Database>) {}

  /** Starts loading these readers together; each load() of one of them then takes its share. */
  prime(userIds: readonly number[]): void {
    const fresh = [...new Set(userIds)].filter((id) => !this.primed.has(id));
    if (fresh.length === 0) return;
    const batch = loadReaderStates(this.db, fresh);
    // A failed batch is not kept: each reader's load() then reads on its own.
    batch.catch(() => undefined);
    for (const id of fresh) {
      this.primed.set(
        id,
        batch.then((states) => states.get(id) as ReaderState),
      );
    }
  }

  /** The reader's state: from the primed batch (once), else read now. */
  async load(userId: number): Promise<ReaderState> {
    const primed = this.primed.get(userId);
    this.primed.delete(userId);
    if (primed) {
      try {
        return await primed;
      } catch {
        // The batch failed; read this reader alone, and let that error (if any) reach the caller.
      }
    }
    return (await loadReaderStates(this.db, [userId])).get(userId) as ReaderState;
  }
}
