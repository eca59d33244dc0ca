import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import SQLite from 'better-sqlite3';
import { repoRoot, sharedData } from '../helpers/paths.js';
import { startReplayServer } from '../helpers/replay-server.js';
import { tempDir } from '../helpers/test-db.js';

// Runs the real CLI entry point (TypeScript sources through tsx), as a user would run the binary.
function paperboard(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
    cwd: repoRoot,
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  const logs = result.stdout
    .split('\n')
    .filter((line) => line.startsWith('{"level"'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { ...result, logs };
}

// The same, without blocking this process's event loop (for tests that serve HTTP to the child).
function paperboardAsync(args: string[], env: Record<string, string> = {}) {
  return new Promise<ReturnType<typeof paperboard>>((resolve) => {
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
      resolve({ status, stdout, stderr, logs } as ReturnType<typeof paperboard>);
    });
  });
}

describe('paperboard CLI', () => {
  const dir = tempDir();
  const env = { SQLITE_PATH: join(dir, 'cli.db') };

  it('--help lists every command', () => {
    const { status, stdout } = paperboard(['--help']);
    assert.equal(status, 0);
    for (const command of ['serve', 'import', 'ingest', 'migrate', 'config', 'admin'])
      assert.match(stdout, new RegExp(`\\b${command}\\b`));
  });

  it('admin grant makes an existing account an admin and names a missing one', () => {
    const dbPath = join(tempDir(), 'admin.db');
    assert.equal(paperboard(['migrate'], { SQLITE_PATH: dbPath }).status, 0);
    const db = new SQLite(dbPath);
    db.prepare(
      "insert into users (email, username, display_name, is_admin, created_at) values ('ada@example.org', 'ada', 'Ada', 0, '2026-01-01T00:00:00.000Z')",
    ).run();
    db.close();
    const missing = paperboard(['admin', 'grant', 'nobody@example.org'], { SQLITE_PATH: dbPath });
    assert.notEqual(missing.status, 0);
    assert.match(missing.stderr + missing.stdout, /no account has the address nobody@example.org/);
    const granted = paperboard(['admin', 'grant', 'ADA@example.org'], { SQLITE_PATH: dbPath });
    assert.equal(granted.status, 0, granted.stderr);
    const check = new SQLite(dbPath, { readonly: true });
    assert.equal(
      (
        check.prepare("select is_admin from users where email = 'ada@example.org'").get() as {
          is_admin: number;
        }
      ).is_admin,
      1,
    );
    check.close();
  });

  it('config prints the effective configuration with secrets redacted', () => {
    const { status, stdout } = paperboard(['config'], {
      DATABASE_URL: 'postgres://u:hunter2@db/x',
      SMTP_URL: 'smtps://mailer:s3cret@smtp.example:465',
      PORT: '9001',
    });
    assert.equal(status, 0);
    const config = JSON.parse(stdout);
    assert.equal(config.port, 9001);
    assert.equal(config.databaseUrl, 'postgres://u:***@db/x');
    assert.equal(config.smtpUrl, 'smtps://mailer:***@smtp.example:465');
    assert.doesNotMatch(stdout, /s3cret|hunter2/);
  });

  it('an invalid setting fails with a message naming the variable', () => {
    const { status, stderr } = paperboard(['config'], { PORT: 'nope' });
    assert.equal(status, 1);
    assert.match(stderr, /PORT/);
  });

  it('serve refuses a database whose schema is not migrated', () => {
    const { status, stderr } = paperboard(['serve', '--port', '0'], { SQLITE_PATH: join(dir, 'stale.db') });
    assert.equal(status, 1);
    assert.match(stderr, /schema is out of date.*paperboard migrate/);
  });

  it('imports a file, and a second import changes nothing', () => {
    const file = `${sharedData}hf-papers-api/daily_papers/snap-0800utc_newsletter-chinese/2026-08-20.json`;
    const first = paperboard(['import', file], env);
    assert.equal(first.status, 0, first.stderr);
    const done = first.logs.find((l) => l.msg === 'import finished');
    assert.ok(done && Number(done.inserted) > 10, JSON.stringify(first.logs.at(-1)));
    const second = paperboard(['import', file], env);
    const again = second.logs.find((l) => l.msg === 'import finished');
    assert.equal(again?.inserted, 0);
    assert.equal(again?.updated, 0);
    assert.equal(again?.unchanged, done.inserted);
  });

  it('search finds an imported paper from the terminal, and rejects a query it cannot run', () => {
    const env2 = { ...env, SEARCH_INDEX_DIR: join(dir, 'search') };
    const { status, stdout, stderr } = paperboard(['search', 'ti:agent', '--limit', '3', '--json'], env2);
    assert.equal(status, 0, stderr);
    const page = JSON.parse(stdout) as {
      total: number;
      hits: Array<{ arxivId: string; title: Array<{ text: string }> }>;
    };
    assert.ok(page.total > 0);
    for (const hit of page.hits) assert.match(hit.title.map((s) => s.text).join(''), /agent/i);
    // `--` ends the options, so a query may start with a dash.
    const bad = paperboard(['search', '--', '-only', '-exclusions'], env2);
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /at least one word/i);
  });

  it('imports a URL (a Hugging Face daily_papers response), with the board date from date=', async () => {
    const file = `${sharedData}hf-papers-api/daily_papers/snap-0800utc_newsletter-chinese/2026-08-19.json`;
    const server = await startReplayServer((request) =>
      request.params.get('date') === '2026-08-19'
        ? { body: readFileSync(file, 'utf8') }
        : { status: 404, body: 'no' },
    );
    try {
      const ok = await paperboardAsync(['import', `${server.origin}/api/daily_papers?date=2026-08-19`], env);
      assert.equal(ok.status, 0, ok.stderr);
      const done = ok.logs.find((l) => l.msg === 'import finished');
      assert.ok(Number(done?.inserted) > 10);
      const missing = await paperboardAsync(
        ['import', `${server.origin}/api/daily_papers?date=1999-01-01`],
        env,
      );
      assert.equal(missing.status, 1);
      assert.match(missing.stderr, /HTTP 404/);
    } finally {
      await server.close();
    }
  });

  it('a malformed file is a clear error and a non-zero exit', () => {
    const bad = join(dir, '2026-01-01.json');
    writeFileSync(bad, '[{"paper": {"id": "2601.0000');
    const { status, stderr } = paperboard(['import', bad], env);
    assert.equal(status, 1);
    assert.match(stderr, /paperboard: .*JSON/i);
  });

  it('an unknown format asks for --format', () => {
    const odd = join(dir, 'odd.json');
    writeFileSync(odd, '{"hello": "world"}\n');
    const { status, stderr } = paperboard(['import', odd], env);
    assert.equal(status, 1);
    assert.match(stderr, /--format/);
  });
});
