// The few typed errors the core raises; each surface (HTML page, JSON API, CLI) maps them once.

export type ErrorCode =
  | 'not_found'
  | 'invalid'
  | 'unauthorized'
  | 'forbidden'
  | 'conflict'
  | 'too_large'
  | 'rate_limited'
  | 'unavailable';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** For rate_limited (and unavailable): seconds until a retry may succeed, sent as Retry-After. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (message: string) => new AppError('not_found', message);
export const invalid = (message: string) => new AppError('invalid', message);
export const unavailable = (message: string) => new AppError('unavailable', message);
export const rateLimited = (message: string, retryAfterSeconds: number) =>
  new AppError('rate_limited', message, retryAfterSeconds);

export function httpStatusOf(code: ErrorCode): 400 | 401 | 403 | 404 | 409 | 413 | 429 | 503 {
  switch (code) {
    case 'not_found':
      return 404;
    case 'invalid':
      return 400;
    // No credentials, or a token that is unknown or revoked (RFC 9110 §15.5.2).
    case 'unauthorized':
      return 401;
    case 'forbidden':
      return 403;
    case 'conflict':
      return 409;
    case 'too_large':
      return 413;
    case 'rate_limited':
      return 429;
    case 'unavailable':
      return 503;
  }
}
