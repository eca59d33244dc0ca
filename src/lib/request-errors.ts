// Maps whatever answering a request threw to the status, code and message the client gets: the one
// mapping behind the HTML error page (web/routes/index.ts) and the JSON error body
// (api/json-error.ts). Bad input is never a 500: typed core errors, hono's 4xx (the validator, the
// body limit), bodies the platform could not parse and values the database refused as data all map
// to a 4xx. Only our own failures are a 500, without internals.

import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError, type ErrorCode, httpStatusOf } from './errors.js';

export type ResponseErrorCode = ErrorCode | 'internal';

export interface DescribedError {
  status: ContentfulStatusCode;
  code: ResponseErrorCode;
  message: string;
  /**
   * How the log should see it: `rejected` is the client's mistake (info); `leaked` is bad input
   * that got as far as the database before being refused, so a check is missing (warn); `failed`
   * is ours (error).
   */
  kind: 'rejected' | 'leaked' | 'failed';
  /** Sent as Retry-After (a rate limit's wait). */
  retryAfterSeconds?: number;
}

const CODES_BY_STATUS: Partial<Record<number, ResponseErrorCode>> = {
  400: 'invalid',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'too_large',
  429: 'rate_limited',
  503: 'unavailable',
};

export function describeError(error: unknown): DescribedError {
  if (error instanceof AppError) {
    return {
      status: httpStatusOf(error.code),
      code: error.code,
      message: error.message,
      kind: 'rejected',
      ...(error.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: error.retryAfterSeconds }),
    };
  }
  if (error instanceof HTTPException && error.status >= 400 && error.status < 500) {
    const status = error.status as ContentfulStatusCode;
    return {
      status,
      code: CODES_BY_STATUS[status] ?? 'invalid',
      message: error.message || 'The request was rejected.',
      kind: 'rejected',
    };
  }
  // The request layer parses bodies first (web/request-edge.ts); this is the net behind it.
  if (error instanceof TypeError && error.message.startsWith('Failed to parse body as FormData')) {
    return {
      status: 400,
      code: 'invalid',
      message: 'The form data in the request is malformed.',
      kind: 'rejected',
    };
  }
  if (isDatabaseDataError(error)) {
    return {
      status: 400,
      code: 'invalid',
      message: 'A value in the request is out of range, or is not text that can be stored.',
      kind: 'leaked',
    };
  }
  return {
    status: 500,
    code: 'internal',
    message: 'An unexpected error occurred; it has been logged.',
    kind: 'failed',
  };
}

/**
 * PostgreSQL's "data exception" class (SQLSTATE 22xxx: integer out of range, NUL in text, invalid
 * byte sequences): the database refused a value a request carried, which is bad input, not a fault.
 * https://www.postgresql.org/docs/current/errcodes-appendix.html
 */
function isDatabaseDataError(error: unknown): boolean {
  if (!(error instanceof Error) || !('severity' in error)) return false;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code);
}

/**
 * Whether the client went away before the answer (it hung up mid-body, or gave up waiting): the
 * node server aborts the request's signal then. Such a request is logged as an abort, not a 500.
 */
export function isClientAbort(signal: AbortSignal | undefined, error?: unknown): boolean {
  if (signal?.aborted) return true;
  const code = (error as { code?: unknown } | undefined)?.code;
  return error instanceof Error && (code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE');
}
