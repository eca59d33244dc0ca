// Restart benchmark: a server killed while papers kept arriving restarts with N unapplied change-log
// entries. Builds that state (5,000 synthetic Kaggle papers indexed and embedded with a trained LSA
// model, then N more imported), starts the built `serve` (bin/paperboard.js of --root, default this
// checkout; run `npm run build` first), and prints the time to the first answered /healthz, the time
// until the index is current, and the slowest /healthz answer meanwhile (the embeddings job also
// embeds the N new papers on the main thread then).
//   node --import tsx bench/serve-restart.ts [--changes 74000] [--dialects sqlite,postgres] [--runs 2] [--root ../main,.] (checkouts, compared in one run)

import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config/config.js';
import type { Dialect } from '../src/db/dialect.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { importPath } from '../src/ingest/import-path.js';
import { silentLogger } from '../src/lib/logger.js';
import { rebuildIndex } from '../src/search/rebuild-index.js';
import { embedChanges } from '../src/search/semantic/embed-job.js';
import { embeddingDeps, ensureSemanticModel } from '../src/search/semantic/semantic-models.js';
import { defaultPostgresUrl, freshDatabase } from './fresh-database.js';
import { benchOutDir } from './paths.js';
import { ensureSyntheticKaggleFile } from './synthetic-kaggle.js';

const { values } = parseArgs({
  options: {
    changes: { type: 'string', default: '74000' },
    dialects: { type: 'string', default: 'sqlite,postgres' },
    runs: { type: 'string', default: '2' },
    root: { type: 'string', default: new URL('../', import.meta.url).pathname },
  },
});
const changes = Number(values.changes);
const roots = values.root.split(',');
const INDEXED = 5000;

interface Run {
  firstAnswerMs: number;
  firstBody: string;
  currentMs: number;
  slowestHealthMs: number;
}

async function prepare(
  dialect: Dialect,
): Promise<{ env: Record<string, string>; pristine: string; live: string }> {
  const name = `restart_${dialect}_${changes}`;
  const database = await freshDatabase(dialect, name);
  await migrateToLatest(database.db, database.dialect);
  const pristine = `${benchOutDir}${name}-index-pristine`;
  const live = `${benchOutDir}${name}-index`;
  rmSync(pristine, { recursive: true, force: true });
  const out = benchOutDir.replace(/\/$/, '');
  // The synthetic papers are seeded: the first INDEXED of the larger file are these, unchanged.
  await importPath(await ensureSyntheticKaggleFile(out, INDEXED), { database, log: silentLogger() });
  const config = loadConfig({}, { sqlitePath: `${benchOutDir}${name}.db` });
  const deps = embeddingDeps({ database, log: silentLogger(), now: () => new Date(), config });
  await ensureSemanticModel(deps, config);
  await embedChanges(deps);
  await rebuildIndex(pristine, database);
  await importPath(await ensureSyntheticKaggleFile(out, INDEXED + changes), {
    database,
    log: silentLogger(),
  });
  await database.close();
  const url = new URL(defaultPostgresUrl);
  url.pathname = `/${name}`;
  const env = {
    ...process.env,
    SEARCH_INDEX_DIR: live,
    LOG_LEVEL: 'info',
    DIGEST_ENABLED: 'false',
    ...(dialect === 'sqlite'
      ? { SQLITE_PATH: `${benchOutDir}${name}.db` }
      : { DATABASE_URL: url.toString() }),
  } as Record<string, string>;
  return { env, pristine, live };
}

async function health(port: number): Promise<{ ms: number; body: string } | undefined> {
  const started = performance.now();
  try {
    const response = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(60_000) });
    return { ms: performance.now() - started, body: await response.text() };
  } catch {
    return undefined;
  }
}

async function measure(repoRoot: string, env: Record<string, string>, port: number): Promise<Run> {
  let caughtUpAt = 0;
  const started = performance.now();
  const child: ChildProcess = spawn(
    process.execPath,
    ['bin/paperboard.js', 'serve', '--port', String(port)],
    {
      cwd: repoRoot,
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  // Before the /healthz search field existed, the follower's log line was the only sign.
  child.stdout?.on('data', (chunk: Buffer) => {
    if (!caughtUpAt && chunk.toString().includes('search index caught up')) caughtUpAt = performance.now();
  });
  try {
    let first: { ms: number; body: string } | undefined;
    while (!first) {
      first = await health(port);
      if (!first) await new Promise((r) => setTimeout(r, 10));
    }
    const firstAnswerMs = performance.now() - started;
    let slowestHealthMs = first.ms;
    for (;;) {
      const answer = await health(port);
      if (answer) slowestHealthMs = Math.max(slowestHealthMs, answer.ms);
      const isCurrent =
        answer?.body.includes('"current"') || (!answer?.body.includes('"search"') && caughtUpAt);
      if (isCurrent) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const currentMs = (caughtUpAt || performance.now()) - started;
    return {
      firstAnswerMs,
      firstBody: first.body,
      currentMs: Math.max(currentMs, firstAnswerMs),
      slowestHealthMs,
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

for (const dialect of values.dialects.split(',') as Dialect[]) {
  const { env, pristine, live } = await prepare(dialect);
  for (let run = 0; run < Number(values.runs); run++) {
    for (const [i, root] of roots.entries()) {
      rmSync(live, { recursive: true, force: true });
      cpSync(pristine, live, { recursive: true });
      const result = await measure(root, env, 18_300 + run * 10 + i);
      console.log(
        `${dialect} ${root} ${changes} unapplied changes, run ${run + 1}: first /healthz answer ${(result.firstAnswerMs / 1000).toFixed(2)} s ` +
          `(${result.firstBody}), index current ${(result.currentMs / 1000).toFixed(2)} s, slowest /healthz meanwhile ${Math.round(result.slowestHealthMs)} ms`,
      );
    }
  }
  rmSync(join(live), { recursive: true, force: true });
}
