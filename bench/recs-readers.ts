// Synthetic "For you" readers for bench:recs and bench:digest: each an account with one interest (the
// primary category of a random real listing paper) and 5–30 of that category's papers saved in a
// private reading list, with the signal version those saves would have raised. Models:
// a few readers trained by the job's own function, timed; the rest get a copy of one of those, stored
// at their own signal version — ranking costs the same whatever the weights, training 10,000 would
// take an hour here.

import type { DatabaseHandle } from '../src/db/connection.js';
import { trainAndStoreReaderModel } from '../src/recs/reader-training.js';
import { getActiveModel } from '../src/store/embeddings.js';
import { getReaderModel, saveReaderModel } from '../src/store/reader-models.js';
import { seededRandom } from './synthetic-kaggle.js';

/** Board papers (not on `skipDay`, the day ranked) by primary category. */
async function papersByCategory(database: DatabaseHandle, skipDay: string): Promise<number[][]> {
  const rows = await database.db
    .selectFrom('board_entries')
    .innerJoin('papers', 'papers.id', 'board_entries.paper_id')
    .select(['papers.id', 'papers.categories'])
    .where('board_entries.board_date', '!=', skipDay)
    .execute();
  const groups = new Map<string, number[]>();
  for (const row of rows) {
    const primary = (JSON.parse(row.categories) as string[])[0] ?? '';
    const group = groups.get(primary);
    if (group) group.push(row.id);
    else groups.set(primary, [row.id]);
  }
  return [...groups.values()].filter((ids) => ids.length >= 30);
}

/**
 * Creates `count` readers with saved papers; returns their user ids. Rows are written in batches, in
 * the state the store's own calls leave them (account, private list, its papers, the signal version
 * raised once per paper): one call per paper took ~2.5 ms here, 20 minutes for 30,000 readers.
 */
export async function createBenchReaders(
  database: DatabaseHandle,
  options: { count: number; skipDay: string; emailPrefix: string; firstIndex?: number },
): Promise<number[]> {
  const groups = await papersByCategory(database, options.skipDay);
  const first = options.firstIndex ?? 0;
  const all = groups.flat();
  const random = seededRandom(97 + first);
  const now = new Date().toISOString();
  const ids: number[] = [];
  const batch = 500;
  for (let start = first; start < first + options.count; start += batch) {
    const size = Math.min(batch, first + options.count - start);
    const users = await database.db
      .insertInto('users')
      .values(
        Array.from({ length: size }, (_, i) => ({
          email: `${options.emailPrefix}${start + i}@bench.example.org`,
          username: `${options.emailPrefix}${start + i}`,
          display_name: `Reader ${start + i}`,
          password_hash: null,
          is_admin: 0,
          banned_at: null,
          created_at: now,
        })),
      )
      .returning('id')
      .execute();
    const lists = await database.db
      .insertInto('collections')
      .values(
        users.map((u) => ({
          user_id: u.id,
          name: 'Reading',
          is_public: 0,
          created_at: now,
          updated_at: now,
        })),
      )
      .returning(['id', 'user_id'])
      .execute();
    const saved: Array<{ collection_id: number; paper_id: number; added_at: string; note: null }> = [];
    const versions: Array<{
      user_id: number;
      signal_version: number;
      trained_version: number;
      signal_at: string;
    }> = [];
    for (const list of lists) {
      // An interest as common as its category: the primary category of a random paper.
      const anchor = all[Math.floor(random() * all.length)] as number;
      const group = groups.find((g) => g.includes(anchor)) ?? all;
      const papers = new Set<number>();
      const wanted = 5 + Math.floor(random() * 26);
      while (papers.size < wanted) papers.add(group[Math.floor(random() * group.length)] as number);
      for (const paperId of papers)
        saved.push({ collection_id: list.id, paper_id: paperId, added_at: now, note: null });
      versions.push({
        user_id: list.user_id,
        signal_version: papers.size,
        trained_version: 0,
        signal_at: now,
      });
    }
    for (let i = 0; i < saved.length; i += 2000) {
      await database.db
        .insertInto('collection_papers')
        .values(saved.slice(i, i + 2000))
        .execute();
    }
    await database.db.insertInto('reader_models').values(versions).execute();
    ids.push(...users.map((u) => u.id));
  }
  return ids;
}

/** Trains the first `trained` readers as the job does (timings in ms), copies their models to the rest. */
export async function modelBenchReaders(
  database: DatabaseHandle,
  readers: readonly number[],
  trained: number,
): Promise<number[]> {
  const active = await getActiveModel(database.db);
  const timings: number[] = [];
  const models: string[] = [];
  for (const userId of readers.slice(0, trained)) {
    const started = performance.now();
    await trainAndStoreReaderModel(database.db, userId, new Date(), active ?? null);
    timings.push(performance.now() - started);
    const stored = await getReaderModel(database.db, userId);
    if (stored?.model) models.push(stored.model);
  }
  const now = new Date().toISOString();
  for (const [i, userId] of readers.slice(trained).entries()) {
    const stored = await getReaderModel(database.db, userId);
    await saveReaderModel(database.db, userId, {
      trainedVersion: stored?.signalVersion ?? 0,
      model: models[i % models.length] ?? null,
      modelKey: active?.modelKey ?? null,
      now,
    });
  }
  return timings;
}
