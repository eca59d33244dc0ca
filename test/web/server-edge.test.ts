// The request edge over a real socket, as `serve` mounts the app (server-limits.ts): a client that
// drips its body is cut off, a 50 MB declared body is refused before it is read, and a client that
// hangs up mid-body is logged as an abort, not as a 500. app.request() cannot show any of these.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { after, before, it } from 'node:test';
import { type ServerType, serve } from '@hono/node-server';
import { createLogger } from '../../src/lib/logger.js';
import { createApp } from '../../src/web/app.js';
import { serverOptions } from '../../src/web/server-limits.js';
import { signedInReader } from '../helpers/accounts.js';
import { testContext } from '../helpers/test-app.js';
import { createTestDatabase, eachDialect, type TestDatabase } from '../helpers/test-db.js';

interface LogLine {
  msg: string;
  status?: number;
  path?: string;
}

/** Writes `head` (and `body`), then waits for the server to answer and close, or for `hangUpAfterMs`. */
function rawRequest(
  port: number,
  head: string,
  body: string,
  hangUpAfterMs?: number,
): Promise<{ response: string; elapsedMs: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect(port, '127.0.0.1');
    let response = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      response += chunk;
    });
    socket.on('error', reject);
    socket.on('close', () => resolve({ response, elapsedMs: Date.now() - started }));
    socket.write(head + body);
    if (hangUpAfterMs !== undefined) setTimeout(() => socket.destroy(), hangUpAfterMs);
  });
}

async function waitFor(check: () => boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return check();
}

eachDialect('the request edge on a real server', (dialect) => {
  let t: TestDatabase;
  let server: ServerType;
  let port: number;
  let cookie: string;
  const lines: LogLine[] = [];
  const postHead = (path: string, length: number, type = 'application/x-www-form-urlencoded') =>
    `POST ${path} HTTP/1.1\r\nHost: paperboard.test\r\nOrigin: http://paperboard.test\r\n` +
    `Cookie: ${cookie}\r\nContent-Type: ${type}\r\nContent-Length: ${length}\r\nConnection: close\r\n\r\n`;

  before(async () => {
    t = await createTestDatabase(dialect);
    cookie = (await signedInReader(t, 'ada')).cookie;
    const log = createLogger('info', { write: (line: string) => void lines.push(JSON.parse(line)) });
    const app = createApp({ ...testContext(t), log });
    // Short timeouts, so the test sees them; `serve` passes the defaults (20 s and 30 s).
    const options = serverOptions({ headersTimeoutMs: 300, requestTimeoutMs: 600 });
    await new Promise<void>((resolve) => {
      server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1', serverOptions: options }, () =>
        resolve(),
      );
    });
    port = (server.address() as AddressInfo).port;
  });
  after(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await t.destroy();
  });

  it('cuts off a client that drips its body, with a 408, long before the old 300 s', async () => {
    const { response, elapsedMs } = await rawRequest(port, postHead('/comments', 1000), 'paper=2608');
    assert.match(response, /^HTTP\/1\.1 408 /);
    assert.ok(elapsedMs < 5_000, `closed after ${elapsedMs} ms`);
  });

  it('refuses a declared 50 MB body with a 413 without reading it', async () => {
    const { response, elapsedMs } = await rawRequest(port, postHead('/vote', 50 * 1024 * 1024), 'paper=');
    assert.match(response, /^HTTP\/1\.1 413 /);
    assert.match(response, /larger than 128 KiB/);
    assert.ok(elapsedMs < 5_000, `answered after ${elapsedMs} ms`);
  });

  it('logs a client that hangs up mid-body as an abort (499), not as a failed request', async () => {
    lines.length = 0;
    await rawRequest(port, postHead('/comments', 5000), 'paper=2608.00001&body=hel', 100);
    assert.ok(
      await waitFor(() => lines.some((l) => l.msg === 'request' || l.msg.includes('aborted')), 3_000),
      JSON.stringify(lines),
    );
    const request = lines.find((l) => l.path === '/comments' && l.status !== undefined && !('err' in l));
    assert.equal(request?.status, 499, JSON.stringify(lines));
    assert.equal(request?.msg, 'request aborted by client');
    assert.ok(
      !lines.some((l) => l.msg === 'request failed' || (l.status ?? 0) >= 500),
      JSON.stringify(lines),
    );
  });
});
