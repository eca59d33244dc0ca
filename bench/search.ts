// `npm run bench:search`: search latency at 100k and 1M synthetic papers (the deterministic Kaggle-
// format corpus of bench:ingest, Zipf-like over real cs abstract words). For each size: build the
// index (rate, size), then run a fixed mix of 1-, 2- and 3-word queries through (a) the raw FTS5 bm25
// query and (b) our HTTP search API, check that every query's top 10 through the API equals the
// exhaustive bm25 top 10, and measure a cheap page's p99 while four clients in another process search.
// The semantic side too: LSA training time, embedding throughput, vector index load time, semantic
// and hybrid latency through the API, and the process's memory with the vectors loaded.
// Options: --sizes 100000,1000000 --queries 300 --retrain.

import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { serve } from '@hono/node-server';
import SQLite from 'better-sqlite3';
import { createArxivClients } from '../src/cli/context.js';
import type { Config } from '../src/config/config.js';
import { loadConfig } from '../src/config/config.js';
import type { DatabaseHandle } from '../src/db/connection.js';
import { openSqlite } from '../src/db/connection.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { importPath } from '../src/ingest/import-path.js';
import { silentLogger } from '../src/lib/logger.js';
import { createMailer } from '../src/mail/mailer.js';
import { IndexHandle } from '../src/search/index-handle.js';
import { currentIndexFile } from '../src/search/index-location.js';
import { rebuildIndex } from '../src/search/rebuild-index.js';
import { SearchPool } from '../src/search/search-pool.js';
import { FIELD_WEIGHTS } from '../src/search/search-types.js';
import { reembedAll } from '../src/search/semantic/embed-job.js';
import { embeddingDeps, lsaModelRow, trainLsaFromStore } from '../src/search/semantic/semantic-models.js';
import { SemanticService } from '../src/search/semantic/semantic-service.js';
import { getActiveModel } from '../src/store/embeddings.js';
import { countPapers } from '../src/store/paper-reads.js';
import { listIndexablePapers } from '../src/store/search-feed.js';
import { createApp } from '../src/web/app.js';
import { benchOutDir } from './paths.js';
import { ensureSyntheticKaggleFile, realVocabulary, seededRandom } from './synthetic-kaggle.js';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '100000,1000000' },
    queries: { type: 'string', default: '300' },
    retrain: { type: 'boolean', default: false },
  },
});

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

function summary(samples: number[]) {
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), p99: percentile(samples, 99) };
}

const fmt = (s: { p50: number; p95: number; p99: number }) =>
  `p50 ${s.p50.toFixed(1)} ms  p95 ${s.p95.toFixed(1)} ms  p99 ${s.p99.toFixed(1)} ms`;

/** A fixed mix: a third each of 1-, 2- and 3-word queries; words from common, middling and rare ranks. */
function queryMix(count: number): string[] {
  const vocabulary = realVocabulary();
  const random = seededRandom(7);
  // The generator draws rank ~ N·u³, so low ranks are the very common words ("model", "learning").
  const pick = () => {
    const band = random();
    const rank =
      band < 0.4
        ? Math.floor(random() * 30)
        : band < 0.8
          ? 30 + Math.floor(random() * 2000)
          : 2000 + Math.floor(random() * 15000);
    return vocabulary[Math.min(rank, vocabulary.length - 1)] ?? 'model';
  };
  return Array.from({ length: count }, (_, i) => Array.from({ length: (i % 3) + 1 }, pick).join(' '));
}

async function prepareStore(size: number) {
  const path = join(benchOutDir, `search-store-${size}.db`);
  const database = openSqlite(path);
  await migrateToLatest(database.db, database.dialect);
  if ((await countPapers(database.db)) < size) {
    const file = await ensureSyntheticKaggleFile(benchOutDir.replace(/\/$/, ''), size);
    console.log(`importing ${size} synthetic papers into ${path}…`);
    await importPath(file, { database, log: silentLogger(), batchSize: 5000 });
  }
  return database;
}

async function timeEach(
  queries: string[],
  run: (q: string) => Promise<unknown> | unknown,
): Promise<number[]> {
  for (const q of queries.slice(0, 30)) await run(q); // warm caches
  const samples: number[] = [];
  for (const q of queries) {
    const started = performance.now();
    await run(q);
    samples.push(performance.now() - started);
  }
  return samples;
}

