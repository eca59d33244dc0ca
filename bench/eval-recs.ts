// `npm run eval:recs -- [--tune] [--seeds N]`: how good "For you" is, with simulated readers from real
// data. The real corpus (HF daily papers 2024-05 … 2026-08 and 14,318 arXiv cs listings 2026-05 … 07,
// see ../shared/data) goes through the real path: imported into a fresh store, LSA trained on it and
// every paper embedded, the search index built. A simulated reader has one interest — an arXiv
// category (listing papers) or an HF `ai_keywords` term (HF papers) — and is seeded with a few of
// that interest's papers from an earlier period; their model (recs/reader-model.ts, the shipped
// tuning) then ranks a later period's papers, and precision@10 and nDCG@10 (relevant: papers of the
// same interest) are printed next to two baselines: most upvoted in the period, and BM25
// more-like-this of the seed papers (the project's "similar papers" query, summed over the seeds).
// Interests are split in two by a seeded shuffle: `--tune` searches the model's tuning on the dev
// half only; the held-out half is what the README reports. Also: the cosine of papers to their
// nearest neighbour (the "not interested" near-duplicate threshold), and training/ranking times.

import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openSqlite } from '../src/db/connection.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { importPath } from '../src/ingest/import-path.js';
import { silentLogger } from '../src/lib/logger.js';
import { seededRandom } from '../src/lib/seeded-random.js';
import { loadPaperFeatures, type PaperFeatures } from '../src/recs/paper-features.js';
import {
  DEFAULT_TUNING,
  type ModelTuning,
  scorePaper,
  type TrainingExample,
  trainReaderModel,
} from '../src/recs/reader-model.js';
import { SAMPLED_NEGATIVES, trainAndStoreReaderModel } from '../src/recs/reader-training.js';
import { recommendForReader } from '../src/recs/recommend.js';
import { InProcessSearch } from '../src/search/in-process-search.js';
import { int8VectorCodec } from '../src/search/semantic/vector-codec.js';
import { VectorIndex, type VectorMatrix } from '../src/search/semantic/vector-index.js';
import { vectorNeighbours } from '../src/search/similar-blend.js';
import { findSimilar } from '../src/search/similar-papers.js';
import { addCollectionPaper, createCollection } from '../src/store/collections.js';
import { getActiveModel } from '../src/store/embeddings.js';
import { createUser } from '../src/store/users.js';
import { embedStoreWithLsa } from './eval/lsa-store.js';
import { benchOutDir, sharedDataDir } from './paths.js';

const { values } = parseArgs({
  options: {
    tune: { type: 'boolean', default: false },
    seeds: { type: 'string', default: '8' },
    reuse: { type: 'boolean', default: false },
  },
});
const SEEDS = Number(values.seeds);
const TOP = 10;
/** An interest needs this many papers in each period (seeds early; something to find late). */
const MIN_EARLY = 10;
const MIN_LATE = 10;
/** Interests covering more of the later period than this are not interests but the whole field. */
const MAX_BASE_RATE = 0.2;
const BM25_CANDIDATES = 2000;

const hfDir = join(sharedDataDir, 'hf-papers-api/daily_papers/snap-0800utc_newsletter-chinese');
const listingDir = join(sharedDataDir, 'arxiv-listings-cs/daily-arxiv-ai-enhanced/dedup-shards');

const work = join(benchOutDir, 'eval-recs');
// --reuse: keep the store, vectors and index of the previous run (tuning runs skip the 1.5-minute setup).
const isReused = values.reuse && existsSync(join(work, 'store.db'));
if (!isReused) rmSync(work, { recursive: true, force: true });
const database = openSqlite(join(work, 'store.db'));
await migrateToLatest(database.db, database.dialect);
const log = silentLogger();
let started = performance.now();
if (!isReused) {
  const hf = await importPath(hfDir, { database, log });
  const listings = await importPath(listingDir, { database, log });
  console.log(
    `imported ${hf.inserted} HF and ${listings.inserted} listing records in ${seconds(started)} s (new papers)`,
  );
  started = performance.now();
  const dims = await embedStoreWithLsa(database, log);
  console.log(`LSA ${dims} dims trained and papers embedded in ${seconds(started)} s`);
}
const index = new VectorIndex(database, int8VectorCodec);
await index.catchUp();
const vectors = index.snapshot() as VectorMatrix;
const active = await getActiveModel(database.db);
console.log(`${index.size} vectors of ${active?.modelKey} (${vectors.dims} dims)`);
const search = new InProcessSearch(join(work, 'search'), database, { vectors: () => vectors });
await search.catchUp();
const sqlite = search.handle.get().sqlite;

