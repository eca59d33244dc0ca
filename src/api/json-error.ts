// The JSON error surface shared by /api, /feeds and the web's JSON answers: `{"error": "message",
// "code": "invalid"}` with the matching HTTP status. `error` is a string because Hugging Face's
// client (huggingface_hub utils/_http.py `_format`) shows `error` as the server message when it is a
// string and prints the whole dict otherwise; `code` stays for programs. Core AppErrors map once here;
// anything else is logged and reported as a 500.

import type { Context, ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError, type ErrorCode, httpStatusOf } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';

export type ApiErrorCode = ErrorCode | 'internal' | 'rate_limited';

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

const CODE_BY_STATUS: Partial<Record<number, ApiErrorCode>> = {
  400: 'invalid',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  429: 'rate_limited',
  503: 'unavailable',
};

/** An `onError` handler for a JSON sub-app; unexpected errors are logged with the request. */
export function apiErrorHandler(log: Logger): ErrorHandler {
  return (err, c) => {
    if (err instanceof AppError) return jsonError(c, httpStatusOf(err.code), err.code, err.message);
    if (err instanceof HTTPException && err.status < 500) {
      return jsonError(c, err.status, CODE_BY_STATUS[err.status] ?? 'invalid', err.message || 'bad request');
    }
    log.error({ err, method: c.req.method, path: c.req.path }, 'api request failed');
    return jsonError(c, 500, 'internal', 'internal server error');
  };
}
