// Collects parsed records and writes them to the store in large batches (one transaction each),
// keeping running totals. Every ingest path (files, arXiv API, OAI-PMH) writes through it.

import type { DatabaseHandle } from '../db/connection.js';
import type { Logger } from '../lib/logger.js';
import type { ThreadLock } from '../lib/thread-lock.js';
import type { PaperRecord, RecordIssue } from '../model/paper.js';
import { upsertPapers } from '../store/paper-writes.js';

export interface IngestTotals {
  /** Records read from the input, usable or not. */
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Records reported and skipped because of a bad field. */
  skipped: number;
}

export function emptyTotals(): IngestTotals {
  return { read: 0, inserted: 0, updated: 0, unchanged: 0, skipped: 0 };
}

export interface BatchUpserterOptions {
  database: DatabaseHandle;
  log: Logger;
  /** Records per transaction: large batches amortise the per-statement and per-commit cost. */
  batchSize?: number;
  /** Timestamp written as first-seen/modified time. */
  now?: () => Date;
  /** Name of the input, logged with every skipped record. */
  inputName: string;
  /** Held around each write transaction, when several threads of one import write at once. */
  writeLock?: ThreadLock;
}

export class BatchUpserter {
  readonly totals = emptyTotals();
  private pending: PaperRecord[] = [];
  private readonly batchSize: number;
  /** The file or feed being read now, named in skipped-record logs. */
  inputName: string;

  constructor(private readonly options: BatchUpserterOptions) {
    this.batchSize = options.batchSize ?? 2000;
    this.inputName = options.inputName;
  }

  async add(record: PaperRecord): Promise<void> {
    this.totals.read += 1;
    this.pending.push(record);
    if (this.pending.length >= this.batchSize) await this.flush();
  }

  /** Logs a record the parser could not use, naming it and where it is, and counts it. */
  skip(issue: RecordIssue): void {
    this.totals.read += 1;
    this.totals.skipped += 1;
    this.options.log.warn(
      { input: this.inputName, position: issue.position, paper_id: issue.id, reason: issue.message },
      'skipped record',
    );
  }

  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    const now = (this.options.now?.() ?? new Date()).toISOString();
    const summary = await upsertPapers(this.options.database, batch, now, this.options.writeLock);
    this.totals.inserted += summary.inserted;
    this.totals.updated += summary.updated;
    this.totals.unchanged += summary.unchanged;
  }
}
