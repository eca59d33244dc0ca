// Field parsers shared by the web forms' schemas: what a form posts is text, so each turns a field
// into a typed value or one message for the reader (web/form.ts shows it). Used by web/forms/*.

import { z } from 'zod';
import { parseArxivId } from '../../model/arxiv-id.js';
import { parseRowId } from '../../model/row-id.js';
import { safeReturnPath } from '../return-path.js';

type Issues = z.core.$RefinementCtx;

/** Adds the reader's message (and a status other than 400, when the form means "no such thing"). */
export function refuse(ctx: Issues, message: string, status: 400 | 404 = 400): never {
  ctx.addIssue({ code: 'custom', message, ...(status === 404 ? { params: { status } } : {}) });
  return z.NEVER as never;
}

/** A text field as typed; absent is "". */
export const text = () =>
  z
    .string()
    .optional()
    .transform((value) => value ?? '');

/** A text field trimmed, with Windows line ends made plain. */
export const trimmedText = () => text().transform((value) => value.replace(/\r\n/g, '\n').trim());

/** A checkbox: ticked when present. */
export const checkbox = () =>
  z
    .string()
    .optional()
    .transform((value) => value !== undefined);

/** An arXiv id (or URL) field: the canonical id, or `message` (with `status`) when it is not one. */
export const arxivIdField = (message: string, status: 400 | 404 = 400) =>
  text().transform((value, ctx) => parseArxivId(value)?.id ?? refuse(ctx, message, status));

/** An optional row id field (a comment replied to): undefined when empty. */
export const optionalRowId = (message: string) =>
  text().transform((value, ctx) => (value === '' ? undefined : (parseRowId(value) ?? refuse(ctx, message))));

/** A row id field (a report's target), or `message` with `status`. */
export const rowIdField = (message: string, status: 400 | 404 = 400) =>
  text().transform((value, ctx) => parseRowId(value) ?? refuse(ctx, message, status));

/** One of a few words; absent is `fallback` when given. */
export const choice = <const T extends readonly [string, ...string[]]>(
  values: T,
  message: string,
  fallback?: T[number],
) =>
  z
    .string()
    .optional()
    .transform((value, ctx): T[number] => {
      const found = values.find((v) => v === (value ?? fallback));
      return found ?? refuse(ctx, message);
    });

/** One of a few words, or undefined when absent or empty (a GET form sends an empty field as `x=`). */
export const optionalChoice = <const T extends readonly [string, ...string[]]>(values: T, message: string) =>
  z
    .string()
    .optional()
    .transform((value, ctx): T[number] | undefined => {
      if (value === undefined || value === '') return undefined;
      return values.find((v) => v === value) ?? refuse(ctx, message);
    });

/** The keys of a table of words (reasons, notices) as a tuple for choice/optionalChoice. */
export const keysOf = <K extends string>(table: Record<K, unknown>) => Object.keys(table) as [K, ...K[]];

/** Where to go back to (`back`, `next`): a path on this site, never elsewhere (return-path.ts). */
export const returnPath = () =>
  z
    .string()
    .optional()
    .transform((value) => (value === undefined ? undefined : safeReturnPath(value)));