// --- The corpus as the simulated readers see it: time, labels, upvotes per paper.
interface Paper {
  id: number;
  arxivId: string;
  time: string;
  upvotes: number;
  categories: string[];
  keywords: string[];
  isListing: boolean;
}
const listingDate = new Map<string, string>();
for (const file of readdirSync(listingDir)) {
  for (const line of readFileSync(join(listingDir, file), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const record = JSON.parse(line) as { id: string; _listing_dates?: string[] };
    const first = [...(record._listing_dates ?? [])].sort()[0];
    if (first) listingDate.set(record.id, first);
  }
}
const rows = await database.db
  .selectFrom('papers')
  .leftJoin('board_entries', 'board_entries.paper_id', 'papers.id')
  .select([
    'papers.id',
    'papers.arxiv_id',
    'papers.upvotes',
    'papers.categories',
    'papers.ai_keywords',
    'board_entries.board_date',
  ])
  .execute();
const papers: Paper[] = [];
for (const r of rows) {
  const listed = listingDate.get(r.arxiv_id);
  const time = r.board_date ?? listed;
  if (!time) continue;
  papers.push({
    id: r.id,
    arxivId: r.arxiv_id,
    time,
    upvotes: r.upvotes,
    categories: listed ? (JSON.parse(r.categories) as string[]) : [],
    keywords: r.ai_keywords
      ? [...new Set((JSON.parse(r.ai_keywords) as string[]).map((k) => k.toLowerCase()))]
      : [],
    isListing: listed !== undefined,
  });
}
const byId = new Map(papers.map((p) => [p.id, p]));
started = performance.now();
const features = await loadPaperFeatures(database.db, active?.id, [...byId.keys()]);
console.log(`features of ${features.size} papers loaded in ${seconds(started)} s`);

// --- Simulated readers.
interface Kind {
  name: string;
  /** The papers this kind of interest is judged on (those whose label is known). */
  has(p: Paper): boolean;
  labels(p: Paper): string[];
  isEarly(p: Paper): boolean;
  isLate(p: Paper): boolean;
  /** The later period's first day: negatives come from before it. */
  lateStart: string;
}
const KINDS: Kind[] = [
  {
    name: 'arXiv category',
    has: (p) => p.isListing && p.categories.length > 0,
    labels: (p) => p.categories,
    isEarly: (p) => p.time < '2026-06-15',
    isLate: (p) => p.time >= '2026-06-15',
    lateStart: '2026-06-15',
  },
  {
    name: 'HF ai_keywords term',
    has: (p) => p.keywords.length > 0,
    labels: (p) => p.keywords,
    isEarly: (p) => p.time >= '2025-03-01' && p.time < '2026-04-01',
    isLate: (p) => p.time >= '2026-04-01' && p.time < '2026-07-01',
    lateStart: '2026-04-01',
  },
];

interface Interest {
  kind: Kind;
  label: string;
  seeds: number[];
  pool: number[];
  relevant: Set<number>;
  /** Corpus papers from before the later period: where negatives are sampled (no peeking). */
  negatives: number[];
}
const interests: Interest[] = [];
const random = seededRandom(20_261_206);
for (const kind of KINDS) {
  const labelled = papers.filter((p) => kind.has(p));
  const pool = labelled.filter((p) => kind.isLate(p)).map((p) => p.id);
  const early = new Map<string, number[]>();
  const late = new Map<string, number>();
  for (const p of labelled) {
    for (const label of kind.labels(p)) {
      if (kind.isEarly(p)) early.set(label, [...(early.get(label) ?? []), p.id]);
      else if (kind.isLate(p)) late.set(label, (late.get(label) ?? 0) + 1);
    }
  }
  const before = papers.filter((p) => p.time < kind.lateStart);
  for (const [label, earlyIds] of [...early].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const lateCount = late.get(label) ?? 0;
    if (earlyIds.length < MIN_EARLY || lateCount < MIN_LATE || lateCount / pool.length > MAX_BASE_RATE)
      continue;
    const seeds = shuffle(earlyIds, random).slice(0, SEEDS);
    const relevant = new Set(pool.filter((id) => kind.labels(byId.get(id) as Paper).includes(label)));
    interests.push({ kind, label, seeds, pool, relevant, negatives: before.map((p) => p.id) });
  }
}
const order = shuffle(interests, seededRandom(7));
const dev = order.filter((_, i) => i % 2 === 0);
const heldOut = order.filter((_, i) => i % 2 === 1);
for (const kind of KINDS) {
  const n = interests.filter((i) => i.kind === kind);
  console.log(
    `${kind.name}: ${n.length} interests (${n.filter((i) => dev.includes(i)).length} dev), later pool ${n[0]?.pool.length ?? 0} papers`,
  );
}

// --- Rankers.
type Ranker = (interest: Interest) => number[];
const timing = { trainMs: 0, rankMs: 0, readers: 0 };

function modelRanker(tuning: ModelTuning): Ranker {
  return (interest) => {
    const t0 = performance.now();
    const negativeRandom = seededRandom(interest.seeds[0] as number);
    const seeds = new Set(interest.seeds);
    const negatives = shuffle(
      interest.negatives.filter((id) => !seeds.has(id)),
      negativeRandom,
    ).slice(0, SAMPLED_NEGATIVES);
    const examples: TrainingExample[] = [
      ...interest.seeds.map((id) => ({
        features: features.get(id) as PaperFeatures,
        label: 1 as const,
        weight: 1,
      })),
      ...negatives.map((id) => ({
        features: features.get(id) as PaperFeatures,
        label: 0 as const,
        weight: 1,
      })),
    ].filter((e) => e.features);
    const model = trainReaderModel(examples, active?.modelKey ?? null, tuning);
    const t1 = performance.now();
    const scored = interest.pool.map((id) => ({
      id,
      score: scorePaper(model, features.get(id) as PaperFeatures),
    }));
    scored.sort((a, b) => b.score - a.score || a.id - b.id);
    timing.trainMs += t1 - t0;
    timing.rankMs += performance.now() - t1;
    timing.readers += 1;
    return scored.map((s) => s.id);
  };
}

const mostUpvoted: Ranker = (interest) =>
  [...interest.pool].sort((a, b) => (byId.get(b)?.upvotes ?? 0) - (byId.get(a)?.upvotes ?? 0) || a - b);

/** The project's more-like-this (BM25 over each seed's distinctive words), min-max scaled and summed. */
const bm25MoreLikeThis: Ranker = (interest) => {
  const pool = new Set(interest.pool);
  const total = new Map<number, number>();
  for (const seed of interest.seeds) {
    const hits = findSimilar(sqlite, seed, BM25_CANDIDATES).filter((h) => pool.has(h.id));
    if (hits.length === 0) continue;
    // FTS5's bm25() is lower-is-better.
    const scores = hits.map((h) => -h.score);
    const max = Math.max(...scores);
    const min = Math.min(...scores);
    hits.forEach((h, i) => {
      const scaled = max === min ? 1 : ((scores[i] as number) - min) / (max - min);
      total.set(h.id, (total.get(h.id) ?? 0) + scaled);
    });
  }
  return [...total].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([id]) => id);
};

