// The query strings of the API and the feeds, one zod schema each: parsed into typed values by the
// request layer (api/operation.ts, through Hono's validator) and written into the OpenAPI document.

import { z } from 'zod';
import { invalid } from '../../lib/errors.js';
import type { BoardPeriod, PeriodKind } from '../../model/board-period.js';
import {
  arxivIdField,
  collectionIdField,
  enumField,
  intField,
  modeField,
  PERIOD_PARAM,
  periodField,
  rowIdField,
  searchTextField,
} from './fields.js';
import { documentAs } from './registry.js';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 100;
export const MAX_PAGE = 1_000_000;
export const MAX_USERNAME_LENGTH = 100;
export const SEARCH_DEFAULT_LIMIT = 20;
/** HF's search takes up to 120 results (its API docs: limit between 1 and 120). */
export const SEARCH_MAX_LIMIT = 120;
export const SIMILAR_DEFAULT_LIMIT = 10;
export const SIMILAR_MAX_LIMIT = 50;

/** HF's sorts (huggingface_hub `DailyPapersSort_T`), plus `upvotes`: the order with no sort. */
export const DAILY_SORTS = ['upvotes', 'trending', 'publishedAt'] as const;

const SEARCH_TEXT =
  'Search text: words (all must match, else any), "phrases", -exclude, OR, prefix*, field prefixes ' +
  'ti: au: abs:, and filters cat:cs.CL, year:2024 (or 2022-2024), before:/after:2024-06, has:code. ' +
  'At most 4,000 characters.';
const MODE =
  'Ranking: `keyword` (BM25 over the words), `semantic` (best matches by meaning), `hybrid` (both, ' +
  'fused) or `auto` (the default: hybrid for plain-language queries, keyword when the query uses ' +
  'fields, quoted phrases, OR, exclusions or prefixes). Queries with operators, and sites without a ' +
  'semantic model, are always keyword.';

/** At most one of date, week and month picks the period. */
function onePeriod(query: { date?: BoardPeriod; week?: BoardPeriod; month?: BoardPeriod }) {
  const given = (['date', 'week', 'month'] as const).filter((name) => query[name] !== undefined);
  if (given.length > 1) throw invalid(`give at most one of ${given.join(', ')}`);
  return query.date ?? query.week ?? query.month;
}

export const DailyPapersQuery = z
  .object({
    date: periodField('day', 'Board day. Without date, week or month: the latest day with papers.'),
    week: periodField('week', 'ISO 8601 week (Monday to Sunday). Exclusive with date and month.'),
    month: periodField('month', 'Calendar month. Exclusive with date and week.'),
    submitter: documentAs(
      z
        .string()
        // Control characters are refused here rather than reaching the database (PostgreSQL rejects NUL).
        .regex(
          /^[^\p{Cc}\s]{1,100}$/u,
          `submitter must be a username (1 to ${MAX_USERNAME_LENGTH} characters, no spaces)`,
        )
        .optional(),
      {
        type: 'string',
        minLength: 1,
        maxLength: MAX_USERNAME_LENGTH,
        description:
          'Only papers this person put on the board (their username, `submittedBy.name`); without date, week or month, over the whole board.',
        examples: ['akhaliq'],
      },
    ),
    sort: enumField(
      'sort',
      DAILY_SORTS,
      'upvotes (default, as on huggingface.co without sort): most upvoted first. trending: by trending score, log10(max(upvotes, 1)) + (placed at − 2020-01-01) / 2 days; without date, week or month, over the whole board. publishedAt: newest arXiv publication first.',
    ),
    p: intField('p', 0, MAX_PAGE, 0, 'Zero-based page number.'),
    limit: intField('limit', 1, MAX_LIMIT, DEFAULT_LIMIT, 'Items per page.'),
  })
  .transform(({ date, week, month, ...rest }) => ({ ...rest, period: onePeriod({ date, week, month }) }));

/** Where a page of `GET /api/papers` ended: the opaque `cursor` is base64url of `[publishedAt | null, id]`. */
export interface PapersCursor {
  publishedAt: string | null;
  id: number;
}

export function encodeCursor(position: PapersCursor): string {
  return Buffer.from(JSON.stringify([position.publishedAt, position.id])).toString('base64url');
}

function decodeCursor(text: string): PapersCursor | undefined {
  let value: unknown;
  try {
    value = /^[A-Za-z0-9_-]{1,200}$/.test(text)
      ? JSON.parse(Buffer.from(text, 'base64url').toString())
      : undefined;
  } catch {
    return undefined;
  }
  if (!Array.isArray(value) || value.length !== 2) return undefined;
  const [publishedAt, id] = value as unknown[];
  const isTime =
    publishedAt === null ||
    (typeof publishedAt === 'string' && publishedAt.length <= 40 && !/[\p{Cc}]/u.test(publishedAt));
  const isId = typeof id === 'number' && Number.isSafeInteger(id) && id > 0 && id < 2 ** 31;
  return isTime && isId ? { publishedAt: publishedAt as string | null, id } : undefined;
}

export const PapersListQuery = z.object({
  cursor: documentAs(
    z
      .string()
      .optional()
      .transform((text, ctx) => {
        // An empty cursor (`?cursor=&limit=`, as HF's docs write the first request) is the first page.
        if (!text) return undefined;
        const after = decodeCursor(text);
        if (!after) {
          ctx.addIssue({
            code: 'custom',
            message: 'cursor is not one this API gave out: use the URL in the Link header (rel="next")',
          });
        }
        return after;
      }),
    {
      type: 'string',
      description:
        "Where to continue, from the previous page's Link header; empty or absent: the first page.",
    },
  ),
  limit: intField('limit', 1, MAX_LIMIT, DEFAULT_LIMIT, 'Papers per page.'),
});

export const SearchQuery = z.object({
  q: searchTextField(SEARCH_TEXT, 'world model cat:cs.LG year:2026'),
  mode: modeField('auto', MODE),
  limit: intField('limit', 1, SEARCH_MAX_LIMIT, SEARCH_DEFAULT_LIMIT, 'Number of results.'),
});

export const SimilarQuery = z.object({
  limit: intField('limit', 1, SIMILAR_MAX_LIMIT, SIMILAR_DEFAULT_LIMIT, 'Number of papers.'),
});

/** A board feed's query: only the period parameter of its kind (the others are not its business). */
export function boardFeedQuery(kind: PeriodKind) {
  return z.object({ [PERIOD_PARAM[kind]]: periodField(kind) }).transform((query) => ({
    period: Object.values(query)[0] as BoardPeriod | undefined,
  }));
}

/** A saved search's feed: strict keyword unless the subscriber asked for a mode. */
export const SearchFeedQuery = z.object({
  q: searchTextField(SEARCH_TEXT, 'world model cat:cs.LG year:2026'),
  mode: modeField('keyword', `${MODE} Feeds default to keyword.`),
});

export const PaperParams = z.object({ id: arxivIdField() });
export const ReplyParams = z.object({ id: arxivIdField(), parent: rowIdField('comment') });
export const CollectionParams = z.object({ id: collectionIdField() });
export const CollectionItemParams = z.object({
  id: collectionIdField(),
  item: arxivIdField("The item's `_id`: the paper's arXiv id (old-style ids keep their slash)."),
});
