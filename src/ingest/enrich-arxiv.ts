// Category enrichment: papers imported from Hugging Face carry no arXiv categories (nor comments,
// journal ref, DOI), so `cat:` search cannot find them. This looks them up with the arXiv API's
// `id_list` (manual §3.1.1: https://info.arxiv.org/help/api/user-manual.html#_query_interface), 100
// per request through the polite client, and merges arXiv's records in with upsertPapers (arXiv's
// metadata outranks HF's; upvotes, board and HF fields stay), whose change log updates the search
// index. Each batch is committed before the next, and every id asked for gets a row in
// arxiv_lookups, so a run stopped anywhere resumes where it stopped and never asks for a paper twice;
// ids arXiv does not know are retried a few times a day apart (store/arxiv-lookups.ts), then left.
// Run by the `enrich-arxiv` recurring job in `serve` and by `paperboard enrich`.

import type { DatabaseHandle } from '../db/connection.js';
import type { Logger } from '../lib/logger.js';
import { parseArxivId } from '../model/arxiv-id.js';
import { type ParseResult, SourceFormatError } from '../model/paper.js';
import { ArxivApiError } from '../sources/arxiv-atom.js';
import {
  type LookupResult,
  listEnrichmentCandidates,
  type RetryPolicy,
  recordLookups,
} from '../store/arxiv-lookups.js';
import { upsertPapers } from '../store/paper-writes.js';

export const ENRICH_JOB = 'enrich-arxiv';
/** Ids per request: the arXiv API manual's own example batch size for id_list lookups. */
export const ENRICH_BATCH_SIZE = 100;

export interface IdLookupClient {
  fetchByIds(ids: string[]): Promise<ParseResult>;
}

export interface EnrichDeps {
  database: DatabaseHandle;
  log: Logger;
  now: () => Date;
  signal?: AbortSignal;
}

export interface EnrichOptions {
  batchSize?: number;
  /** Most papers to ask about in this run (default: all that need it). */
  maxPapers?: number;
  /** Start no new batch after this long (ms), so a scheduled run ends within its lease. */
  stopAfterMs?: number;
  policy?: RetryPolicy;
  /** Called after each batch is committed (the CLI's progress bar). */
  onBatch?: (totals: EnrichTotals) => void | Promise<void>;
}

export interface EnrichTotals {
  batches: number;
  /** Papers asked about. */
  requested: number;
  /** Papers arXiv answered for (their records were merged in). */
  found: number;
  /** Of those, papers whose stored row changed. */
  updated: number;
  notFound: number;
  malformed: number;
  invalid: number;
}

function emptyTotals(): EnrichTotals {
  return { batches: 0, requested: 0, found: 0, updated: 0, notFound: 0, malformed: 0, invalid: 0 };
}

/** Looks up every paper that needs arXiv's metadata, batch by batch, until none is left or a limit. */
export async function enrichFromArxiv(
  client: IdLookupClient,
  deps: EnrichDeps,
  options: EnrichOptions = {},
): Promise<EnrichTotals> {
  const totals = emptyTotals();
  const batchSize = options.batchSize ?? ENRICH_BATCH_SIZE;
  const maxPapers = options.maxPapers ?? Number.POSITIVE_INFINITY;
  const started = performance.now();
  const isOverTime = () =>
    options.stopAfterMs !== undefined && performance.now() - started >= options.stopAfterMs;
  while (!deps.signal?.aborted && totals.requested < maxPapers && !isOverTime()) {
    const limit = Math.min(batchSize, maxPapers - totals.requested);
    const ids = await listEnrichmentCandidates(deps.database.db, {
      now: deps.now(),
      limit,
      ...(options.policy ? { policy: options.policy } : {}),
    });
    if (ids.length === 0) break;
    const batch = await enrichBatch(client, deps, ids);
    addTotals(totals, batch);
    deps.log.info({ job: ENRICH_JOB, first_id: ids[0], ...batch }, 'enrichment batch');
    await options.onBatch?.({ ...totals });
  }
  return totals;
}