function evaluate(ranker: Ranker, set: readonly Interest[]): { p: number; ndcg: number } {
  let p = 0;
  let ndcg = 0;
  for (const interest of set) {
    const top = ranker(interest).slice(0, TOP);
    let hits = 0;
    let dcg = 0;
    top.forEach((id, i) => {
      if (interest.relevant.has(id)) {
        hits += 1;
        dcg += 1 / Math.log2(i + 2);
      }
    });
    let ideal = 0;
    for (let i = 0; i < Math.min(TOP, interest.relevant.size); i++) ideal += 1 / Math.log2(i + 2);
    p += hits / TOP;
    ndcg += ideal === 0 ? 0 : dcg / ideal;
  }
  return { p: p / set.length, ndcg: ndcg / set.length };
}

function report(title: string, set: readonly Interest[], rankers: Array<[string, Ranker]>): void {
  console.log(`\n${title}`);
  for (const kind of [undefined, ...KINDS]) {
    const subset = kind ? set.filter((i) => i.kind === kind) : set;
    if (subset.length === 0) continue;
    console.log(`  ${kind ? kind.name : 'all'} (${subset.length} readers)`);
    for (const [name, ranker] of rankers) {
      const { p, ndcg } = evaluate(ranker, subset);
      console.log(`    ${name.padEnd(34)} P@10 ${p.toFixed(3)}  nDCG@10 ${ndcg.toFixed(3)}`);
    }
  }
}

if (values.tune) {
  const grid: ModelTuning[] = [];
  for (const vectorScale of [0.5, 1, 2])
    for (const lexicalScale of [0.5, 1, 2])
      for (const categoryScale of [0, 0.5])
        for (const l2 of [0.001, 0.01])
          grid.push({ ...DEFAULT_TUNING, vectorScale, lexicalScale, categoryScale, l2 });
  console.log('\ntuning on the dev half (P@10, nDCG@10):');
  const results = grid.map((tuning) => ({ tuning, ...evaluate(modelRanker(tuning), dev) }));
  results.sort((a, b) => b.p - a.p || b.ndcg - a.ndcg);
  for (const r of results.slice(0, 8)) {
    const { vectorScale, lexicalScale, categoryScale, l2 } = r.tuning;
    console.log(
      `  vector ${vectorScale} lexical ${lexicalScale} category ${categoryScale} l2 ${l2}: ${r.p.toFixed(3)} ${r.ndcg.toFixed(3)}`,
    );
  }
}

