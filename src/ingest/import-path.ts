// `paperboard import`: reads recorded or downloaded source files (a file or a folder of them) with
// a few worker threads, each parsing its share and writing it through its own connection
// (import-worker.ts). JSON-lines files are dealt out in runs of lines to every worker; whole
// documents (HF daily JSON, Atom, OAI-PMH) go to one worker each. Safe to re-run.

import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { defaultImportWorkers } from '../config/config.js';
import type { DatabaseHandle } from '../db/connection.js';
import type { Logger } from '../lib/logger.js';
import { ThreadLock } from '../lib/thread-lock.js';
import { startModuleWorker } from '../lib/worker.js';
import { SourceFormatError } from '../model/paper.js';
import { emptyTotals, type IngestTotals } from './batch-upserter.js';
import { detectFormat, type ImportFormat, UnknownFormatError } from './detect-format.js';
import type { ImportTask, ImportWork, WorkerEvent } from './import-messages.js';
import { isLineFormat } from './read-source-file.js';

export interface ImportProgress {
  /** Bytes of the whole input processed so far, and in all. */
  bytesRead: number;
  totalBytes: number;
  records: number;
}

export interface ImportOptions {
  database: DatabaseHandle;
  log: Logger;
  format?: ImportFormat;
  batchSize?: number;
  /** Worker threads (config IMPORT_WORKERS); default min(2, cores). */
  workers?: number;
  /** Fixed first-seen/modified time for every written paper; else the clock at each batch. */
  now?: Date;
  signal?: AbortSignal;
  onProgress?: (progress: ImportProgress) => void;
}

export interface ImportSummary extends IngestTotals {
  files: number;
  /** Files of a folder that could not be read as a whole (named in the log), the others imported. */
  failedFiles: string[];
}

/** Files to import under a path: the file itself, or a folder's data files in name order. */
export async function listInputFiles(path: string): Promise<string[]> {
  const info = await stat(path);
  if (!info.isDirectory()) return [path];
  const names = (await readdir(path)).filter((n) => /\.(json|jsonl|xml|atom)$/i.test(n)).sort();
  return names.map((n) => join(path, n));
}

function add(into: IngestTotals, totals: IngestTotals): void {
  into.read += totals.read;
  into.inserted += totals.inserted;
  into.updated += totals.updated;
  into.unchanged += totals.unchanged;
  into.skipped += totals.skipped;
}

interface Plan {
  /** Tasks per worker. */
  perWorker: ImportTask[][];
  /** Files whose format is unknown: failed before any worker starts. */
  unreadable: Array<{ file: string; message: string }>;
  /** Workers reading each file. */
  readers: Map<string, number>;
}

async function planWork(files: string[], workers: number, format?: ImportFormat): Promise<Plan> {
  const perWorker: ImportTask[][] = Array.from({ length: workers }, () => []);
  const unreadable: Plan['unreadable'] = [];
  const readers = new Map<string, number>();
  let next = 0;
  for (const file of files) {
    let resolved: ImportFormat;
    try {
      resolved = format ?? (await detectFormat(file));
    } catch (error) {
      if (!(error instanceof UnknownFormatError)) throw error;
      unreadable.push({ file, message: error.message });
      continue;
    }
    if (isLineFormat(resolved) && workers > 1) {
      for (const [index, tasks] of perWorker.entries()) {
        tasks.push({ file, format: resolved, share: { index, count: workers } });
      }
      readers.set(file, workers);
    } else {
      perWorker[next++ % workers]?.push({ file, format: resolved });
      readers.set(file, 1);
    }
  }
  return { perWorker: perWorker.filter((tasks) => tasks.length > 0), unreadable, readers };
}

