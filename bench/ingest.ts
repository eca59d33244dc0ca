// `npm run bench:ingest`: import throughput (papers/s) on SQLite and PostgreSQL for the real 14k
// cs listings, the real HF daily archive (580 files) and a deterministic synthetic Kaggle snapshot,
// next to the raw engine's insert rate for the same rows measured in the same run.
// Options: --papers N (synthetic size, default 1000000), --dialects sqlite,postgres, --baseline N.

import { parseArgs } from 'node:util';
import pg from 'pg';
import type { DatabaseHandle } from '../src/db/connection.js';
import type { Dialect } from '../src/db/dialect.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { importPath } from '../src/ingest/import-path.js';
import { silentLogger } from '../src/lib/logger.js';
import { PAPER_COLUMNS } from '../src/store/paper-bulk-writes.js';
import { type CopyValue, copyRows } from '../src/store/postgres-copy.js';
import { defaultPostgresUrl, freshDatabase as freshBenchDatabase } from './fresh-database.js';
import { benchOutDir, sharedDataDir } from './paths.js';
import { ensureSyntheticKaggleFile, realVocabulary, syntheticPapers } from './synthetic-kaggle.js';

const { values } = parseArgs({
  options: {
    papers: { type: 'string', default: '1000000' },
    dialects: { type: 'string', default: 'sqlite,postgres' },
    baseline: { type: 'string', default: '200000' },
    'postgres-url': {
      type: 'string',
      default: defaultPostgresUrl,
    },
  },
});
const syntheticCount = Number(values.papers);
const baselineCount = Number(values.baseline);
const adminUrl = values['postgres-url'];

function freshDatabase(dialect: Dialect, name: string): Promise<DatabaseHandle> {
  return freshBenchDatabase(dialect, name, adminUrl);
}

interface Figure {
  dialect: Dialect;
  input: string;
  papers: number;
  seconds: number;
  rate: number;
}

async function measureImport(dialect: Dialect, label: string, path: string): Promise<Figure> {
  const database = await freshDatabase(dialect, `pb_bench_${label.replace(/\W/g, '_')}`);
  await migrateToLatest(database.db, database.dialect);
  const peakBefore = process.memoryUsage().rss;
  const started = performance.now();
  const summary = await importPath(path, { database, log: silentLogger(), batchSize: 5000 });
  const seconds = (performance.now() - started) / 1000;
  await database.close();
  const figure = {
    dialect,
    input: label,
    papers: summary.read,
    seconds,
    rate: Math.round(summary.read / seconds),
  };
  console.log(
    `${dialect.padEnd(8)} ${label.padEnd(22)} ${String(summary.read).padStart(8)} papers ${seconds.toFixed(1).padStart(7)} s ${String(figure.rate).padStart(7)} papers/s  (rss ${(peakBefore / 2 ** 20).toFixed(0)}→${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB)`,
  );
  return figure;
}

// The same columns as `papers`, filled straight from the generator: what the engine alone can take.
function baselineRows(count: number) {
  const now = new Date().toISOString();
  return [...syntheticPapers(count, realVocabulary())].map((p) => [
    p.id,
    p.versions.length,
    p.title,
    p.abstract.trim(),
    JSON.stringify(p.authors_parsed),
    p.categories.split(' ')[0],
    JSON.stringify(p.categories.split(' ')),
    p.comments,
    null,
    null,
    p.license,
    null,
    now,
    now,
    0,
    '[]',
    JSON.stringify(p.versions.map((_, i) => ({ version: i + 1, submittedAt: now }))),
    0,
    0,
    null,
    null,
    null,
    null,
    null,
    'kaggle',
    now,
    now,
  ]);
}
const BASELINE_COLUMNS = PAPER_COLUMNS.join(', ');

async function measureRawSqlite(rows: unknown[][]): Promise<number> {
  const database = await freshDatabase('sqlite', 'pb_bench_raw');
  await migrateToLatest(database.db, database.dialect);
  const raw = database.sqlite;
  if (!raw) throw new Error('no raw sqlite handle');
  const insert = raw.prepare(
    `insert into papers (${BASELINE_COLUMNS}) values (${rows[0]?.map(() => '?').join(', ')})`,
  );
  const insertMany = raw.transaction((batch: unknown[][]) => {
    for (const row of batch) insert.run(...row);
  });
  const started = performance.now();
  for (let i = 0; i < rows.length; i += 5000) insertMany(rows.slice(i, i + 5000));
  const rate = rows.length / ((performance.now() - started) / 1000);
  await database.close();
  return Math.round(rate);
}

async function measureRawPostgres(rows: unknown[][]): Promise<number> {
  const database = await freshDatabase('postgres', 'pb_bench_raw');
  await migrateToLatest(database.db, database.dialect);
  await database.close();
  const url = new URL(adminUrl);
  url.pathname = '/pb_bench_raw';
  // COPY straight into the table: the fastest way PostgreSQL takes rows.
  const pool = new pg.Pool({ connectionString: url.toString(), max: 1 });
  const client = await pool.connect();
  const started = performance.now();
  for (let i = 0; i < rows.length; i += 5000) {
    await client.query('begin');
    await copyRows(client, 'papers', PAPER_COLUMNS, rows.slice(i, i + 5000) as CopyValue[][]);
    await client.query('commit');
  }
  const rate = rows.length / ((performance.now() - started) / 1000);
  client.release();
  await pool.end();
  return Math.round(rate);
}

async function main() {
  const dialects = values.dialects.split(',') as Dialect[];
  console.log(`generating/locating the synthetic snapshot (${syntheticCount} papers)…`);
  const synthetic = await ensureSyntheticKaggleFile(benchOutDir.replace(/\/$/, ''), syntheticCount);
  const rows = baselineRows(baselineCount);
  const inputs: Array<[string, string]> = [
    ['listings-cs (14k)', `${sharedDataDir}arxiv-listings-cs/daily-arxiv-ai-enhanced/dedup-shards/`],
    ['hf-daily (580 files)', `${sharedDataDir}hf-papers-api/daily_papers/snap-0800utc_newsletter-chinese/`],
    [`kaggle-synthetic (${syntheticCount / 1000}k)`, synthetic],
  ];
  for (const dialect of dialects) {
    const raw = dialect === 'sqlite' ? await measureRawSqlite(rows) : await measureRawPostgres(rows);
    console.log(
      `${dialect.padEnd(8)} raw engine insert (${baselineCount / 1000}k rows, prebuilt)   ${String(raw).padStart(7)} rows/s`,
    );
    for (const [label, path] of inputs) {
      const figure = await measureImport(dialect, label, path);
      console.log(`${''.padEnd(8)} ratio to raw engine: ${(figure.rate / raw).toFixed(2)}×`);
    }
  }
}

await main();
