// Builds the application context from the effective config: the one place that opens the
// database, creates the logger and the arXiv clients. Every command starts here.

import type { Config } from '../config/config.js';
import type { AppContext } from '../context.js';
import { openDatabase } from '../db/connection.js';
import { createLogger, type Logger } from '../lib/logger.js';
import { createMailer } from '../mail/mailer.js';
import { ArxivApiClient } from '../sources/arxiv-api-client.js';
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
    onIdleConnectionError: (error) =>
      log.warn({ err: error }, 'idle database connection lost; the pool reconnects'),
  });
  const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, log });
  const arxivClients = createArxivClients(config, log);
  return { config, database, log, mailer, arxivClients, arxiv: arxivClients.api, now: () => new Date() };
}

export function createArxivClients(config: Config, log: Logger): { api: ArxivApiClient; oai: OaiPmhClient } {
  const http = new PoliteHttpClient({
    minIntervalMs: config.arxivDelayMs,
    maxAttempts: config.arxivMaxAttempts,
    timeoutMs: config.arxivTimeoutMs,
    userAgent: `Paperboard/0.1 (+${config.baseUrl})`,
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
