// `serve` after downtime: it listens at once and serves from the index it has while the index applies
// the change log on its own thread, saying so in /healthz; an index of another format is rebuilt in
// the background while search answers 503 "index rebuilding", and the replaced generation is removed.
// The real CLI (src/main.ts under tsx) on both databases, with the 14,318 real cs listing papers.

import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { envNames } from '../../src/config/config.js';
import { importPath } from '../../src/ingest/import-path.js';
import { silentLogger } from '../../src/lib/logger.js';
import { openIndexDb, setMeta } from '../../src/search/index-db.js';
import { rebuildIndex } from '../../src/search/rebuild-index.js';
import { latestRevision } from '../../src/store/changes.js';
import { freePort } from '../helpers/e2e-server.js';
import { repoRoot, sharedData } from '../helpers/paths.js';
import { createTestDatabase, eachDialect, type TestDatabase, tempDir } from '../helpers/test-db.js';

interface Health {
  status: string;
  search?: { state: string; revision: number | null; behind: number };
}

async function startServe(
  env: Record<string, string>,
): Promise<{ child: ChildProcess; base: string; started: number }> {
  const port = await freePort();
  const clean: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.values(envNames)) delete clean[name];
  const started = performance.now();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/main.ts', 'serve', '--port', String(port), '--host', '127.0.0.1'],
    { cwd: repoRoot, env: { ...clean, ...env }, stdio: 'ignore' },
  );
  return { child, base: `http://127.0.0.1:${port}`, started };
}

async function get(url: string): Promise<{ status: number; body: string } | undefined> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(120_000) });
    return { status: response.status, body: await response.text() };
  } catch {
    return undefined;
  }
}

async function firstHealth(base: string): Promise<Health> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const answer = await get(`${base}/healthz`);
    if (answer) {
      assert.equal(answer.status, 200, answer.body);
      return JSON.parse(answer.body) as Health;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('serve did not answer /healthz within 60 s');
}

async function untilCurrent(base: string): Promise<Health> {
  const deadline = Date.now() + 600_000;
  while (Date.now() < deadline) {
    const answer = await get(`${base}/healthz`);
    const health = answer && (JSON.parse(answer.body) as Health);
    if (health?.search?.state === 'current' && health.search.behind === 0) return health;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the search index did not become current within 10 minutes');
}

async function stop(child: ChildProcess): Promise<number | null> {
  const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  return exit;
}

const searchUrl = (base: string) => `${base}/api/papers/search?q=segmentation&limit=5`;

eachDialect('serve restarting behind the change log', (dialect) => {
  let t: TestDatabase;
  let env: Record<string, string>;
  const dir = join(tempDir(), 'search');
  before(async () => {
    t = await createTestDatabase(dialect);
    // The index as a killed server left it: at revision 0, then 14,318 papers arrived.
    await rebuildIndex(dir, t);
    await importPath(`${sharedData}arxiv-listings-cs/daily-arxiv-ai-enhanced/dedup-shards/`, {
      database: t,
      log: silentLogger(),
    });
    env = {
      SEARCH_INDEX_DIR: dir,
      LOG_LEVEL: 'warn',
      SEARCH_POLL_MS: '500',
      ...(dialect === 'postgres' ? { DATABASE_URL: t.url } : { SQLITE_PATH: t.url }),
    };
  });
  after(async () => {
    await t.destroy();
  });

  it('listens at once, reports catching_up in /healthz and serves search from the index it has, then current', async () => {
    const latest = await latestRevision(t.db);
    const { child, base, started } = await startServe(env);
    try {
      const first = await firstHealth(base);
      const firstMs = performance.now() - started;
      assert.equal(first.status, 'ok');
      assert.equal(first.search?.state, 'catching_up', JSON.stringify(first));
      assert.ok((first.search?.behind ?? 0) > 0, JSON.stringify(first));
      const during = await get(searchUrl(base));
      assert.equal(during?.status, 200, 'search answers while the index catches up');
      const current = await untilCurrent(base);
      assert.equal(current.search?.revision, latest);
      const total = (JSON.parse((await get(searchUrl(base)))?.body ?? '[]') as unknown[]).length;
      assert.equal(total, 5, 'the caught-up index finds the imported papers');
      console.log(`first /healthz answer after ${Math.round(firstMs)} ms: ${JSON.stringify(first.search)}`);
    } finally {
      assert.equal(await stop(child), 0);
    }
  });

  it('rebuilds an index of another format in the background: search is a 503 meanwhile, the old file goes', async () => {
    const old = readFileSync(join(dir, 'CURRENT'), 'utf8').trim();
    const index = openIndexDb(join(dir, old));
    setMeta(index.sqlite, 'format', '0');
    index.sqlite.close();
    const { child, base } = await startServe(env);
    try {
      const first = await firstHealth(base);
      assert.equal(first.search?.state, 'rebuilding', JSON.stringify(first));
      const during = await get(searchUrl(base));
      assert.equal(during?.status, 503, during?.body);
      const error = JSON.parse(during?.body ?? '{}') as { error?: string; code?: string };
      assert.equal(error.code, 'unavailable');
      assert.match(error.error ?? '', /index rebuilding/);
      await untilCurrent(base);
      assert.equal((await get(searchUrl(base)))?.status, 200);
      assert.notEqual(readFileSync(join(dir, 'CURRENT'), 'utf8').trim(), old);
      assert.ok(!existsSync(join(dir, old)), 'the replaced generation was removed');
    } finally {
      assert.equal(await stop(child), 0);
    }
  });
});
