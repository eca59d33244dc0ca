// Synthetic "For you" readers for bench:recs and bench:digest: each an account with one interest (the
// primary category of a random real listing paper) and 5–30 of that category's papers saved in a
// reading list through the real store calls (so signal versions move as in production). Models:
// a few readers trained by the job's own function, timed; the rest get a copy of one of those, stored
// at their own signal version — ranking costs the same whatever the weights, training 10,000 would
// take an hour here.

import type { DatabaseHandle } from '../src/db/connection.js';
import { trainAndStoreReaderModel } from '../src/recs/reader-training.js';
import { addCollectionPaper, createCollection } from '../src/store/collections.js';
import { getActiveModel } from '../src/store/embeddings.js';
import { getReaderModel, saveReaderModel } from '../src/store/reader-models.js';
import { createUser } from '../src/store/users.js';
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

/** Creates `count` readers with saved papers; returns their user ids. */
export async function createBenchReaders(
  database: DatabaseHandle,
  options: { count: number; skipDay: string; emailPrefix: string },
): Promise<number[]> {
  const groups = await papersByCategory(database, options.skipDay);
  const all = groups.flat();
  const random = seededRandom(97);
  const now = new Date().toISOString();
  const ids: number[] = [];
  for (let i = 0; i < options.count; i++) {
    const user = await createUser(database.db, {
      email: `${options.emailPrefix}${i}@bench.example.org`,
      usernameBase: `${options.emailPrefix}${i}`,
      displayName: `Reader ${i}`,
      now,
    });
    const list = await createCollection(database, {
      userId: user.id,
      name: 'Reading',
      description: '',
      isPublic: false,
      now,
      maxPerReader: 10,
    });
    if (!list.ok) throw new Error('bench reader list not created');
    // An interest as common as its category: the primary category of a random paper.
    const anchor = all[Math.floor(random() * all.length)] as number;
    const group = groups.find((g) => g.includes(anchor)) ?? all;
    const wanted = 5 + Math.floor(random() * 26);
    for (let k = 0; k < wanted; k++) {
      const paperId = group[Math.floor(random() * group.length)] as number;
      await addCollectionPaper(database, { collectionId: list.id, paperId, now, maxPapers: 100 });
    }
    ids.push(user.id);
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
