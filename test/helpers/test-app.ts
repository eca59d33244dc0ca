// An app context over a test database with a fixed clock and silent logs, for `app.request()` tests.
import { join } from 'node:path';
import { createArxivHtmlSource, createSubmitLookup } from '../../src/cli/context.js';
import { loadConfig } from '../../src/config/config.js';
import type { AppContext } from '../../src/context.js';
import { silentLogger } from '../../src/lib/logger.js';
import { createMailer } from '../../src/mail/mailer.js';
import { InProcessSearch } from '../../src/search/in-process-search.js';
import { refreshSimilar } from '../../src/search/similar-job.js';
import { type TestDatabase, tempDir } from './test-db.js';

export const FIXED_NOW = new Date('2026-08-21T12:00:00.000Z');

export interface TestContext extends AppContext {
  search: InProcessSearch;
}

/** The search index lives in a fresh temp folder; call `ctx.search.catchUp()` after loading papers. */
export function testContext(
  database: TestDatabase,
  now: Date = FIXED_NOW,
  overrides: {
    smtpUrl?: string;
    arxivApiUrl?: string;
    arxivDelayMs?: number;
    submitArxivTimeoutMs?: number;
    arxivHtmlUrl?: string;
    arxivHtmlTimeoutMs?: number;
  } = {},
): TestContext {
  const config = loadConfig(
    {},
    { baseUrl: 'http://paperboard.test', searchIndexDir: join(tempDir(), 'search'), ...overrides },
  );
  const log = silentLogger();
  const arxivHtml = createArxivHtmlSource(config, log);
  return {
    config,
    database,
    log,
    mailer: createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, log }),
    arxiv: createSubmitLookup(config, log),
    ...(arxivHtml ? { arxivHtml } : {}),
    search: new InProcessSearch(config.searchIndexDir, database),
    now: () => now,
  };
}

/**
 * What serve's similar-papers job does on a fresh install, once: a stored list for every paper (pages
 * and the API only read stored lists).
 */
export async function storeSimilarLists(ctx: TestContext): Promise<void> {
  await ctx.search.catchUp();
  await refreshSimilar({ database: ctx.database, search: ctx.search, log: silentLogger(), now: ctx.now });
}
