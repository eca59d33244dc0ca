// Builds the application context from the effective config: the one place that opens the
// database, creates the logger and the arXiv clients. Every command starts here.

import type { Config } from '../config/config.js';
import type { AppContext } from '../context.js';
import { openDatabase } from '../db/connection.js';
import { createLogger, type Logger } from '../lib/logger.js';
import { createMailer } from '../mail/mailer.js';
import { ArxivApiClient } from '../sources/arxiv-api-client.js';
import { ArxivHtmlClient } from '../sources/arxiv-html-client.js';
import { OaiPmhClient } from '../sources/oai-pmh-client.js';
import { PoliteHttpClient } from '../sources/polite-http.js';

/** What every command needs; `serve` adds the search service (see createServerContext). */
export type CommandContext = Omit<AppContext, 'search' | 'arxiv'> & {
  /** One polite HTTP client behind both, so together they never have two requests at arXiv at once. */
  arxivClients: { api: ArxivApiClient; oai: OaiPmhClient };
  arxiv: ArxivApiClient;
};

export function createContext(config: Config): CommandContext {
  const log = createLogger(config.logLevel);
  const database = openDatabase({
    databaseUrl: config.databaseUrl,
    sqlitePath: config.sqlitePath,
    sqliteMemory: { cacheMb: config.sqliteCacheMb, mmapMb: config.sqliteMmapMb },
    onIdleConnectionError: (error) =>
      log.warn({ err: error }, 'idle database connection lost; the pool reconnects'),
  });
  const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, log });
  const arxivClients = createArxivClients(config, log);
  const arxiv = createSubmitLookup(config, log);
  const arxivHtml = createArxivHtmlSource(config, log);
  return {
    config,
    database,
    log,
    mailer,
    arxivClients,
    arxiv,
    ...(arxivHtml ? { arxivHtml } : {}),
    now: () => new Date(),
  };
}

/**
 * arXiv's HTML renderings for papers' Markdown form, when ARXIV_HTML_URL is set: a polite client of
 * its own (arXiv's spacing between requests, one try), so a reader never queues behind the batch
 * jobs' requests and retries. A reader waits ARXIV_HTML_TIMEOUT_MS (ingest/full-text.ts); the fetch
 * itself may take ARXIV_TIMEOUT_MS, so a slow answer is still stored for the next reader.
 */
export function createArxivHtmlSource(config: Config, log: Logger): ArxivHtmlClient | undefined {
  if (config.arxivHtmlUrl === '') return undefined;
  const http = oneTryClient(config, log, config.arxivTimeoutMs, 'arXiv HTML response');
  return new ArxivHtmlClient({ http, baseUrl: config.arxivHtmlUrl });
}

/**
 * The arXiv client of readers' submissions: a client of its own, so a reader never queues behind a
 * batch job's hundred-id requests and patient retries; one try, timed out after SUBMIT_ARXIV_TIMEOUT_MS.
 * It may overlap a job's request now and then: submissions are few (SUBMIT_DAILY_LIMIT, 10 a minute).
 */
export function createSubmitLookup(config: Config, log: Logger): ArxivApiClient {
  const http = oneTryClient(config, log, config.submitArxivTimeoutMs, 'arXiv response');
  return new ArxivApiClient({ http, baseUrl: config.arxivApiUrl });
}

/** A polite client for requests a reader waits on: arXiv's spacing, one try, its responses logged at debug. */
function oneTryClient(config: Config, log: Logger, timeoutMs: number, message: string): PoliteHttpClient {
  return new PoliteHttpClient({
    minIntervalMs: config.arxivDelayMs,
    maxAttempts: 1,
    timeoutMs,
    userAgent: userAgentOf(config),
    onEvent: (event) => {
      if (event.type === 'response') log.debug(event, message);
    },
  });
}

function userAgentOf(config: Config): string {
  return `Paperboard/0.1 (+${config.baseUrl})`;
}

export function createArxivClients(config: Config, log: Logger): { api: ArxivApiClient; oai: OaiPmhClient } {
  const http = new PoliteHttpClient({
    minIntervalMs: config.arxivDelayMs,
    maxAttempts: config.arxivMaxAttempts,
    timeoutMs: config.arxivTimeoutMs,
    userAgent: userAgentOf(config),
    onEvent: (event) => {
      if (event.type === 'retry') log.warn(event, 'arXiv request retry');
      else if (event.type === 'response') log.debug(event, 'arXiv response');
    },
  });
  return {
    api: new ArxivApiClient({ http, baseUrl: config.arxivApiUrl }),
    oai: new OaiPmhClient({ http, baseUrl: config.arxivOaiUrl }),
  };
}
