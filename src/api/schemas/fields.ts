// Query and path fields shared by the API's and the feeds' schemas. Each parses the text a URL
// carries into a typed value, names the parameter in its one error message (json-error.ts makes it
// a 400) and says in the OpenAPI document what it accepts (documentAs). Used by queries.ts.

import { z } from 'zod';
import { parseArxivId } from '../../model/arxiv-id.js';
import { type BoardPeriod, type PeriodKind, parsePeriod } from '../../model/board-period.js';
import { parseCollectionId } from '../../model/collection.js';
import { parseRowId } from '../../model/row-id.js';
import { parseRequestedMode, REQUESTED_MODES, type RequestedMode } from '../../search/search-mode.js';
import { documentAs, type JsonSchema } from './registry.js';

type Issues = z.core.$RefinementCtx;

const fail = (ctx: Issues, message: string) => {
  ctx.addIssue({ code: 'custom', message });
  return z.NEVER;
};

const quoted = (text: string, max = 40) => JSON.stringify(text.slice(0, max));

/** A decimal integer within [min, max]; no signs, exponents, fractions or spaces. Absent: `fallback`. */
export function intField(name: string, min: number, max: number, fallback: number, description: string) {
  return documentAs(
    z
      .string()
      .optional()
      .transform((text, ctx) => {
        if (text === undefined) return fallback;
        const value = /^\d{1,15}$/.test(text) ? Number(text) : Number.NaN;
        return value >= min && value <= max
          ? value
          : fail(ctx, `${name} must be an integer from ${min} to ${max}`);
      }),
    { type: 'integer', minimum: min, maximum: max, default: fallback, description },
  );
}

/** One of a fixed set of words; absent: the first. */
export function enumField<const T extends readonly [string, ...string[]]>(
  name: string,
  values: T,
  description: string,
  fallback: T[number] = values[0],
) {
  return documentAs(
    z
      .string()
      .optional()
      .transform((text, ctx): T[number] => {
        if (text === undefined) return fallback;
        const value = values.find((v) => v === text);
        return value ?? fail(ctx, `${name} must be one of ${values.join(', ')}, got ${quoted(text)}`);
      }),
    { type: 'string', enum: [...values], default: fallback, description },
  );
}

/** The search mode; absent is `fallback` (auto on the API, keyword for saved-search feeds). */
export function modeField(fallback: RequestedMode, description: string) {
  return documentAs(
    z
      .string()
      .optional()
      .transform((text, ctx): RequestedMode => {
        if (text === undefined) return fallback;
        const mode = text === '' ? undefined : parseRequestedMode(text);
        return mode ?? fail(ctx, `mode must be one of ${REQUESTED_MODES.join(', ')}, got ${quoted(text)}`);
      }),
    { type: 'string', enum: [...REQUESTED_MODES], default: fallback, description },
  );
}

/** The search text `q`: required and not blank (its syntax is checked by the search service). */
export function searchTextField(description: string, example: string) {
  const required = 'q is required: the words or filters to search for';
  return documentAs(
    z.string({ error: required }).transform((q, ctx) => (q.trim() === '' ? fail(ctx, required) : q)),
    { type: 'string', minLength: 1, description, examples: [example] },
  );
}

const PERIOD_FORMATS: Record<
  PeriodKind,
  { param: 'date' | 'week' | 'month'; format: string; json: JsonSchema }
> = {
  day: {
    param: 'date',
    format: 'YYYY-MM-DD',
    json: { type: 'string', format: 'date', description: 'Board day.', examples: ['2026-08-21'] },
  },
  week: {
    param: 'week',
    format: 'YYYY-Www (ISO week)',
    json: {
      type: 'string',
      pattern: '^\\d{4}-W\\d{2}$',
      description: 'ISO 8601 week (Monday to Sunday).',
      examples: ['2026-W34'],
    },
  },
  month: {
    param: 'month',
    format: 'YYYY-MM',
    json: {
      type: 'string',
      pattern: '^\\d{4}-\\d{2}$',
      description: 'Calendar month.',
      examples: ['2026-08'],
    },
  },
};

export const PERIOD_PARAM: Record<PeriodKind, 'date' | 'week' | 'month'> = {
  day: 'date',
  week: 'week',
  month: 'month',
};

/** A board period parameter (`date`, `week` or `month`); absent means "the latest". */
export function periodField(kind: PeriodKind, description?: string) {
  const { param, format, json } = PERIOD_FORMATS[kind];
  return documentAs(
    z
      .string()
      .optional()
      .transform((text, ctx): BoardPeriod | undefined => {
        if (text === undefined) return undefined;
        return (
          parsePeriod(kind, text) ?? fail(ctx, `${param} must be a valid ${format}, got ${quoted(text)}`)
        );
      }),
    description ? { ...json, description } : json,
  );
}

/** A path's arXiv id (new-style, old-style with its slash, versioned or a URL): the canonical id. */
export function arxivIdField(description = 'arXiv id.') {
  return documentAs(
    z.string().transform((raw, ctx) => {
      const parsed = parseArxivId(raw);
      return parsed ? parsed.id : fail(ctx, `not an arXiv identifier: ${quoted(raw, 80)}`);
    }),
    { type: 'string', description, examples: ['2608.19880'] },
  );
}

/** A reading list's id (its HF slug) in a path. */
export function collectionIdField() {
  return documentAs(
    z.string().transform((raw, ctx) => {
      const id = parseCollectionId(raw);
      return id ?? fail(ctx, `collection id must be a positive number, not ${quoted(raw, 80)}`);
    }),
    {
      type: 'string',
      pattern: '^[0-9]+$',
      description: "The list's slug: its id, as in `/collections/{id}`.",
      examples: ['1'],
    },
  );
}

/** A row id in a path (a comment replied to): a number the database's integer column can hold. */
export function rowIdField(what: string) {
  return documentAs(
    z.string().transform((raw, ctx) => {
      const id = parseRowId(raw);
      return id ?? fail(ctx, `the ${what} id in the path must be a positive number.`);
    }),
    { type: 'string', pattern: '^[0-9]+$', description: `${what[0]?.toUpperCase()}${what.slice(1)} id.` },
  );
}
