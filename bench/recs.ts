// `npm run bench:recs`: what "For you" costs at corpus scale, through the functions production uses.
// Store: the real 14k cs listing papers on their crawl days (bench/listing-board.ts) plus synthetic
// Kaggle-format papers up to --papers (bench/synthetic-kaggle.ts), LSA (256 dims) trained and every
// paper embedded as the embeddings job does (bench/eval/lsa-store.ts). Readers: --readers accounts with
// 5–30 saved papers each (bench/recs-readers.ts). Measures (a) training one reader's model as the
// reader-models job does (p50/p95 over --trained readers), (b) ranking the busiest board day for every
// reader with recommendForReader, one shared candidate window and readers read 200 at a time, as a
// digest run does — next to two baselines in the same run: a plain dot-product scan of the same candidates with each reader's model
// vector (the floor), and recommendForReader without the shared window (each reader reads and
// tokenises the day itself, as every request did before).
// Options: --papers 1000000 --readers 10000 --trained 50 --uncached 200 --reuse (keep the store).

import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openSqlite } from '../src/db/connection.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { importPath } from '../src/ingest/import-path.js';
import { silentLogger } from '../src/lib/logger.js';
import { CandidateCache } from '../src/recs/candidate-papers.js';
import { dot } from '../src/recs/paper-features.js';
import { parseReaderModel } from '../src/recs/reader-model-codec.js';
import { ReaderStateLoader } from '../src/recs/reader-states.js';
import { boardDateWindow, MAX_CANDIDATES, recommendForReader } from '../src/recs/recommend.js';
import { getActiveModel } from '../src/store/embeddings.js';
import { countPapers } from '../src/store/paper-reads.js';
import { upsertPapers } from '../src/store/paper-writes.js';
import { getReaderModel } from '../src/store/reader-models.js';
import { embedStoreWithLsa } from './eval/lsa-store.js';
import { boardRecords, busiestDay } from './listing-board.js';
import { benchOutDir } from './paths.js';
import { createBenchReaders, modelBenchReaders } from './recs-readers.js';
import { ensureSyntheticKaggleFile } from './synthetic-kaggle.js';

const { values } = parseArgs({
  options: {
    papers: { type: 'string', default: '1000000' },
    readers: { type: 'string', default: '10000' },
    trained: { type: 'string', default: '50' },
    uncached: { type: 'string', default: '200' },
    reuse: { type: 'boolean', default: false },
  },
});
const paperCount = Number(values.papers);
const readerCount = Number(values.readers);
const log = silentLogger();
const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);
const percentile = (samples: number[], p: number) =>
  [...samples].sort((a, b) => a - b)[Math.min(samples.length - 1, Math.floor((p / 100) * samples.length))] ??
  0;
const ms = (samples: number[]) =>
  `p50 ${percentile(samples, 50).toFixed(2)} ms, p95 ${percentile(samples, 95).toFixed(2)} ms`;

const work = join(benchOutDir, `recs-${paperCount}`);
const isReused = values.reuse && existsSync(join(work, 'store.db'));
if (!isReused) rmSync(work, { recursive: true, force: true });
const database = openSqlite(join(work, 'store.db'));
await migrateToLatest(database.db, database.dialect);
const records = boardRecords();
const day = busiestDay(records);
let started = performance.now();
if (!isReused) {
  for (let i = 0; i < records.length; i += 2000) await upsertPapers(database, records.slice(i, i + 2000));
  const synthetic = Math.max(0, paperCount - records.length);
  if (synthetic > 0)
    await importPath(await ensureSyntheticKaggleFile(benchOutDir, synthetic), { database, log });
  console.log(`imported ${await countPapers(database.db)} papers in ${seconds(started)} s`);
  started = performance.now();
  const dims = await embedStoreWithLsa(database, log);
  console.log(`LSA ${dims} dims trained, every paper embedded in ${seconds(started)} s`);
}
// A reused store gets the readers it lacks.
const existing = Number(
  (
    await database.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('email', 'like', 'recs-reader%')
      .executeTakeFirstOrThrow()
  ).n,
);
if (existing < readerCount) {
  started = performance.now();
  const count = readerCount - existing;
  await createBenchReaders(database, {
    count,
    skipDay: day,
    emailPrefix: 'recs-reader',
    firstIndex: existing,
  });
  console.log(`${count} readers with 5–30 saved papers each in ${seconds(started)} s`);
}
const readers = (
  await database.db
    .selectFrom('users')
    .select('id')
    .where('email', 'like', 'recs-reader%')
    .orderBy('id')
    .limit(readerCount)
    .execute()
).map((r) => r.id);
console.log(`corpus: ${await countPapers(database.db)} papers; ${readers.length} readers; ranked day ${day}`);

