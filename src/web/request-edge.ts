// The request layer's checks that run before any route (web/app.ts mounts them ahead of the pages
// and the API): paths without control characters, bounded bodies, bodies that parse, and text
// without control characters. So no route, present or future, sees a NUL, a body it cannot parse
// or a 50 MB upload; each is refused here, before anything is written. (Row ids in paths and
// fields are parsed by model/row-id.ts, the one place that knows the database's integer range.)

import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { AppError, invalid, notFound } from '../lib/errors.js';
import { isClientAbort } from '../lib/request-errors.js';

/**
 * The largest request body each part of the site takes, first matching path prefix wins. Forms: a
 * 10,000-character comment of three-byte letters is 90 KiB percent-encoded. API writes (JSON with a
 * token): the same texts JSON-escaped, with room for the other fields. Nothing takes file uploads.
 */
export const BODY_LIMITS: ReadonlyArray<{ prefix: string; maxBytes: number }> = [
  { prefix: '/api/', maxBytes: 256 * 1024 },
  { prefix: '/', maxBytes: 128 * 1024 },
];

// Nothing in a path is a control character. In a field, only tab, line feed and carriage return are
// text; NUL especially never is (PostgreSQL text cannot hold it, and a header cannot carry it).
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL_IN_PATH = /[\u0000-\u001f\u007f]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * A path names no page when a segment holds a control character once decoded (NUL above all:
 * PostgreSQL text cannot hold it). Segments are decoded as hono decodes route parameters: each run
 * of escapes that is valid UTF-8, the rest left as typed (those reach the routes as plain text).
 */
export function refuseHostilePaths(): MiddlewareHandler {
  return async (c, next) => {
    if (CONTROL_IN_PATH.test(decodeLeniently(rawPath(c.req.url)))) {
      throw notFound('There is no page at this address: it holds a control character.');
    }
    await next();
  };
}

function decodeLeniently(text: string): string {
  return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (escapes) => {
    try {
      return decodeURIComponent(escapes);
    } catch {
      return escapes;
    }
  });
}

function rawPath(url: string): string {
  const start = url.indexOf('/', url.indexOf('://') + 3);
  const end = url.search(/[?#]/);
  return start === -1 ? '/' : url.slice(start, end === -1 ? undefined : end);
}

/** Bodies over the route's limit are refused with a 413, before they are read (or as soon as they pass it). */
export function limitBodies(): MiddlewareHandler {
  const limiters = BODY_LIMITS.map((limit) => ({
    prefix: limit.prefix,
    check: bodyLimit({
      maxSize: limit.maxBytes,
      onError: () => {
        throw new AppError(
          'too_large',
          `The request body is larger than ${limit.maxBytes / 1024} KiB, the most this address takes.`,
        );
      },
    }),
  }));
  return (c, next) => {
    // A read with no body announced: hono's check would build the full Request to learn it has none.
    const method = c.req.method;
    if (
      (method === 'GET' || method === 'HEAD') &&
      c.req.header('content-length') === undefined &&
      c.req.header('transfer-encoding') === undefined
    ) {
      return next();
    }
    const limiter = limiters.find((l) => c.req.path.startsWith(l.prefix)) ?? limiters[limiters.length - 1];
    return limiter ? limiter.check(c, next) : next();
  };
}

/**
 * Query parameters, and the fields of a state-changing request's form or JSON body, may not hold
 * control characters; a body that does not parse as its content type says is refused. The parsed
 * body is cached by hono, so the route's own parseBody()/json() reads the same values.
 */
export function refuseHostileText(): MiddlewareHandler {
  return async (c, next) => {
    for (const [name, values] of Object.entries(c.req.queries())) {
      checkText(`The query parameter “${shortName(name)}”`, name, values);
    }
    if (UNSAFE_METHODS.has(c.req.method)) await checkBody(c);
    await next();
  };
}

async function checkBody(c: Context): Promise<void> {
  const mediaType = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
  if (mediaType === 'multipart/form-data' || mediaType === 'application/x-www-form-urlencoded') {
    const form = await parseOrRefuse(c, () => c.req.parseBody({ all: true }), 'form data');
    for (const [name, value] of Object.entries(form)) {
      const values = (Array.isArray(value) ? value : [value]).filter((v) => typeof v === 'string');
      checkText(`The form field “${shortName(name)}”`, name, values);
    }
  } else if (mediaType === 'application/json' || mediaType.endsWith('+json')) {
    checkJson(await parseOrRefuse(c, () => c.req.json<unknown>(), 'JSON'), 'body', 0);
  }
}

async function parseOrRefuse<T>(c: Context, parse: () => Promise<T>, what: string): Promise<T> {
  try {
    return await parse();
  } catch (error) {
    if (isClientAbort(c.req.raw.signal, error)) throw error;
    throw invalid(`The request body is not valid ${what}, as its Content-Type says it is.`);
  }
}

/** No request body of ours nests deeper; a deeper one is refused rather than walked. */
const MAX_JSON_DEPTH = 32;

function checkJson(value: unknown, where: string, depth: number): void {
  if (depth > MAX_JSON_DEPTH) throw invalid(`The JSON body nests deeper than ${MAX_JSON_DEPTH} levels.`);
  if (typeof value === 'string') {
    checkText(`The JSON value at ${where}`, '', [value]);
  } else if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) checkJson(item, `${where}[${i}]`, depth + 1);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      checkText(`A JSON key in ${where}`, key, []);
      checkJson(item, `${where}.${shortName(key)}`, depth + 1);
    }
  }
}

function checkText(what: string, name: string, values: readonly string[]): void {
  if (CONTROL_IN_TEXT.test(name) || values.some((value) => CONTROL_IN_TEXT.test(value))) {
    throw invalid(`${what} holds a control character (such as NUL), which no text here may contain.`);
  }
}

function shortName(name: string): string {
  const printable = name.replace(/\p{Cc}/gu, '?');
  return printable.length > 40 ? `${printable.slice(0, 40)}…` : printable;
}
