// The few typed errors the core raises; each surface (HTML page, JSON API, CLI) maps them once.

export type ErrorCode =
  | 'not_found'
  | 'invalid'
  | 'unauthorized'
  | 'forbidden'
  | 'conflict'
  | 'too_large'
  | 'unavailable';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (message: string) => new AppError('not_found', message);
export const invalid = (message: string) => new AppError('invalid', message);
export const unavailable = (message: string) => new AppError('unavailable', message);

export function httpStatusOf(code: ErrorCode): 400 | 401 | 403 | 404 | 409 | 413 | 503 {
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
    case 'unavailable':
      return 503;
  }
}
