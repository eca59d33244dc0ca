// The one typed configuration schema: environment variables, overridden by CLI flags.
// Defaults give a one-box SQLite install; every option is documented in the README's table.
// Nothing outside this folder reads process.env.

import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { z } from 'zod';

const bool = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'])])
  .transform((v) => (typeof v === 'boolean' ? v : ['true', '1', 'yes', 'on'].includes(v)));

export const configSchema = z.object({
  /** `postgres://…` for the scale-out mode; empty for the embedded SQLite database. */
  databaseUrl: z
    .string()
    .default('')
    .refine((v) => v === '' || /^postgres(ql)?:\/\//.test(v), 'must be empty or a postgres:// URL'),
  /** SQLite database file (embedded mode). */
  sqlitePath: z.string().min(1).default('./data/paperboard.db'),
  host: z.string().min(1).default('0.0.0.0'),
  port: z.coerce.number().int().min(0).max(65535).default(8080),
  /** Public base URL used in feeds, emails and canonical links; empty: from HOST and PORT (deriveBaseUrl). */
  baseUrl: z.string().url().or(z.literal('')).default(''),
  siteName: z.string().min(1).default('Paperboard'),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Run the scheduled arXiv ingest inside `serve`. */
  ingestEnabled: bool.default(false),
  /**
   * Behind a reverse proxy: take the client's address from the first X-Forwarded-For entry (for
   * per-IP rate limits). Off by default, because without a proxy that header is whatever clients say.
   */
  trustProxy: bool.default(false),
  /** arXiv categories the scheduled ingest pulls (OAI-PMH sets are derived from them). */
  ingestCategories: z
    .string()
    .default('cs.AI,cs.CL,cs.CV,cs.LG')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  /** Minutes between scheduled ingests. */
  ingestIntervalMinutes: z.coerce.number().int().min(5).default(360),
  /** Base URL of the arXiv API (`/api/query`). */
  arxivApiUrl: z.string().url().default('https://export.arxiv.org/api/query'),
  /** Base URL of arXiv's OAI-PMH endpoint. */
  arxivOaiUrl: z.string().url().default('https://oaipmh.arxiv.org/oai'),
  /** Minimum delay between two requests to arXiv, in ms (arXiv's terms ask for 3 s). */
  arxivDelayMs: z.coerce.number().int().min(0).default(3000),
  /** Attempts per arXiv request before giving up (503s, timeouts, dropped connections). */
  arxivMaxAttempts: z.coerce.number().int().min(1).max(20).default(5),
  /** Per-request timeout for arXiv, in ms. */
  arxivTimeoutMs: z.coerce.number().int().min(1000).default(60000),
  /**
   * Look up arXiv's metadata (categories, comments, journal ref, DOI) of papers that lack it (HF
   * imports) from `serve`, 100 per arXiv API request. Off by default, like the ingest: the hub talks
   * to arXiv only when told; leave it off on an offline install. `paperboard enrich` does it by hand.
   */
  enrichEnabled: bool.default(false),
  /** Minutes between enrichment runs in `serve`; each run stops starting batches after half of it. */
  enrichIntervalMinutes: z.coerce.number().int().min(1).default(15),
  /** Most id_list requests (of 100 papers) per enrichment run in `serve`. */
  enrichBatchesPerRun: z.coerce.number().int().min(1).max(1000).default(20),
  /**
   * How long a submission waits for arXiv, in ms: one try, no retries, so a reader gets an answer
   * ("arXiv did not answer") quickly instead of the batch jobs' minutes of patient retrying.
   */
  submitArxivTimeoutMs: z.coerce.number().int().min(100).max(120000).default(10000),
  /**
   * Where arXiv's HTML renderings are (`https://arxiv.org/html`): a paper's Markdown form
   * (`/papers/{id}.md`) then carries the paper's body, fetched once per paper and kept in the
   * database. Empty (the default, for offline installs): the Markdown form has the abstract only.
   */
  arxivHtmlUrl: z.string().url().or(z.literal('')).default(''),
  /**
   * How long a reader of a paper's Markdown waits for arXiv's HTML before getting the abstract only;
   * the fetch goes on (up to ARXIV_TIMEOUT_MS) and stores the body for the next reader.
   */
  arxivHtmlTimeoutMs: z.coerce.number().int().min(100).max(120000).default(10000),
  /** Papers shown per board page. */
  boardPageSize: z.coerce.number().int().min(1).max(500).default(50),
  /** Folder of the derived search index (each app instance keeps its own); empty: `search/` beside SQLITE_PATH. */
  searchIndexDir: z.string().default(''),
  /**
   * Worker threads answering searches, so queries never block page serving. One core is left to the
   * main thread by default: with every core searching, cheap pages waited 3× longer at p99.
   */
  searchWorkers: z.coerce
    .number()
    .int()
    .min(1)
    .max(16)
    .default(Math.max(1, availableParallelism() - 1)),
  /**
   * SQLite page cache of each connection to the store (the server's, its index and embedding threads'),
   * in MB: private memory, counted in the server's RSS once filled.
   */
  sqliteCacheMb: z.coerce.number().int().min(1).max(65536).default(64),
  /**
   * How much of the store's SQLite file each connection reads through mmap, in MB (0: plain reads
   * through the OS page cache). Mapped pages it touched count in RSS, though the OS may drop them.
   */
  sqliteMmapMb: z.coerce.number().int().min(0).max(1048576).default(256),
  /** SQLite page cache of each search index connection (one per search worker, and the index thread's), in MB. */
  searchIndexCacheMb: z.coerce.number().int().min(1).max(65536).default(128),
  /** How much of the search index file each of its connections reads through mmap, in MB (0: plain reads). */
  searchIndexMmapMb: z.coerce.number().int().min(0).max(1048576).default(1024),
  /**
   * Worker threads of `paperboard import`, each parsing and writing its share of the input. Two on a
   * 2-core machine imported 1.3–1.4× faster than one; SQLite writers take turns, so more rarely helps.
   */
  importWorkers: z.coerce.number().int().min(1).max(16).default(defaultImportWorkers()),
  /** SMTP server for sign-in links and digests (`smtp://user:pass@host:587`, `smtps://…`); empty: mail is logged, not sent. */
  smtpUrl: z
    .string()
    .default('')
    .refine((v) => v === '' || /^smtps?:\/\//.test(v), 'must be an smtp:// or smtps:// URL'),
  /** Sender of every email. */
  mailFrom: z.string().min(3).default('Paperboard <paperboard@localhost>'),
  /** Readers may submit papers first published at most this many days ago (admins: any). */
  submitMaxAgeDays: z.coerce.number().int().min(0).default(14),
  /** Papers a reader may submit per day (admins: no limit). */
  submitDailyLimit: z.coerce.number().int().min(0).default(5),
  /** How often the search index polls the change log, in ms. */
  searchPollMs: z.coerce.number().int().min(100).default(2000),
  /**
   * Memory for rendered pages, API answers and feeds served to anonymous readers, in MB (each body
   * with its gzip and brotli forms; least recently used first out). 0 turns the render cache off.
   */
  renderCacheMb: z.coerce.number().min(0).max(65536).default(64),
  /**
   * Longest a cached body is served, in seconds, even with no change in the change log: what depends
   * on the clock alone (today's board after midnight, trending's decay, new similar-paper lists).
   */
  renderCacheSeconds: z.coerce.number().int().min(1).max(86400).default(60),
  /** Send email digests from `serve` (when SMTP_URL is set). */
  digestEnabled: bool.default(true),
  /** Seconds between the digest job's runs in `serve` (enqueue what is due, send it). */
  digestIntervalSeconds: z.coerce.number().int().min(5).default(60),
  /** SMTP connections a digest run keeps open. */
  digestConnections: z.coerce.number().int().min(1).max(50).default(4),
  /** Attempts at a digest that keeps failing transiently (4xx, lost connections) before it is given up. */
  digestMaxAttempts: z.coerce.number().int().min(1).max(50).default(6),
  /** Permanent failures (5xx) in a row after which an address is marked bouncing and gets no more digests. */
  digestBounceLimit: z.coerce.number().int().min(1).max(20).default(3),
  /**
   * How long a sender's claim on a digest lasts: a sender that dies mid-run frees its digests (or
   * has them counted as sent, if it had committed them to the SMTP server) after this.
   */
  digestLeaseSeconds: z.coerce.number().int().min(1).default(600),
  /** First retry delay after a failure, in seconds; doubles with each attempt (at most 6 hours). */
  digestRetrySeconds: z.coerce.number().min(0).default(300),
  /**
   * Address for `List-Unsubscribe: <mailto:…>` requests (RFC 2369), handled with `paperboard digest
   * unsubscribe`; empty: MAIL_FROM's address; `none`: only the one-click https link.
   */
  digestUnsubscribeMailto: z.string().default(''),
  /**
   * Base URL of an OpenAI-compatible embeddings server (Text Embeddings Inference, Ollama, llama.cpp,
   * vLLM), with or without the trailing `/v1`; empty: the offline LSA model trained on the hub's abstracts.
   */
  embeddingsUrl: z
    .string()
    .default('')
    .refine((v) => v === '' || /^https?:\/\/[^/]/.test(v), 'must be empty or an http(s):// URL'),
  /** Model name sent to the embeddings server (required with EMBEDDINGS_URL). */
  embeddingsModel: z.string().default(''),
  /** Texts per /v1/embeddings request. */
  embeddingsBatchSize: z.coerce.number().int().min(1).max(2048).default(64),
  /** Sent as `Authorization: Bearer …` when set; redacted by `paperboard config`. */
  embeddingsApiKey: z.string().default(''),
  /** Per-request timeout for the embeddings server, in ms. */
  embeddingsTimeoutMs: z.coerce.number().int().min(100).default(30000),
  /** Dimensions of the offline LSA model's vectors. */
  lsaDimensions: z.coerce.number().int().min(16).max(1024).default(256),
});

export type Config = z.infer<typeof configSchema>;

export function defaultImportWorkers(): number {
  return Math.max(1, Math.min(2, availableParallelism()));
}
export type ConfigInput = z.input<typeof configSchema>;

/** Environment variable for each option (the README's configuration table lists the same). */
export const envNames: Record<keyof Config, string> = {
  databaseUrl: 'DATABASE_URL',
  sqlitePath: 'SQLITE_PATH',
  host: 'HOST',
  port: 'PORT',
  baseUrl: 'BASE_URL',
  siteName: 'SITE_NAME',
  logLevel: 'LOG_LEVEL',
  ingestEnabled: 'INGEST_ENABLED',
  trustProxy: 'TRUST_PROXY',
  ingestCategories: 'INGEST_CATEGORIES',
  ingestIntervalMinutes: 'INGEST_INTERVAL_MINUTES',
  arxivApiUrl: 'ARXIV_API_URL',
  arxivOaiUrl: 'ARXIV_OAI_URL',
  arxivDelayMs: 'ARXIV_DELAY_MS',
  arxivMaxAttempts: 'ARXIV_MAX_ATTEMPTS',
  arxivTimeoutMs: 'ARXIV_TIMEOUT_MS',
  enrichEnabled: 'ENRICH_ENABLED',
  enrichIntervalMinutes: 'ENRICH_INTERVAL_MINUTES',
  enrichBatchesPerRun: 'ENRICH_BATCHES_PER_RUN',
  submitArxivTimeoutMs: 'SUBMIT_ARXIV_TIMEOUT_MS',
  arxivHtmlUrl: 'ARXIV_HTML_URL',
  arxivHtmlTimeoutMs: 'ARXIV_HTML_TIMEOUT_MS',
  boardPageSize: 'BOARD_PAGE_SIZE',
  searchIndexDir: 'SEARCH_INDEX_DIR',
  searchWorkers: 'SEARCH_WORKERS',
  searchPollMs: 'SEARCH_POLL_MS',
  renderCacheMb: 'RENDER_CACHE_MB',
  renderCacheSeconds: 'RENDER_CACHE_SECONDS',
  importWorkers: 'IMPORT_WORKERS',
  sqliteCacheMb: 'SQLITE_CACHE_MB',
  sqliteMmapMb: 'SQLITE_MMAP_MB',
  searchIndexCacheMb: 'SEARCH_INDEX_CACHE_MB',
  searchIndexMmapMb: 'SEARCH_INDEX_MMAP_MB',
  smtpUrl: 'SMTP_URL',
  submitMaxAgeDays: 'SUBMIT_MAX_AGE_DAYS',
  submitDailyLimit: 'SUBMIT_DAILY_LIMIT',
  mailFrom: 'MAIL_FROM',
  digestEnabled: 'DIGEST_ENABLED',
  digestIntervalSeconds: 'DIGEST_INTERVAL_SECONDS',
  digestConnections: 'DIGEST_CONNECTIONS',
  digestMaxAttempts: 'DIGEST_MAX_ATTEMPTS',
  digestBounceLimit: 'DIGEST_BOUNCE_LIMIT',
  digestLeaseSeconds: 'DIGEST_LEASE_SECONDS',
  digestRetrySeconds: 'DIGEST_RETRY_SECONDS',
  digestUnsubscribeMailto: 'DIGEST_UNSUBSCRIBE_MAILTO',
  embeddingsUrl: 'EMBEDDINGS_URL',
  embeddingsModel: 'EMBEDDINGS_MODEL',
  embeddingsBatchSize: 'EMBEDDINGS_BATCH_SIZE',
  embeddingsApiKey: 'EMBEDDINGS_API_KEY',
  embeddingsTimeoutMs: 'EMBEDDINGS_TIMEOUT_MS',
  lsaDimensions: 'LSA_DIMENSIONS',
};

/** Options holding secrets as a whole (not inside a URL): printed as `***` when set. */
const secretKeys: (keyof Config)[] = ['embeddingsApiKey'];

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Builds the effective config: defaults < environment (the process's unless given) < explicit overrides (CLI flags). */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  overrides: Partial<ConfigInput> = {},
): Config {
  const fromEnv: Record<string, string> = {};
  for (const [key, name] of Object.entries(envNames)) {
    const value = env[name];
    if (value !== undefined && value !== '') fromEnv[key] = value;
  }
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  const parsed = configSchema.safeParse({ ...fromEnv, ...defined });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0]) as keyof Config;
      return `${envNames[key] ?? key}: ${issue.message}`;
    });
    throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
  }
  const config = parsed.data;
  if (config.embeddingsUrl !== '' && config.embeddingsModel.trim() === '') {
    throw new ConfigError('invalid configuration: EMBEDDINGS_MODEL: required when EMBEDDINGS_URL is set');
  }
  if (config.searchIndexDir === '') config.searchIndexDir = join(dirname(config.sqlitePath), 'search');
  if (config.baseUrl === '') config.baseUrl = deriveBaseUrl(config.host, config.port);
  return config;
}

