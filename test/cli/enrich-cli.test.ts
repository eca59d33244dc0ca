// `paperboard enrich` run as a user runs it (src/main.ts through tsx) against arXiv played by a local
// server: --help, --count, a full run that fills categories, refusal while another instance holds
// the job, and a bad --max answered with a message.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openSqlite } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { getPaper } from '../../src/store/paper-reads.js';
import { upsertPapers } from '../../src/store/paper-writes.js';
import { answerIdList, listingRecords } from '../helpers/arxiv-id-list.js';
import { boardRecord } from '../helpers/factories.js';
import { repoRoot } from '../helpers/paths.js';
import { type ReplayServer, startReplayServer } from '../helpers/replay-server.js';
import { tempDir } from '../helpers/test-db.js';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  logs: Array<Record<string, unknown>>;
}

function paperboard(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
      cwd: repoRoot,
      env: { ...process.env, LOG_LEVEL: 'info', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => {
      const logs = stdout
        .split('\n')
        .filter((line) => line.startsWith('{"level"'))
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      resolve({ status, stdout, stderr, logs });
    });
  });
}

describe('paperboard enrich', () => {
  const path = join(tempDir(), 'enrich.db');
  const ids = [...listingRecords().keys()].sort().slice(1000, 1130);
  let arxiv: ReplayServer;
  let env: Record<string, string>;
  before(async () => {
    arxiv = await startReplayServer(answerIdList);
    env = { SQLITE_PATH: path, ARXIV_API_URL: `${arxiv.origin}/api/query`, ARXIV_DELAY_MS: '0' };
    const database = openSqlite(path);
    await migrateToLatest(database.db, database.dialect);
    await upsertPapers(
      database,
      ids.map((arxivId) => boardRecord({ arxivId, title: `HF title of ${arxivId}` })),
    );
    await database.close();
  });
  after(async () => {
    await arxiv.close();
  });

  it('--help explains the command and its options', async () => {
    const { status, stdout } = await paperboard(['enrich', '--help'], env);
    assert.equal(status, 0);
    assert.match(stdout, /arXiv categories/);
    assert.match(stdout, /--max <n>/);
    assert.match(stdout, /--count/);
  });

  it('refuses a --max that is not a positive whole number', async () => {
    const { status, stderr } = await paperboard(['enrich', '--max', 'lots'], env);
    assert.equal(status, 1);
    assert.match(stderr, /--max must be a positive whole number, not "lots"/);
  });

  it('refuses to run while another instance holds the job', async () => {
    const database = openSqlite(path);
    const until = new Date(Date.now() + 60_000).toISOString();
    await database.db
      .insertInto('job_leases')
      .values({ name: 'enrich-arxiv', owner: 'other', expires_at: until })
      .execute();
    const run = await paperboard(['enrich'], env);
    await database.db.deleteFrom('job_leases').execute();
    await database.close();
    assert.equal(run.status, 1);
    assert.match(
      run.stderr,
      new RegExp(`Another instance holds the enrich-arxiv job \\(its lease ends ${until}\\)`),
    );
    assert.equal(arxiv.requests.length, 0);
  });

  it('counts, then looks every paper up in batches of 100 and frees the job', async () => {
    assert.equal((await paperboard(['enrich', '--count'], env)).stdout.trim(), '130');
    const run = await paperboard(['enrich'], env);
    assert.equal(run.status, 0, run.stderr);
    const done = run.logs.find((l) => l.msg === 'enrichment finished');
    assert.deepEqual([done?.requested, done?.found, done?.batches], [130, 130, 2]);
    assert.equal(arxiv.requests.length, 2);
    assert.equal((await paperboard(['enrich', '--count'], env)).stdout.trim(), '0');
    const database = openSqlite(path);
    const paper = await getPaper(database.db, ids[0] ?? '');
    const leases = await database.db.selectFrom('job_leases').selectAll().execute();
    await database.close();
    assert.deepEqual(paper?.categories, listingRecords().get(ids[0] ?? '')?.categories);
    assert.deepEqual(leases, []);
  });
});