/**
 * The semantic side: trains LSA on the store and embeds every paper unless a model is already active
 * (--retrain measures it again), then loads the per-instance vector index, timing each step.
 */
async function prepareVectors(size: number, database: DatabaseHandle, config: Config) {
  const log = silentLogger();
  const deps = embeddingDeps({ database, log, now: () => new Date(), config });
  const active = await getActiveModel(database.db);
  if (!active || values.retrain) {
    let started = performance.now();
    const lsa = await trainLsaFromStore(database, { dims: config.lsaDimensions });
    const trainSeconds = (performance.now() - started) / 1000;
    console.log(`${size}: LSA model trained in ${trainSeconds.toFixed(1)} s (${lsa.dims} dims)`);
    started = performance.now();
    const result = await reembedAll(deps, lsaModelRow(lsa));
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `${size}: embedded ${result.embedded} papers in ${seconds.toFixed(1)} s (${Math.round(result.embedded / seconds)} papers/s, one thread, stored in the database)`,
    );
  } else {
    console.log(
      `${size}: model ${active.modelKey} already active (--retrain to time training and embedding)`,
    );
  }
  const semantic = new SemanticService(database, config, log);
  const started = performance.now();
  await semantic.catchUp();
  const vectors = semantic.vectors();
  console.log(
    `${size}: vector index loaded in ${((performance.now() - started) / 1000).toFixed(1)} s (${vectors?.rows ?? 0} rows × ${vectors?.dims ?? 0} dims, int8)`,
  );
  return semantic;
}

