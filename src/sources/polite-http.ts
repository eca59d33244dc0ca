// A small HTTP GET client for rate-limited services (arXiv API, arXiv OAI-PMH): one request at a
// time, a minimum gap between request starts, timeouts, and retries with backoff or Retry-After.
// Used by sources/arxiv-api-client.ts and sources/oai-pmh-client.ts; built once by cli/.
// arXiv's terms (https://info.arxiv.org/help/api/tou.html): one connection at a time, one request
// every 3 seconds. Retry-After: RFC 9110 §10.2.3 (https://www.rfc-editor.org/rfc/rfc9110#field.retry-after).

import { setTimeout as delay } from 'node:timers/promises';
import { AppError } from '../lib/errors.js';

export interface PoliteHttpOptions {
  /** Minimum time between the starts of two requests (arXiv's terms: 3 s). */
  minIntervalMs: number;
  /** Requests per URL before giving up, the first one included. */
  maxAttempts: number;
  /** Per-attempt timeout, covering headers and body. */
  timeoutMs: number;
  /** Sent as User-Agent; arXiv asks clients to identify themselves. */
  userAgent: string;
  /** First retry backoff; doubles per retry. Default: max(1 s, minIntervalMs). */
  backoffBaseMs?: number;
  /** Upper bound of the exponential backoff (before jitter). Default 2 min. */
  maxBackoffMs?: number;
  /** Upper bound for a server's Retry-After. Default 5 min. */
  maxRetryAfterMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /** Jitter source in [0, 1); injectable so tests can assert exact waits. */
  random?: () => number;
  onEvent?: (event: PoliteHttpEvent) => void;
}

export interface HttpTextResponse {
  status: number;
  body: string;
  /** Final URL after redirects. */
  url: string;
}

export type RetryReason = 'status' | 'timeout' | 'network';

export type PoliteHttpEvent =
  | { type: 'wait'; url: string; waitMs: number }
  | {
      type: 'retry';
      url: string;
      /** The attempt that failed (1-based). */
      attempt: number;
      maxAttempts: number;
      reason: RetryReason;
      status?: number;
      detail: string;
      waitMs: number;
      isRetryAfter: boolean;
    }
  | { type: 'response'; url: string; status: number; attempt: number; durationMs: number };

/**
 * Thrown when every attempt failed; names the URL, the last status or error, and the attempt count.
 * An AppError('unavailable') so each surface maps it like any other outage (HTTP 503, CLI exit).
 */
export class HttpUnavailableError extends AppError {
  readonly url: string;
  readonly attempts: number;
  readonly reason: RetryReason;
  /** Last HTTP status, when the last attempt got a response. */
  readonly status?: number;

  constructor(failure: {
    url: string;
    attempts: number;
    reason: RetryReason;
    detail: string;
    status?: number;
  }) {
    const { url, attempts, detail } = failure;
    super(
      'unavailable',
      `GET ${url} failed after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${detail}`,
    );
    this.name = 'HttpUnavailableError';
    this.url = url;
    this.attempts = attempts;
    this.reason = failure.reason;
    if (failure.status !== undefined) this.status = failure.status;
  }
}

/** Outcome of one attempt: a response to hand back, or a failure worth retrying. */
type Attempt =
  | { ok: true; response: HttpTextResponse }
  | {
      ok: false;
      reason: RetryReason;
      detail: string;
      status?: number;
      retryAfterMs?: number;
      cause?: unknown;
    };

const DEFAULT_MAX_BACKOFF_MS = 120_000;
const DEFAULT_MAX_RETRY_AFTER_MS = 300_000;

export class PoliteHttpClient {
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly backoffBaseMs: number;
  private readonly maxBackoffMs: number;
  private readonly maxRetryAfterMs: number;
  /** Tail of the request queue: each call chains onto it, so requests never overlap. */
  private queue: Promise<unknown> = Promise.resolve();
  private lastStartAt: number | undefined;

  constructor(private readonly options: PoliteHttpOptions) {
    if (options.maxAttempts < 1) throw new RangeError('maxAttempts must be at least 1');
    this.sleep = options.sleep ?? ((ms) => delay(ms));
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.backoffBaseMs = options.backoffBaseMs ?? Math.max(1000, options.minIntervalMs);
    this.maxBackoffMs = options.maxBackoffMs ?? DEFAULT_MAX_BACKOFF_MS;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS;
  }

