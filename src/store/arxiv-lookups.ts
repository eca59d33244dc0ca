// Bookkeeping of the category enrichment (ingest/enrich-arxiv.ts): which papers still lack arXiv's
// own metadata (HF imports carry no categories, comments, journal ref or DOI), and what asking arXiv
// for each gave. The papers themselves are written by upsertPapers, which feeds the change log.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.js';

/** found: arXiv's record was stored; not-found: arXiv has no such paper (yet); malformed: unreadable answer. */
export type LookupOutcome = 'found' | 'not-found' | 'malformed' | 'invalid-id';

export interface LookupResult {
  arxivId: string;
  outcome: LookupOutcome;
  detail?: string;
}

/** When a paper arXiv did not answer for is asked about again, and how often at most. */
export interface RetryPolicy {
  /** Tries in all for an id arXiv did not know or answered unreadably; then it is left alone. */
  maxAttempts: number;
  /** Time between two tries of one id (arXiv's API can trail its listings by a day). */
  retryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 3, retryAfterMs: 86_400_000 };

function candidates(db: Kysely<Database>, now: Date, policy: RetryPolicy) {
  const retryBefore = new Date(now.getTime() - policy.retryAfterMs).toISOString();
  return (
    db
      .selectFrom('papers as p')
      .leftJoin('arxiv_lookups as l', 'l.arxiv_id', 'p.arxiv_id')
      // No categories, or metadata that only ever came from Hugging Face's daily papers.
      .where((eb) => eb.or([eb('p.categories', '=', '[]'), eb('p.metadata_source', '=', 'hf-daily')]))
      .where((eb) =>
        eb.or([
          eb('l.arxiv_id', 'is', null),
          eb.and([
            eb('l.outcome', 'in', ['not-found', 'malformed']),
            eb('l.attempts', '<', policy.maxAttempts),
            eb('l.checked_at', '<=', retryBefore),
          ]),
        ]),
      )
  );
}

/** Up to `limit` arXiv ids to look up, newest papers first (they are the ones on the boards). */
export async function listEnrichmentCandidates(
  db: Kysely<Database>,
  options: { now: Date; limit: number; policy?: RetryPolicy },
): Promise<string[]> {
  const rows = await candidates(db, options.now, options.policy ?? DEFAULT_RETRY_POLICY)
    .select('p.arxiv_id')
    .orderBy('p.id', 'desc')
    .limit(options.limit)
    .execute();
  return rows.map((r) => r.arxiv_id);
}

export async function countEnrichmentCandidates(
  db: Kysely<Database>,
  options: { now: Date; policy?: RetryPolicy },
): Promise<number> {
  const row = await candidates(db, options.now, options.policy ?? DEFAULT_RETRY_POLICY)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Records one try per id: a first try inserts, a later one counts up and replaces the outcome. */
export async function recordLookups(
  db: Kysely<Database>,
  results: readonly LookupResult[],
  now: Date,
): Promise<void> {
  if (results.length === 0) return;
  const checkedAt = now.toISOString();
  // One row per id even if a caller repeats one (PostgreSQL refuses to update a row twice in a statement).
  const byId = new Map(results.map((r) => [r.arxivId, r]));
  await db
    .insertInto('arxiv_lookups')
    .values(
      [...byId.values()].map((r) => ({
        arxiv_id: r.arxivId,
        outcome: r.outcome,
        attempts: 1,
        checked_at: checkedAt,
        detail: r.detail ?? null,
      })),
    )
    .onConflict((oc) =>
      oc.column('arxiv_id').doUpdateSet((eb) => ({
        outcome: eb.ref('excluded.outcome'),
        attempts: sql<number>`arxiv_lookups.attempts + 1`,
        checked_at: eb.ref('excluded.checked_at'),
        detail: eb.ref('excluded.detail'),
      })),
    )
    .execute();
}

export interface LookupRow {
  arxivId: string;
  outcome: LookupOutcome;
  attempts: number;
  checkedAt: string;
  detail: string | null;
}

export async function getLookup(db: Kysely<Database>, arxivId: string): Promise<LookupRow | undefined> {
  const row = await db
    .selectFrom('arxiv_lookups')
    .selectAll()
    .where('arxiv_id', '=', arxivId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    arxivId: row.arxiv_id,
    outcome: row.outcome as LookupOutcome,
    attempts: row.attempts,
    checkedAt: row.checked_at,
    detail: row.detail,
  };
}