async function benchSize(size: number, queries: string[]) {
  const database = await prepareStore(size);
  const dir = join(benchOutDir, `search-index-${size}`);
  if (!existsSync(join(dir, 'CURRENT')) || !new IndexHandle(dir, { readonly: true }).isCurrentFormat()) {
    const started = performance.now();
    const built = await rebuildIndex(dir, database);
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `${size}: index built in ${seconds.toFixed(1)} s (${Math.round(built.papers / seconds)} papers/s)`,
    );
  }
  const indexFile = currentIndexFile(dir);
  console.log(`${size}: index size ${(statSync(indexFile).size / 2 ** 20).toFixed(0)} MiB`);

  const raw = new SQLite(indexFile, { readonly: true });
  raw.pragma('mmap_size = 1073741824');
  const rawStatement = raw.prepare(
    `select rowid, bm25(papers_fts, ${FIELD_WEIGHTS.join(', ')}) as s from papers_fts where papers_fts match ? order by s limit 20`,
  );
  const quoted = (q: string) =>
    q
      .split(' ')
      .map((w) => `"${w}"`)
      .join(' ');
  const rawSamples = await timeEach(queries, (q) => rawStatement.all(quoted(q)));
  // The exhaustive reference order: bm25, equal scores by paper id (as our engine breaks ties).
  const exhaustive = raw.prepare(
    `select d.arxiv_id from papers_fts f join search_docs d on d.rowid = f.rowid where papers_fts match ?
     order by bm25(papers_fts, ${FIELD_WEIGHTS.join(', ')}), f.rowid limit 10`,
  );

  const config = loadConfig(
    {},
    { searchIndexDir: dir, sqlitePath: join(benchOutDir, `search-store-${size}.db`) },
  );
  const log = silentLogger();
  const semantic = await prepareVectors(size, database, config);
  const search = new SearchPool(dir, config.searchWorkers, semantic);
  const mailer = createMailer({ smtpUrl: '', from: config.mailFrom, log });
  const arxiv = createArxivClients(config, log).api;
  const app = createApp({ config, database, log, mailer, arxiv, search, now: () => new Date() });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const get = async (path: string) => {
    const response = await fetch(base + path);
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    await response.arrayBuffer();
  };
  const apiSamples = await timeEach(queries, (q) =>
    get(`/api/papers/search?limit=20&mode=keyword&q=${encodeURIComponent(q)}`),
  );
  // Exactness: for every query of the mix, the API's top 10 against the exhaustive bm25 top 10.
  let exact = 0;
  const inexact: string[] = [];
  for (const q of new Set(queries)) {
    const response = await fetch(
      `${base}/api/papers/search?limit=10&mode=keyword&q=${encodeURIComponent(q)}`,
    );
    const ours = ((await response.json()) as Array<{ paper: { id: string } }>).map((r) => r.paper.id);
    const expected = (exhaustive.pluck().all(quoted(q)) as string[]).slice(0, 10);
    const isRelaxedPage = expected.length < 10;
    if (
      isRelaxedPage
        ? ours.slice(0, expected.length).join() === expected.join()
        : ours.join() === expected.join()
    )
      exact += 1;
    else inexact.push(q);
  }
  const distinct = new Set(queries).size;
  console.log(
    `${size}: exactness      top 10 equal to exhaustive bm25 for ${exact}/${distinct} queries${inexact.length > 0 ? ` (differ: ${inexact.slice(0, 5).join(' | ')})` : ''}`,
  );
  // Semantic and hybrid through the same API (the query is embedded, the vectors scanned exactly).
  const semanticStats = summary(
    await timeEach(queries, (q) =>
      get(`/api/papers/search?limit=20&mode=semantic&q=${encodeURIComponent(q)}`),
    ),
  );
  const hybridStats = summary(
    await timeEach(queries, (q) => get(`/api/papers/search?limit=20&mode=hybrid&q=${encodeURIComponent(q)}`)),
  );
  const rawStats = summary(rawSamples);
  const apiStats = summary(apiSamples);
  console.log(`${size}: raw FTS5 bm25   ${fmt(rawStats)}`);
  console.log(`${size}: HTTP search API ${fmt(apiStats)}  (keyword)`);
  console.log(`${size}: HTTP semantic   ${fmt(semanticStats)}`);
  console.log(`${size}: HTTP hybrid     ${fmt(hybridStats)}`);
  console.log(
    `${size}: API / raw        p50 ${(apiStats.p50 / rawStats.p50).toFixed(2)}×  p95 ${(apiStats.p95 / rawStats.p95).toFixed(2)}×  p99 ${(apiStats.p99 / rawStats.p99).toFixed(2)}×`,
  );

  // "Similar papers" for 200 papers spread over the collection, through the worker pool.
  const sample = await listIndexablePapers(database.db, Math.floor(size / 3), 400);
  const similarSamples = await timeEach(
    sample.filter((_, i) => i % 2 === 0).map((p) => String(p.id)),
    (id) => search.similar(Number(id), 10),
  );
  console.log(`${size}: similar papers  ${fmt(summary(similarSamples))}`);

  // A cheap page (one paper's JSON) alone, then while four clients (another process) search.
  const cheap = sample.map((p) => `/api/papers/${p.arxivId}`);
  const pageSamples = (paths: string[]) =>
    timeEach(paths, (p) => fetch(base + p).then((r) => r.arrayBuffer()));
  const idle = summary(await pageSamples(cheap));
  const load = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('./search-load.ts', import.meta.url)), base, '4', ...queries],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await delay(1500); // let the load reach steady state
  const busy = summary(await pageSamples(cheap));
  let searches = '';
  load.stdout.on('data', (d) => (searches += d));
  load.kill('SIGTERM');
  await new Promise((resolve) => load.once('close', resolve));
  console.log(`${size}: cheap page idle ${fmt(idle)}`);
  console.log(
    `${size}: cheap page busy ${fmt(busy)}  (p99 busy/idle ${(busy.p99 / idle.p99).toFixed(2)}×; ${searches.trim()} searches ran meanwhile)`,
  );
  const memory = process.memoryUsage();
  console.log(
    `${size}: memory after the run: RSS ${(memory.rss / 2 ** 20).toFixed(0)} MiB (heap ${(memory.heapUsed / 2 ** 20).toFixed(0)} MiB, shared vector buffers ${(memory.arrayBuffers / 2 ** 20).toFixed(0)} MiB)`,
  );
  server.close();
  await search.close();
  await semantic.stop();
  raw.close();
  await database.close();
}

const queries = queryMix(Number(values.queries));
for (const size of values.sizes.split(',').map(Number)) await benchSize(size, queries);