/**
 * The base URL when BASE_URL is not set: where this process listens, so a `serve --port 28472`
 * links to itself. A wildcard address (0.0.0.0, ::) becomes `localhost`; IPv6 literals get brackets.
 */
export function deriveBaseUrl(host: string, port: number): string {
  const name = host === '0.0.0.0' || host === '::' || host === '[::]' ? 'localhost' : host;
  const bracketed = name.includes(':') && !name.startsWith('[') ? `[${name}]` : name;
  return `http://${bracketed}:${port}`;
}

/** Whether BASE_URL was left unset, so the base URL was derived from HOST and PORT. */
export function isBaseUrlDerived(env: Record<string, string | undefined> = process.env): boolean {
  return (env[envNames.baseUrl] ?? '') === '';
}

/** Whether only this machine can reach an address (so links derived from it are right only here). */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '::1' || host === '[::1]';
}

/** The config with secrets (passwords in URLs) redacted, for `paperboard config` and logs. */
export function redactConfig(config: Config): Record<string, unknown> {
  const out: Record<string, unknown> = { ...config };
  for (const [key, value] of Object.entries(out)) {
    if (typeof value === 'string' && /^[a-z][a-z0-9+.-]*:\/\/[^/]*:[^@/]*@/i.test(value)) {
      out[key] = value.replace(/(\/\/[^:/]*:)[^@/]*@/, '$1***@');
    }
    if (secretKeys.includes(key as keyof Config) && value !== '') out[key] = '***';
  }
  return out;
}
