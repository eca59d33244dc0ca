// `paperboard import`: reads recorded or downloaded source files (a file or a folder of them),
// parses them in a worker thread and writes through BatchUpserter on this thread. Safe to re-run.

import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatabaseHandle } from '../db/connection.js';
import type { Logger } from '../lib/logger.js';
import { SourceFormatError } from '../model/paper.js';
import { BatchUpserter, type IngestTotals } from './batch-upserter.js';
import type { ImportFormat } from './detect-format.js';
import { parseInWorker } from './parse-in-worker.js';

export interface ImportProgress {
  file: string;
  bytesRead: number;
  totalBytes: number;
  records: number;
}

export interface ImportOptions {
  database: DatabaseHandle;
  log: Logger;
  format?: ImportFormat;
  batchSize?: number;
  now?: () => Date;
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

function difference(after: IngestTotals, before: IngestTotals): IngestTotals {
  return {
    read: after.read - before.read,
    inserted: after.inserted - before.inserted,
    updated: after.updated - before.updated,
    unchanged: after.unchanged - before.unchanged,
    skipped: after.skipped - before.skipped,
  };
}

export async function importPath(path: string, options: ImportOptions): Promise<ImportSummary> {
  const files = await listInputFiles(path);
  // One sink for the whole folder: batches span files, so 580 small daily files cost a few
  // transactions instead of 580.
  const sink = new BatchUpserter({ ...options, inputName: path });
  const sizes = new Map<string, number>();
  for (const file of files) sizes.set(file, (await stat(file)).size);
  const failedFiles: string[] = [];
  let fileStart = { ...sink.totals };
  const job = options.format ? { files, format: options.format } : { files };
  for await (const event of parseInWorker(job, options.signal)) {
    sink.inputName = event.file;
    if (event.type === 'batch') {
      for (const issue of event.issues) sink.skip(issue);
      for (const record of event.records) await sink.add(record);
      const totalBytes = sizes.get(event.file) ?? 0;
      options.onProgress?.({
        file: event.file,
        bytesRead: event.bytesRead,
        totalBytes,
        records: sink.totals.read,
      });
    } else if (event.type === 'file-done') {
      options.log.info({ input: event.file, ...difference(sink.totals, fileStart) }, 'read file');
      fileStart = { ...sink.totals };
    } else {
      // What was read before the broken file is kept; the broken file contributes nothing.
      await sink.flush();
      if (files.length === 1) throw new SourceFormatError(event.message);
      options.log.error(
        { input: event.file, err: event.message },
        'file skipped: not a readable source document',
      );
      failedFiles.push(event.file);
      fileStart = { ...sink.totals };
    }
  }
  await sink.flush();
  options.log.info(
    { input: path, files: files.length, failed_files: failedFiles.length, ...sink.totals },
    'imported',
  );
  return { ...sink.totals, files: files.length, failedFiles };
}
