// The JSON error surface shared by /api, /feeds and the web's JSON answers: `{"error": "message",
// "code": "invalid"}` with the matching HTTP status. `error` is a string because Hugging Face's
// client (huggingface_hub utils/_http.py `_format`) shows `error` as the server message when it is a
// string and prints the whole dict otherwise; `code` stays for programs. Errors are described once
// by lib/request-errors.ts (bad input is a 4xx, never a 500) and answered by web/error-mapper.ts.

import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Logger } from '../lib/logger.js';
import { isClientAbort, type ResponseErrorCode } from '../lib/request-errors.js';

export type ApiErrorCode = ResponseErrorCode;

export interface ApiErrorBody {
  /** What went wrong, for people (and the message HF's client raises with). */
  error: string;
  /** The kind of error, for programs. */
  code: ApiErrorCode;
}

export function errorBody(code: ApiErrorCode, message: string): ApiErrorBody {
  return { error: message, code };
}

export function jsonError(c: Context, status: ContentfulStatusCode, code: ApiErrorCode, message: string) {
  return c.json(errorBody(code, message), status);
}

/** One log line for a request that ended in an error, at the level its kind deserves. */
export function logRequestError(
  log: Logger,
  c: Context,
  err: unknown,
  status: number,
  kind: 'rejected' | 'leaked' | 'failed',
): void {
  const fields = { err, method: c.req.method, path: c.req.path, status };
  if (isClientAbort(c.req.raw.signal, err)) log.info({ ...fields, status: 499 }, 'request aborted by client');
  else if (kind === 'failed') log.error(fields, 'request failed');
  else if (kind === 'leaked') log.warn(fields, 'bad input reached the database');
  else log.info(fields, 'request rejected');
}