// (a) Training, as the reader-models job trains (trainAndStoreReaderModel): reads, solver, write.
const training = await modelBenchReaders(database, readers, Number(values.trained));
console.log(`\n(a) training one reader's model (${training.length} readers): ${ms(training)}`);
console.log(
  `    the reader-models job (${Math.round(7500 / percentile(training, 50))} readers in its 7.5 s budget at p50)`,
);

// (b) Ranking the day for every reader, with the window shared as a digest run shares it.
const deps = { database, log, now: () => new Date() };
const query = {
  from: new Date(`${day}T00:00:00Z`),
  to: new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000),
  limit: 20,
  offset: 0,
};
const active = await getActiveModel(database.db);
const cache = new CandidateCache({ ttlMs: Number.POSITIVE_INFINITY, maxWindows: 2 });
started = performance.now();
const window = await cache.get(database.db, active?.id, { ...boardDateWindow(query), limit: MAX_CANDIDATES });
const loadMs = performance.now() - started;
const perReader: number[] = [];
const readerStates = new ReaderStateLoader(database.db);
started = performance.now();
for (const [i, userId] of readers.entries()) {
  // Readers' signals and models read 200 at a time, as the digest's send step primes each claimed batch.
  if (i % 200 === 0) readerStates.prime(readers.slice(i, i + 200));
  const t = performance.now();
  await recommendForReader({ ...deps, recsCandidates: cache, readerStates }, userId, query);
  perReader.push(performance.now() - t);
}
const totalS = (performance.now() - started) / 1000;
console.log(
  `\n(b) ranking ${window.ids.length} papers of ${day} for ${readers.length} readers: ${totalS.toFixed(1)} s in all, ${ms(perReader)} per reader (window read and tokenised once: ${loadMs.toFixed(0)} ms)`,
);

// Baseline 1: the floor — each reader's stored model read and parsed, its vector weights dotted with
// every candidate's vector, the top 20 kept. No exclusions, no words, no reasons.
const scan: number[] = [];
started = performance.now();
for (const userId of readers) {
  const t = performance.now();
  const model = parseReaderModel((await getReaderModel(database.db, userId))?.model ?? null);
  const weights = Float32Array.from(model?.vector ?? []);
  const scores: Array<[number, number]> = [];
  for (const id of window.ids) {
    const vector = window.features.get(id)?.vector;
    scores.push([id, vector && vector.length === weights.length ? dot(weights, vector) : 0]);
  }
  scores.sort((a, b) => b[1] - a[1]).slice(0, 20);
  scan.push(performance.now() - t);
}
const scanS = (performance.now() - started) / 1000;
console.log(
  `    baseline, plain dot-product scan of the same candidates: ${scanS.toFixed(1)} s in all, ${ms(scan)} per reader`,
);

// Baseline 2: recommendForReader without the shared window, for the first --uncached readers.
const uncached: number[] = [];
for (const userId of readers.slice(0, Number(values.uncached))) {
  const t = performance.now();
  await recommendForReader(deps, userId, query);
  uncached.push(performance.now() - t);
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(xs.length, 1);
console.log(
  `    baseline, without the shared window (${uncached.length} readers): ${ms(uncached)} per reader, ~${((mean(uncached) * readers.length) / 1000).toFixed(0)} s for all ${readers.length}`,
);
await database.close();
