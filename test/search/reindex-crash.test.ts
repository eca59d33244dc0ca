import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { importPath } from '../../src/ingest/import-path.js';
import { silentLogger } from '../../src/lib/logger.js';
import { InProcessSearch } from '../../src/search/in-process-search.js';
import { rebuildIndex } from '../../src/search/rebuild-index.js';
import { repoRoot, sharedData } from '../helpers/paths.js';
import { createTestDatabase, eachDialect, type TestDatabase, tempDir } from '../helpers/test-db.js';

eachDialect('paperboard reindex killed midway', (dialect) => {
  let t: TestDatabase;
  let dir: string;
  let env: Record<string, string>;
  before(async () => {
    t = await createTestDatabase(dialect);
    await importPath(`${sharedData}arxiv-listings-cs/daily-arxiv-ai-enhanced/dedup-shards/`, {
      database: t,
      log: silentLogger(),
    });
    dir = join(tempDir(), 'search');
    await rebuildIndex(dir, t);
    env = {
      ...process.env,
      SEARCH_INDEX_DIR: dir,
      LOG_LEVEL: 'warn',
      ...(dialect === 'postgres' ? { DATABASE_URL: t.url } : { SQLITE_PATH: t.url }),
    } as Record<string, string>;
  });
  after(async () => {
    await t.destroy();
  });

  it('leaves the live index serving, and the next reindex recovers', async () => {
    const live = readFileSync(join(dir, 'CURRENT'), 'utf8');
    // The keyword index only: a killed re-embed is tested in embed-job.test.ts.
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'reindex', '--no-vectors'], {
      cwd: repoRoot,
      env,
      stdio: 'ignore',
    });
    // Kill it once the new generation file exists, i.e. in the middle of copying papers.
    const deadline = Date.now() + 30_000;
    while (readdirSync(dir).filter((n) => /^index-\d+\.db$/.test(n)).length < 2 && Date.now() < deadline)
      await delay(20);
    await delay(150);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    assert.equal(readFileSync(join(dir, 'CURRENT'), 'utf8'), live, 'the crashed rebuild was never published');

    const search = new InProcessSearch(dir, t);
    const page = await search.search({ q: 'segmentation', sort: 'relevance', limit: 5, offset: 0 });
    assert.ok(page.total > 50, `live index still answers (${page.total})`);
    await search.close();

    const rerun = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts', 'reindex', '--no-vectors'], {
      cwd: repoRoot,
      env,
      encoding: 'utf8',
    });
    assert.equal(rerun.status, 0, rerun.stderr);
    const published = readFileSync(join(dir, 'CURRENT'), 'utf8').trim();
    assert.notEqual(published, live.trim());
    assert.ok(existsSync(join(dir, published)));
    // The crashed build was removed when the rerun started, the generation it replaced once it published.
    const generations = readdirSync(dir).filter((n) => /^index-\d+\.db/.test(n));
    assert.deepEqual(
      generations.filter((n) => !n.startsWith(`${published}-`)),
      [published],
      `only the live generation (and its WAL) is left: ${generations}`,
    );
  });
});
