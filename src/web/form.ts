// The request layer for web forms and page queries: a route names its form's (or query string's) zod
// schema (web/forms/) and gets the parsed values, or a 4xx with a message. Malformed or boundary-less
// multipart and oversized bodies end as 400/413 (the request edge usually refuses them first), never
// a 500; a body that is not form data reads as an empty form. Called by every web POST route and by
// the pages that take `?p=` and filters.

import type { Context } from 'hono';
import type { z } from 'zod';
import { AppError, type ErrorCode } from '../lib/errors.js';

/** A form's fields as text: a repeated field counts once (the last), and files are not text. */
export type FormFields = Record<string, string>;

export type FormResult<T> =
  | { ok: true; value: T; fields: FormFields }
  | { ok: false; status: 400 | 404; message: string; fields: FormFields };

const FORM_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data']);

/** The request's form fields; a body with no form content type reads as an empty form. */
export async function readFormFields(c: Context): Promise<FormFields> {
  const mediaType = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
  if (!FORM_TYPES.has(mediaType)) return {};
  // A body that does not parse (no boundary, truncated) throws hono's TypeError and an oversized one
  // the body limit's 413: lib/request-errors.ts maps both to 4xx for the error mapper.
  const body = await c.req.parseBody();
  const fields: FormFields = {};
  for (const [name, value] of Object.entries(body)) if (typeof value === 'string') fields[name] = value;
  return fields;
}

/**
 * The form parsed by its schema, or why not: the first problem's message, and its status (400, or
 * the 404 a field asks for with `params: { status: 404 }`, as "no such paper" does).
 */
export async function readForm<T extends z.ZodType>(c: Context, schema: T): Promise<FormResult<z.output<T>>> {
  return parseFields(await readFormFields(c), schema);
}

/** A page's query string parsed by its schema (a repeated parameter counts once, the first). */
export function readQuery<T extends z.ZodType>(c: Context, schema: T): Promise<FormResult<z.output<T>>> {
  return parseFields(c.req.query(), schema);
}

/** The page's query values, or its 4xx thrown for the error mapper (the error page). */
export async function requireQuery<T extends z.ZodType>(c: Context, schema: T): Promise<z.output<T>> {
  return formValue(await readQuery(c, schema));
}

async function parseFields<T extends z.ZodType>(
  fields: FormFields,
  schema: T,
): Promise<FormResult<z.output<T>>> {
  const parsed = await schema.safeParseAsync(fields);
  if (parsed.success) return { ok: true, value: parsed.data, fields };
  const issue = parsed.error.issues[0];
  const status = (issue as { params?: { status?: unknown } } | undefined)?.params?.status === 404 ? 404 : 400;
  const message =
    issue?.code === 'custom' ? issue.message : `${issue?.path.join('.') ?? 'form'}: ${issue?.message}`;
  return { ok: false, status, message, fields };
}

const CODES: Record<400 | 404, ErrorCode> = { 400: 'invalid', 404: 'not_found' };

/** A read form's values; otherwise its 4xx is thrown for the error mapper to answer (page or JSON). */
export function formValue<T>(result: FormResult<T>): T {
  if (!result.ok) throw new AppError(CODES[result.status], result.message);
  return result.value;
}

/** The parsed form, or its 4xx thrown: for forms whose refusal is the plain error page. */
export async function requireForm<T extends z.ZodType>(c: Context, schema: T): Promise<z.output<T>> {
  return formValue(await readForm(c, schema));
}
