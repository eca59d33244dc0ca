// Submitting while arXiv does not answer: a local server that accepts connections and never says a
// word, and a closed port. The reader gets "arXiv did not answer" (504) or "could not be reached"
// (503) within SUBMIT_ARXIV_TIMEOUT_MS, as a page keeping what they typed or as JSON, with
// Retry-After; one try only (no minute of retries); nothing is stored. The form carries the busy label
// app.js shows meanwhile.
import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import { after, before, it } from 'node:test';
import type { Hono } from 'hono';
import { ConfigError, loadConfig } from '../../src/config/config.js';
import { getPaper } from '../../src/store/paper-reads.js';
import { createApp } from '../../src/web/app.js';
import { appJs } from '../../src/web/assets/app-js.js';
import { signedInReader } from '../helpers/accounts.js';
import { freePort } from '../helpers/e2e-server.js';
import { type ReplayServer, startReplayServer, unavailable } from '../helpers/replay-server.js';
import { FIXED_NOW, testContext } from '../helpers/test-app.js';
import { createTestDatabase, eachDialect, type TestDatabase } from '../helpers/test-db.js';

const TIMEOUT_MS = 400;

/** Accepts every connection and reads the request, then never answers. */
async function startSilentServer(): Promise<{ origin: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('data', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

eachDialect('POST /submit when arXiv does not answer', (dialect) => {
  let t: TestDatabase;
  let silent: Awaited<ReturnType<typeof startSilentServer>>;
  let hanging: Hono;
  let refusing: Hono;
  let overloaded: Hono;
  let busy: ReplayServer;
  let cookie: string;
  before(async () => {
    t = await createTestDatabase(dialect);
    silent = await startSilentServer();
    const base = { arxivDelayMs: 0, submitArxivTimeoutMs: TIMEOUT_MS };
    hanging = createApp(testContext(t, FIXED_NOW, { ...base, arxivApiUrl: `${silent.origin}/api/query` }));
    const closedPort = await freePort();
    refusing = createApp(
      testContext(t, FIXED_NOW, { ...base, arxivApiUrl: `http://127.0.0.1:${closedPort}/api/query` }),
    );
    busy = await startReplayServer(() => unavailable());
    overloaded = createApp(testContext(t, FIXED_NOW, { ...base, arxivApiUrl: `${busy.origin}/api/query` }));
    await signedInReader(t, 'admin');
    cookie = (await signedInReader(t, 'reader')).cookie;
  });
  after(async () => {
    await silent.close();
    await busy.close();
    await t.destroy();
  });

  function submit(app: Hono, paper: string, accept = 'text/html') {
    return app.request('/submit', {
      method: 'POST',
      body: new URLSearchParams({ paper }),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'http://paperboard.test',
        accept,
        cookie,
      },
    });
  }

  it('answers 504 "arXiv did not answer" within the timeout, keeping what the reader typed', async () => {
    const started = performance.now();
    const response = await submit(hanging, '2608.01234');
    const elapsed = performance.now() - started;
    assert.equal(response.status, 504);
    assert.ok(elapsed >= TIMEOUT_MS - 20 && elapsed < TIMEOUT_MS + 1500, `${Math.round(elapsed)} ms`);
    assert.equal(response.headers.get('retry-after'), '60');
    const html = await response.text();
    assert.match(html, /<p class="form-error" role="alert">arXiv did not answer; try again in a minute\./);
    assert.match(html, /value="2608\.01234"/);
    assert.equal(await getPaper(t.db, '2608.01234'), undefined);
  });

  it('answers JSON to a client that asks for it', async () => {
    const response = await submit(hanging, 'https://arxiv.org/abs/2608.04321v2', 'application/json');
    assert.equal(response.status, 504);
    assert.deepEqual(await response.json(), {
      error: 'arXiv did not answer; try again in a minute.',
      code: 'unavailable',
    });
  });

  it('answers 503 at once when arXiv cannot be reached', async () => {
    const started = performance.now();
    const response = await submit(refusing, '2608.05555', 'application/json');
    assert.equal(response.status, 503);
    assert.ok(performance.now() - started < TIMEOUT_MS, 'a refused connection is not waited out');
    assert.deepEqual(await response.json(), {
      error: 'arXiv could not be reached just now; try again in a minute.',
      code: 'unavailable',
    });
    assert.equal(response.headers.get('retry-after'), '60');
  });

  it('tries once: a busy arXiv (503) is not retried while a reader waits', async () => {
    const response = await submit(overloaded, '2608.06666');
    assert.equal(response.status, 503);
    assert.match(await response.text(), /arXiv could not be reached just now; try again in a minute\./);
    assert.equal(busy.requests.length, 1);
  });

  it('gives the form the busy label app.js shows while arXiv is asked', async () => {
    const html = await (await hanging.request('/submit', { headers: { cookie } })).text();
    assert.match(
      html,
      /<form method="post" action="\/submit" class="stacked-form" data-busy-label="Looking up on arXiv…">/,
    );
    assert.match(appJs, /form\[data-busy-label\]/);
  });
});

it('SUBMIT_ARXIV_TIMEOUT_MS defaults to 10 s and refuses nonsense', () => {
  assert.equal(loadConfig({}).submitArxivTimeoutMs, 10_000);
  assert.equal(loadConfig({ SUBMIT_ARXIV_TIMEOUT_MS: '2500' }).submitArxivTimeoutMs, 2500);
  assert.throws(() => loadConfig({ SUBMIT_ARXIV_TIMEOUT_MS: 'soon' }), ConfigError);
  assert.throws(() => loadConfig({ SUBMIT_ARXIV_TIMEOUT_MS: '0' }), /SUBMIT_ARXIV_TIMEOUT_MS/);
});
