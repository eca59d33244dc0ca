// Reads a write request's JSON body against its zod schema: a missing or non-JSON body, or one that
// does not match, is a 400 naming the first offending field, before anything is written. The body has
// already passed the request edge (size, parse, control characters: web/request-edge.ts).

import type { Context } from 'hono';
import type { z } from 'zod';
import { invalid } from '../lib/errors.js';

export async function readJsonBody<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  const mediaType = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
  if (mediaType !== 'application/json')
    throw invalid('The request body must be JSON (Content-Type: application/json).');
  let body: unknown;
  try {
    body = await c.req.json<unknown>();
  } catch {
    throw invalid('The request body is not valid JSON.');
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'body';
    throw invalid(`${where}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}
