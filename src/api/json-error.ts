// The JSON error surface shared by /api and /feeds: `{"error":{"code","message"}}` with the matching
// HTTP status. Core AppErrors map once here; anything else is logged and reported as a 500.

import type { Context, ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError, type ErrorCode, httpStatusOf } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';

export type ApiErrorCode = ErrorCode | 'internal';

export interface ApiErrorBody {
  error: { code: ApiErrorCode; message: string };
}

export function jsonError(c: Context, status: ContentfulStatusCode, code: ApiErrorCode, message: string) {
  const body: ApiErrorBody = { error: { code, message } };
  return c.json(body, status);
}

const CODE_BY_STATUS: Partial<Record<number, ErrorCode>> = {
  400: 'invalid',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
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