export async function importPath(path: string, options: ImportOptions): Promise<ImportSummary> {
  options.signal?.throwIfAborted();
  const files = await listInputFiles(path);
  const sizes = new Map<string, number>();
  for (const file of files) sizes.set(file, (await stat(file)).size);
  const totalBytes = [...sizes.values()].reduce((a, b) => a + b, 0);
  const plan = await planWork(files, Math.max(1, options.workers ?? defaultImportWorkers()), options.format);

  const failedFiles: string[] = [];
  const reportFailed = (file: string, message: string) => {
    if (files.length === 1) throw new SourceFormatError(message);
    options.log.error({ input: file, err: message }, 'file skipped: not a readable source document');
    failedFiles.push(file);
  };
  for (const { file, message } of plan.unreadable) reportFailed(file, message);

  const work: Omit<ImportWork, 'tasks'> = {
    connect: options.database.connectOptions,
    batchSize: options.batchSize ?? 2000,
    writeLock: ThreadLock.buffer(),
    ...(options.now ? { now: options.now.toISOString() } : {}),
  };
  const totals = emptyTotals();
  const latest = plan.perWorker.map(() => emptyTotals());
  const progressBytes = plan.perWorker.map(() => new Map<string, number>());
  const fileTotals = new Map<string, { done: number; totals: IngestTotals }>();

  const onEvent = (worker: number, event: WorkerEvent) => {
    switch (event.type) {
      case 'progress': {
        latest[worker] = event.totals;
        // A file shared by n workers counts 1/n of its bytes per worker.
        progressBytes[worker]?.set(event.file, event.bytesRead / (plan.readers.get(event.file) ?? 1));
        const records = latest.reduce((sum, t) => sum + t.read, 0);
        const bytesRead = progressBytes.reduce(
          (sum, m) => sum + [...m.values()].reduce((a, b) => a + b, 0),
          0,
        );
        options.onProgress?.({ bytesRead: Math.min(bytesRead, totalBytes), totalBytes, records });
        break;
      }
      case 'skipped':
        options.log.warn(
          {
            input: event.file,
            position: event.issue.position,
            paper_id: event.issue.id,
            reason: event.issue.message,
          },
          'skipped record',
        );
        break;
      case 'file-done': {
        const entry = fileTotals.get(event.file) ?? { done: 0, totals: emptyTotals() };
        entry.done += 1;
        add(entry.totals, event.totals);
        fileTotals.set(event.file, entry);
        if (entry.done === plan.readers.get(event.file))
          options.log.info({ input: event.file, ...entry.totals }, 'read file');
        break;
      }
      case 'file-failed':
        // Every reader of a broken document fails on it; report it once.
        if (!failedFiles.includes(event.file)) reportFailed(event.file, event.message);
        break;
    }
  };

  // Stops every worker when the caller aborts or any worker (or our handling of its events) fails.
  const halt = new AbortController();
  const onAbort = () => halt.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const results = await Promise.allSettled(
    plan.perWorker.map((tasks, index) =>
      runWorker({ ...work, tasks }, (event) => onEvent(index, event), halt).catch((error: unknown) => {
        halt.abort();
        throw error;
      }),
    ),
  );
  options.signal?.removeEventListener('abort', onAbort);
  options.signal?.throwIfAborted();
  for (const result of results) {
    if (result.status === 'rejected') throw result.reason;
    add(totals, result.value);
  }
  options.log.info(
    { input: path, files: files.length, failed_files: failedFiles.length, ...totals },
    'imported',
  );
  return { ...totals, files: files.length, failedFiles };
}

/** Runs one import worker to the end; resolves with its final totals. */
function runWorker(
  work: ImportWork,
  onEvent: (event: WorkerEvent) => void,
  halt: AbortController,
): Promise<IngestTotals> {
  const worker: Worker = startModuleWorker(import.meta.url, 'import-worker', work);
  const stop = () => worker.postMessage('stop');
  if (halt.signal.aborted) stop();
  else halt.signal.addEventListener('abort', stop, { once: true });
  return new Promise<IngestTotals>((resolve, reject) => {
    let settled = false;
    // An error from handling an event; the worker is stopped and its end awaited before rejecting.
    let failure: unknown;
    const finish = (error: unknown, totals?: IngestTotals) => {
      if (settled) return;
      settled = true;
      halt.signal.removeEventListener('abort', stop);
      void worker.terminate();
      const cause = failure ?? error;
      if (cause !== undefined || !totals) reject(cause ?? new Error('import worker ended without a result'));
      else resolve(totals);
    };
    worker.on('message', (event: WorkerEvent) => {
      if (event.type === 'done' || event.type === 'stopped') return finish(undefined, event.totals);
      if (event.type === 'error') return finish(new Error(event.message));
      if (failure !== undefined) return;
      try {
        onEvent(event);
      } catch (error) {
        failure = error;
        halt.abort();
      }
    });
    worker.on('error', (error) => finish(error));
    worker.on('exit', (code) => finish(new Error(`import worker exited early (code ${code})`)));
  });
}
