// `serve --port 0` without BASE_URL: the system picks the port, and the start-up line, feeds and the
// API's links name that port (they used to say port 0).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { childEnv, ensureBuilt } from '../helpers/e2e-server.js';
import { repoRoot } from '../helpers/paths.js';

it('serve --port 0 links to the port it was given', { timeout: 60_000 }, async () => {
  ensureBuilt();
  const dir = await mkdtemp(join(tmpdir(), 'paperboard-port0-'));
  const child = spawn(
    process.execPath,
    ['bin/paperboard.js', 'serve', '--sample', '--port', '0', '--host', '127.0.0.1'],
    {
      cwd: repoRoot,
      env: childEnv({ SQLITE_PATH: join(dir, 'paperboard.db'), LOG_LEVEL: 'warn' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  try {
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start-up line:\n${output}`)), 50_000);
      const look = (chunk: Buffer) => {
        output += chunk.toString('utf8');
        const match = /Paperboard is running at (http:\/\/127\.0\.0\.1:(\d+))/.exec(output);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      };
      child.stdout?.on('data', look);
      child.stderr?.on('data', look);
      child.once('exit', (code) => reject(new Error(`serve exited (${code}):\n${output}`)));
    });
    assert.doesNotMatch(url, /:0$/);
    const feed = await (await fetch(`${url}/feeds/daily.rss`)).text();
    assert.ok(feed.includes(`<link>${url}/</link>`) || feed.includes(`${url}/papers/`), feed.slice(0, 600));
    assert.ok(!feed.includes('127.0.0.1:0/'), 'no link names port 0');
    const openapi = (await (await fetch(`${url}/api/openapi.json`)).json()) as {
      servers?: { url: string }[];
    };
    assert.equal(openapi.servers?.[0]?.url, url);
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
    await rm(dir, { recursive: true, force: true });
  }
});
