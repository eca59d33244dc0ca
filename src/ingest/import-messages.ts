// What import-path.ts hands each import worker, and the events a worker reports back.

import type { ConnectOptions } from '../db/connection.js';
import type { RecordIssue } from '../model/paper.js';
import type { IngestTotals } from './batch-upserter.js';
import type { ImportFormat } from './detect-format.js';
import type { LineShare } from './read-source-file.js';

export interface ImportTask {
  file: string;
  format: ImportFormat;
  /** Set for a JSON-lines file read by several workers at once. */
  share?: LineShare;
}

export interface ImportWork {
  connect: ConnectOptions;
  tasks: ImportTask[];
  batchSize: number;
  /** ThreadLock buffer the import's workers take turns writing with. */
  writeLock: SharedArrayBuffer;
  /** Fixed first-seen/modified timestamp (ISO), for reproducible imports; else the clock. */
  now?: string;
}

export type WorkerEvent =
  | { type: 'progress'; file: string; bytesRead: number; totals: IngestTotals }
  | { type: 'skipped'; file: string; issue: RecordIssue }
  | { type: 'file-done'; file: string; totals: IngestTotals }
  | { type: 'file-failed'; file: string; message: string }
  /** All of the worker's records are committed; `totals` are final. */
  | { type: 'done'; totals: IngestTotals }
  /** Stopped on request between batches: committed batches stay, the pending one is dropped. */
  | { type: 'stopped'; totals: IngestTotals }
  | { type: 'error'; message: string };
