// Boots the real compiled binary (`bin/paperboard.js serve --sample`) on a free port with a fresh
// SQLite file, waits for /healthz, and stops it with SIGTERM. Used by the e2e suite in test/e2e/.

import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { envNames } from '../../src/config/config.js';
import { THUMBNAIL_ORIGIN } from '../../src/model/thumbnail.js';
import { repoRoot } from './paths.js';

const OUTPUT_LIMIT = 20_000;

/** Runs `npm run build` once when dist/main.js is missing; the binary only imports dist/. */
export function ensureBuilt(): void {
  if (existsSync(join(repoRoot, 'dist', 'main.js'))) return;
  const result = spawnSync('npm', ['run', 'build'], { cwd: repoRoot, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(
      `dist/main.js is missing and \`npm run build\` failed (exit ${result.status}, ${result.error ?? ''}):\n` +
        `${result.stdout}\n${result.stderr}`,
    );
  }
}

/** A port nobody listens on right now (the server does not report back the port of `--port 0`). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error('could not read a free port'))));
    });
  });
}

export interface RunningServer {
  baseUrl: string;
  child: ChildProcess;
  /** The temp dir holding the SQLite file. */
  dir: string;
  /** Everything the child wrote to stdout and stderr so far (the tail, when long). */
  output(): string;
  /** SIGTERM, then the exit code; throws when the process is still alive after `timeoutMs`. */
  stop(timeoutMs: number): Promise<number | null>;
}

/** The test runner's environment without any Paperboard option, so the child sees only ours. */
export function childEnv(overrides: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.values(envNames)) delete env[name];
  return { ...env, ...overrides };
}

function exitOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

async function waitForHealth(server: RunningServer, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const exited = exitOf(server.child).then((code) => ({ exited: code }));
  let lastProblem = 'no answer yet';
  while (Date.now() < deadline) {
    const attempt = fetch(`${server.baseUrl}/healthz`, { signal: AbortSignal.timeout(2000) }).then(
      async (res) => ({ status: res.status, body: await res.text() }),
      (error: unknown) => ({ status: 0, body: String(error) }),
    );
    const outcome = await Promise.race([attempt, exited]);
    if ('exited' in outcome) {
      throw new Error(
        `the server exited with code ${outcome.exited} before answering /healthz:\n${server.output()}`,
      );
    }
    if (outcome.status === 200) return;
    lastProblem = `${outcome.status} ${outcome.body}`;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(
    `/healthz did not answer 200 within ${timeoutMs} ms (last: ${lastProblem}):\n${server.output()}`,
  );
}

/**
 * `paperboard serve --sample` on 127.0.0.1 with a fresh database (BASE_URL its own address, so
 * emailed links lead back to it); resolves once /healthz is 200.
 */
export async function startServer(
  options: { healthTimeoutMs?: number; env?: Record<string, string> } = {},
): Promise<RunningServer> {
  const dir = await mkdtemp(join(tmpdir(), 'paperboard-e2e-'));
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['bin/paperboard.js', 'serve', '--sample', '--port', String(port), '--host', '127.0.0.1'],
    {
      cwd: repoRoot,
      env: childEnv({
        SQLITE_PATH: join(dir, 'paperboard.db'),
        LOG_LEVEL: 'warn',
        BASE_URL: `http://127.0.0.1:${port}`,
        ...options.env,
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const append = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_LIMIT);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const server: RunningServer = {
    baseUrl: `http://127.0.0.1:${port}`,
    child,
    dir,
    output: () => output || '(no output)',
    async stop(timeoutMs) {
      const exit = exitOf(child);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
      });
      const result = await Promise.race([exit, timeout]);
      clearTimeout(timer);
      if (result === 'timeout') {
        child.kill('SIGKILL');
        throw new Error(`the server did not exit within ${timeoutMs} ms of SIGTERM:\n${output}`);
      }
      return result;
    },
  };
  try {
    await waitForHealth(server, options.healthTimeoutMs ?? 30_000);
  } catch (error) {
    child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return server;
}

export const CHROMIUM = '/usr/bin/chromium';
/** Screenshots for a human to look at (gitignored). */
export const SHOTS = join(repoRoot, 'test-results', 'e2e');

/** A 1×1 grey PNG, what the thumbnail CDN answers in the e2e suite. */
const THUMBNAIL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGO4BwAA2gDZxTuG9QAAAABJRU5ErkJggg==',
  'base64',
);

/**
 * HF's thumbnail CDN answered in-process, the way the replay servers answer for arXiv: the cards of
 * the HF sample point there (model/thumbnail.ts), and the test machine has no internet. Every
 * browser context that opens board pages needs it.
 */
export async function standInForThumbnails(context: BrowserContext): Promise<void> {
  await context.route(`${THUMBNAIL_ORIGIN}/**`, (route) =>
    route.fulfill({ status: 200, contentType: 'image/png', body: THUMBNAIL_PNG }),
  );
}

export interface BrowserSession {
  server: RunningServer;
  browser: Browser;
  context: BrowserContext;
}

/** Builds if needed, boots the real binary on the sample, and opens Debian's chromium on it. */
export async function openBrowserSession(env: Record<string, string> = {}): Promise<BrowserSession> {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: install it with \`apt-get install -y chromium\``);
  ensureBuilt();
  await mkdir(SHOTS, { recursive: true });
  const server = await startServer({ env });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const context = await browser.newContext({
    baseURL: server.baseUrl,
    viewport: { width: 1280, height: 900 },
  });
  context.setDefaultTimeout(10_000);
  await standInForThumbnails(context);
  return { server, browser, context };
}

/** Collects what would tell a user something broke: script errors, console errors (CSP violations among them), failed or 4xx/5xx requests. */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    const url = message.location().url;
    if (message.type() === 'error') {
      problems.push(`console error: ${message.text()} (${url})`);
    }
  });
  page.on('requestfailed', (req) => {
    const reason = req.failure()?.errorText ?? '';
    // Chromium aborts loads still in flight when the page navigates away (often the favicon after a
    // quick click): nothing the reader sees. Refused, blocked or reset requests still count.
    if (reason === 'net::ERR_ABORTED') return;
    problems.push(`request failed: ${req.url()} ${reason}`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  return problems;
}

/** Closes the browser and stops the server, which must shut down gracefully (exit code 0). */
export async function closeBrowserSession(session: BrowserSession | undefined): Promise<void> {
  if (!session) return;
  await session.browser.close();
  try {
    const code = await session.server.stop(10_000);
    assert.equal(code, 0, `graceful shutdown should exit 0; output:\n${session.server.output()}`);
  } finally {
    await rm(session.server.dir, { recursive: true, force: true });
  }
}

/** Light and dark screenshots of a page into SHOTS (`<name>-light.png`, `<name>-dark.png`). */
export async function screenshots(
  page: Page,
  name: string,
  options: { isFullPage?: boolean } = {},
): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({
      path: join(SHOTS, `${name}-${scheme}.png`),
      fullPage: options.isFullPage ?? false,
    });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}