  /**
   * GETs a URL as text. 2xx and 4xx other than 429 are returned (arXiv's API answers a bad query
   * with HTTP 400 and an Atom error feed the caller parses); 429, 5xx, timeouts and network errors
   * are retried, and after maxAttempts an HttpUnavailableError is thrown.
   */
  getText(url: string): Promise<HttpTextResponse> {
    new URL(url); // a malformed URL is a bug, not an outage: fail now instead of retrying
    const run = this.queue.then(() => this.getWithRetries(url));
    // The next request waits for this one whether it succeeds or fails.
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async getWithRetries(url: string): Promise<HttpTextResponse> {
    const { maxAttempts } = this.options;
    for (let attempt = 1; ; attempt++) {
      await this.waitForTurn(url);
      const result = await this.attemptOnce(url, attempt);
      if (result.ok) return result.response;
      if (attempt >= maxAttempts) {
        const error = new HttpUnavailableError({ ...result, url, attempts: attempt });
        error.cause = result.cause;
        throw error;
      }
      const { retryAfterMs } = result;
      const isRetryAfter = retryAfterMs !== undefined;
      const waitMs = isRetryAfter ? Math.min(retryAfterMs, this.maxRetryAfterMs) : this.backoff(attempt);
      const { reason, status, detail } = result;
      this.emit({ type: 'retry', url, attempt, maxAttempts, reason, status, detail, waitMs, isRetryAfter });
      await this.sleep(waitMs);
    }
  }

  /** Spaces request starts by minIntervalMs (arXiv API terms of use: one request every 3 s). */
  private async waitForTurn(url: string): Promise<void> {
    if (this.lastStartAt !== undefined) {
      const waitMs = this.lastStartAt + this.options.minIntervalMs - this.now();
      if (waitMs > 0) {
        this.emit({ type: 'wait', url, waitMs });
        await this.sleep(waitMs);
      }
    }
    this.lastStartAt = this.now();
  }

  private async attemptOnce(url: string, attempt: number): Promise<Attempt> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.options.timeoutMs);
    const startedAt = this.now();
    try {
      const res = await fetch(url, {
        headers: { 'User-Agent': this.options.userAgent },
        signal: controller.signal,
      });
      const body = await res.text();
      this.emit({ type: 'response', url, status: res.status, attempt, durationMs: this.now() - startedAt });
      return classifyResponse({ status: res.status, body, url: res.url || url }, res.headers, this.now());
    } catch (error) {
      if (controller.signal.aborted) {
        return {
          ok: false,
          reason: 'timeout',
          detail: `timed out after ${this.options.timeoutMs} ms`,
          cause: error,
        };
      }
      return { ok: false, reason: 'network', detail: `network error: ${describeError(error)}`, cause: error };
    } finally {
      clearTimeout(timer);
    }
  }

  /** Exponential backoff with up to 50% added jitter, so clients that failed together spread out. */
  private backoff(failedAttempt: number): number {
    const base = Math.min(this.maxBackoffMs, this.backoffBaseMs * 2 ** (failedAttempt - 1));
    return Math.round(base * (1 + this.random() / 2));
  }

  private emit(event: PoliteHttpEvent): void {
    this.options.onEvent?.(event);
  }
}

function classifyResponse(response: HttpTextResponse, headers: Headers, nowMs: number): Attempt {
  const { status } = response;
  const isRetryable = status === 429 || status >= 500;
  if (!isRetryable) return { ok: true, response };
  // RFC 9110 §10.2.3: Retry-After accompanies 503 (and RFC 6585 §4: 429) to say when to come back.
  const retryAfterMs =
    status === 429 || status === 503 ? parseRetryAfter(headers.get('retry-after'), nowMs) : undefined;
  return { ok: false, reason: 'status', status, detail: `HTTP ${status}`, retryAfterMs };
}

/**
 * Parses a Retry-After value (RFC 9110 §10.2.3): delay-seconds or an HTTP-date.
 * Returns the wait in ms (never negative), or undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // An HTTP-date always names a day and month; anything else numeric-looking is junk.
  const at = /[a-z]/i.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

/** fetch() reports socket failures as `TypeError: fetch failed` with the real reason in `cause`. */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause;
  if (cause instanceof Error) {
    const code = (cause as NodeJS.ErrnoException).code;
    return `${error.message} (${code ? `${code}: ` : ''}${cause.message})`;
  }
  return error.message;
}