const rankers: Array<[string, Ranker]> = [
  ['reader model (shipped tuning)', modelRanker(DEFAULT_TUNING)],
  ['  without category features', modelRanker({ ...DEFAULT_TUNING, categoryScale: 0 })],
  ['  vectors only', modelRanker({ ...DEFAULT_TUNING, lexicalScale: 0, categoryScale: 0 })],
  ['most upvoted in the period', mostUpvoted],
  ['BM25 more-like-this of the seeds', bm25MoreLikeThis],
];
timing.trainMs = 0;
timing.rankMs = 0;
timing.readers = 0;
report(`dev half, ${SEEDS} seed papers per reader:`, dev, rankers);
report(`HELD-OUT half, ${SEEDS} seed papers per reader:`, heldOut, rankers);
console.log(
  `\nper simulated reader: training ${(timing.trainMs / timing.readers).toFixed(1)} ms, ranking ${(timing.rankMs / timing.readers).toFixed(1)} ms (pools of ${KINDS.map((k) => interests.find((i) => i.kind === k)?.pool.length).join(' / ')} papers)`,
);

// --- Near duplicates: how similar each paper is to its nearest neighbour.
const sample = shuffle(papers, seededRandom(3)).slice(0, 3000);
const buckets = [0.8, 0.85, 0.9, 0.95, 0.98];
const counts = buckets.map(() => 0);
const examples: Array<[number, string, string]> = [];
for (const paper of sample) {
  const nearest = vectorNeighbours(vectors, paper.id, 1)?.[0];
  if (!nearest) continue;
  buckets.forEach((b, i) => {
    if (nearest.score >= b) counts[i] = (counts[i] as number) + 1;
  });
  if (nearest.score >= 0.85 && examples.length < 12) {
    const a = features.get(paper.id)?.title ?? '';
    const b = features.get(nearest.id)?.title ?? '';
    examples.push([nearest.score, a, b]);
  }
}
console.log(`\nnearest-neighbour cosine over ${sample.length} papers (${active?.modelKey}):`);
buckets.forEach((b, i) => {
  console.log(`  ≥ ${b}: ${counts[i]} papers`);
});
for (const [score, a, b] of examples.sort((x, y) => y[0] - x[0])) {
  console.log(`  ${score.toFixed(3)}  ${a.slice(0, 70)}\n         ${b.slice(0, 70)}`);
}

// --- Request-time cost: one real reader (8 saved papers) asking for the For-you board of a day and a
// month through recommendForReader (the stored model, the store's reads, scoring, reasons).
const reader = await createUser(database.db, {
  email: `eval-reader-${Date.now()}@example.org`,
  usernameBase: 'eval-reader',
  displayName: 'Eval reader',
  now: new Date().toISOString(),
});
const list = await createCollection(database, {
  userId: reader.id,
  name: 'Seeds',
  description: '',
  isPublic: false,
  now: new Date().toISOString(),
  maxPerReader: 10,
});
if (list.ok) {
  for (const paperId of (heldOut[0] as Interest).seeds) {
    await addCollectionPaper(database, {
      collectionId: list.id,
      paperId,
      now: new Date().toISOString(),
      maxPapers: 100,
    });
  }
}
const deps = { database, log, now: () => new Date() };
const lastDay = await database.db
  .selectFrom('board_entries')
  .select((eb) => eb.fn.max('board_date').as('d'))
  .executeTakeFirstOrThrow();
const day = new Date(`${lastDay.d}T00:00:00Z`);
const window = (days: number) => ({
  from: new Date(day.getTime() - (days - 1) * 86_400_000),
  to: new Date(day.getTime() + 86_400_000),
  limit: 20,
  offset: 0,
});
let t = performance.now();
const first = await recommendForReader(deps, reader.id, window(1));
const firstMs = performance.now() - t;
// Requests never train: the reader-models job does, with this function.
t = performance.now();
await trainAndStoreReaderModel(database.db, reader.id, new Date(), active ?? null);
const trainMs = performance.now() - t;
const timings: Record<string, number> = {};
for (const [name, days] of [
  ['day', 1],
  ['month', 30],
] as const) {
  t = performance.now();
  const runs = 20;
  let total = 0;
  for (let i = 0; i < runs; i++) total = (await recommendForReader(deps, reader.id, window(days))).total;
  timings[name] = (performance.now() - t) / runs;
  console.log(
    `recommendForReader, ${name} (${total} papers): ${(timings[name] as number).toFixed(1)} ms per request with a current model`,
  );
}
console.log(
  `first request (no model yet: ranks by closeness to the saved papers, asks the job): ${firstMs.toFixed(1)} ms, ${first.total} papers on the day; training and storing the model (the job): ${trainMs.toFixed(1)} ms`,
);

await search.close();
await database.close();

function shuffle<T>(items: readonly T[], next: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

function seconds(since: number): string {
  return ((performance.now() - since) / 1000).toFixed(1);
}