function addTotals(totals: EnrichTotals, batch: EnrichTotals): void {
  for (const key of Object.keys(totals) as Array<keyof EnrichTotals>) totals[key] += batch[key];
}

/** One id_list request: merge what arXiv knows, record what it did not. Outages (after retries) throw. */
export async function enrichBatch(
  client: IdLookupClient,
  deps: EnrichDeps,
  ids: string[],
): Promise<EnrichTotals> {
  // A malformed id makes arXiv refuse the whole request (HTTP 400), so it is never sent.
  const valid = ids.filter((id) => parseArxivId(id)?.id === id);
  const results: LookupResult[] = ids
    .filter((id) => !valid.includes(id))
    .map((arxivId) => ({ arxivId, outcome: 'invalid-id', detail: 'not an arXiv identifier' }));
  let updated = 0;
  if (valid.length > 0) {
    const answer = await askArxiv(client, deps, valid);
    results.push(...answer.results);
    if (answer.records.length > 0) {
      const summary = await upsertPapers(deps.database, answer.records, deps.now().toISOString());
      updated = summary.updated + summary.inserted;
    }
  }
  await recordLookups(deps.database.db, results, deps.now());
  const count = (outcome: LookupResult['outcome']) => results.filter((r) => r.outcome === outcome).length;
  return {
    batches: 1,
    requested: ids.length,
    found: count('found'),
    updated,
    notFound: count('not-found'),
    malformed: count('malformed'),
    invalid: count('invalid-id'),
  };
}

async function askArxiv(
  client: IdLookupClient,
  deps: EnrichDeps,
  ids: string[],
): Promise<{ records: ParseResult['records']; results: LookupResult[] }> {
  const fields = { job: ENRICH_JOB, first_id: ids[0], last_id: ids.at(-1), ids: ids.length };
  let answer: ParseResult;
  try {
    answer = await client.fetchByIds(ids);
  } catch (error) {
    if (error instanceof ArxivApiError) {
      // arXiv names the id it refused (`incorrect_id_format_for_<id>`): set it aside, keep the others.
      const refused = ids.find((id) => error.code.endsWith(`_for_${id}`));
      deps.log.warn({ ...fields, paper_id: refused, reason: error.message }, 'arXiv refused the lookup');
      if (refused)
        return { records: [], results: [{ arxivId: refused, outcome: 'invalid-id', detail: error.message }] };
      return { records: [], results: ids.map((arxivId) => malformed(arxivId, error.message)) };
    }
    if (error instanceof SourceFormatError) {
      deps.log.error(
        { ...fields, reason: error.message },
        'unreadable arXiv answer; the batch is retried later',
      );
      return { records: [], results: ids.map((arxivId) => malformed(arxivId, error.message)) };
    }
    throw error;
  }
  const wanted = new Set(ids);
  const records = answer.records.filter((r) => wanted.has(r.arxivId));
  const results: LookupResult[] = records.map((r) => ({ arxivId: r.arxivId, outcome: 'found' }));
  const answered = new Set(records.map((r) => r.arxivId));
  let hasAnonymousIssue = false;
  for (const issue of answer.issues) {
    deps.log.warn(
      { ...fields, paper_id: issue.id, position: issue.position, reason: issue.message },
      'unreadable arXiv entry skipped',
    );
    if (issue.id && wanted.has(issue.id) && !answered.has(issue.id)) {
      answered.add(issue.id);
      results.push(malformed(issue.id, `${issue.position}: ${issue.message}`));
    } else if (!issue.id) hasAnonymousIssue = true;
  }
  for (const id of ids) {
    if (answered.has(id)) continue;
    // An entry without a readable id may have been this paper: try again later rather than give up.
    results.push(
      hasAnonymousIssue
        ? malformed(id, 'absent from an answer with an unreadable entry')
        : { arxivId: id, outcome: 'not-found' },
    );
  }
  return { records, results };
}

function malformed(arxivId: string, detail: string): LookupResult {
  return { arxivId, outcome: 'malformed', detail };
}
