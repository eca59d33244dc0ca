// Pulls papers from arXiv over the network. `ingestRecent` (the scheduled job) pages the API's
// newest submissions in the configured categories and stops as soon as a page brings nothing new;
// new papers go on the board of the day arXiv published them. `harvestOai` is the bulk/backfill
// path over OAI-PMH, resumable from the stored resumption token and last harvest date.

import type { DatabaseHandle } from '../db/connection.js';
import type { Logger } from '../lib/logger.js';
import type { PaperRecord } from '../model/paper.js';
import type { ArxivApiClient } from '../sources/arxiv-api-client.js';
import type { OaiPmhClient } from '../sources/oai-pmh-client.js';
import { deleteIngestState, getIngestState, setIngestState } from '../store/ingest-state.js';
import { BatchUpserter, type IngestTotals } from './batch-upserter.js';

export interface HarvestDeps {
  database: DatabaseHandle;
  log: Logger;
  now: () => Date;
  signal?: AbortSignal;
}

export interface RecentOptions {
  categories: string[];
  /** Upper bound on entries per run, so a first run against an empty database stays polite. */
  maxResults?: number;
  pageSize?: number;
}

function categoryQuery(categories: string[]): string {
  return categories.map((c) => `cat:${c}`).join(' OR ');
}

function placeOnBoard(record: PaperRecord): PaperRecord {
  const date = record.publishedAt?.slice(0, 10);
  return date
    ? { ...record, board: { date, submittedAt: record.publishedAt, submittedBy: 'arXiv' } }
    : record;
}

export async function ingestRecent(
  client: ArxivApiClient,
  deps: HarvestDeps,
  options: RecentOptions,
): Promise<IngestTotals> {
  const sink = new BatchUpserter({ ...deps, inputName: 'arxiv-api', batchSize: 1_000_000 });
  let isExhausted = false;
  for await (const page of client.search({
    searchQuery: categoryQuery(options.categories),
    sortBy: 'submittedDate',
    sortOrder: 'descending',
    pageSize: options.pageSize ?? 200,
    maxResults: options.maxResults ?? 2000,
    shouldStop: () => isExhausted || deps.signal?.aborted === true,
  })) {
    for (const issue of page.issues) sink.skip(issue);
    const before = sink.totals.inserted + sink.totals.updated;
    for (const record of page.records) await sink.add(placeOnBoard(record));
    await sink.flush();
    // Sorted newest first: a page where nothing was new or changed means we have caught up.
    isExhausted = page.records.length > 0 && sink.totals.inserted + sink.totals.updated === before;
    deps.log.info(
      { job: 'ingest-recent', start: page.start, entries: page.records.length, ...sink.totals },
      'page',
    );
  }
  await setIngestState(deps.database.db, 'arxiv-api:last-run', deps.now().toISOString());
  return sink.totals;
}

export interface OaiOptions {
  /** OAI set, e.g. `cs` or `physics:hep-th`. */
  set?: string;
  /** YYYY-MM-DD; defaults to the day of the last completed harvest of this set. */
  from?: string;
  until?: string;
  /** Keep only papers in these categories (a set is a whole archive group). */
  categories?: string[];
}

function stateKey(set: string | undefined, what: 'token' | 'last-date' | 'started'): string {
  return `oai:${set ?? '*'}:${what}`;
}

export async function harvestOai(
  client: OaiPmhClient,
  deps: HarvestDeps,
  options: OaiOptions,
): Promise<IngestTotals> {
  const db = deps.database.db;
  // The stored token and dates belong to the incremental harvest. A bounded backfill (`until`) neither
  // resumes nor moves them; an explicit `from` starts the incremental harvest afresh from that day.
  const isBackfill = options.until !== undefined;
  const isResuming = options.from === undefined && !isBackfill;
  const resumeToken = isResuming ? await getIngestState(db, stateKey(options.set, 'token')) : undefined;
  const from = options.from ?? (await getIngestState(db, stateKey(options.set, 'last-date')));
  const wanted = options.categories?.length ? new Set(options.categories) : undefined;
  const sink = new BatchUpserter({
    ...deps,
    inputName: `oai-pmh:${options.set ?? '*'}`,
    batchSize: 1_000_000,
  });
  let responseDate: string | undefined;
  const pages = client.listRecords({
    metadataPrefix: 'arXivRaw',
    ...(resumeToken ? { resumptionToken: resumeToken } : {}),
    ...(from ? { from } : {}),
    ...(options.until ? { until: options.until } : {}),
    ...(options.set ? { set: options.set } : {}),
  });
  if (resumeToken) deps.log.info({ job: 'harvest-oai', token: resumeToken }, 'resuming harvest');
  for await (const page of pages) {
    if (responseDate === undefined && page.responseDate && !resumeToken && !isBackfill) {
      // When this harvest started: the next one must begin there, even if this one is resumed later.
      await setIngestState(db, stateKey(options.set, 'started'), page.responseDate);
    }
    responseDate ??= page.responseDate;
    for (const issue of page.issues) sink.skip(issue);
    for (const record of page.records) {
      if (!wanted || record.categories.some((c) => wanted.has(c))) await sink.add(record);
    }
    await sink.flush();
    // Store the next token only after the page is committed: a crash re-reads at most one page.
    const next = page.resumptionToken?.token.trim();
    if (next && !isBackfill) await setIngestState(db, stateKey(options.set, 'token'), next);
    deps.log.info(
      { job: 'harvest-oai', records: page.records.length, next_token: next, ...sink.totals },
      'page',
    );
    if (deps.signal?.aborted) return sink.totals;
  }
  if (isBackfill) return sink.totals;
  await deleteIngestState(db, stateKey(options.set, 'token'));
  // OAI datestamps have day granularity; starting the next run on the response day may re-read a
  // few records, which the idempotent upsert absorbs, and never misses one.
  const started = await getIngestState(db, stateKey(options.set, 'started'));
  await deleteIngestState(db, stateKey(options.set, 'started'));
  const lastDate = (started ?? responseDate ?? deps.now().toISOString()).slice(0, 10);
  await setIngestState(db, stateKey(options.set, 'last-date'), lastDate);
  return sink.totals;
}

/** OAI-PMH set of an arXiv category: `cs.CL` → `cs`, `math.AG` → `math`, `hep-th` → `physics:hep-th`. */
export function oaiSetOf(category: string): string {
  const archive = category.split('.')[0] ?? category;
  const groups = new Set(['cs', 'math', 'stat', 'q-bio', 'q-fin', 'econ', 'eess']);
  if (groups.has(archive)) return archive;
  return `physics:${archive}`;
}
