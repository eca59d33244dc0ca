// Worker thread of `paperboard import`: reads its share of the input, parses it, and writes it
// through its own database connection — so no parsed record ever crosses a thread boundary (copying
// records between threads cost as much as parsing them). The import's workers take turns writing
// (a ThreadLock). Reports progress, skipped records and per-file results to import-path.ts.

import { parentPort, workerData } from 'node:worker_threads';
import { type DatabaseHandle, openDatabase } from '../db/connection.js';
import { silentLogger } from '../lib/logger.js';
import { ThreadLock } from '../lib/thread-lock.js';
import { SourceFormatError } from '../model/paper.js';
import { BatchUpserter, type IngestTotals } from './batch-upserter.js';
import type { ImportWork, WorkerEvent } from './import-messages.js';
import { readSourceFile } from './read-source-file.js';

const work = workerData as ImportWork;
const port = parentPort;
if (!port) throw new Error('import-worker must run in a worker thread');

let stopping = false;
port.on('message', (message: unknown) => {
  if (message === 'stop') stopping = true;
});

function post(event: WorkerEvent): void {
  port?.postMessage(event);
}

function since(after: IngestTotals, before: IngestTotals): IngestTotals {
  return {
    read: after.read - before.read,
    inserted: after.inserted - before.inserted,
    updated: after.updated - before.updated,
    unchanged: after.unchanged - before.unchanged,
    skipped: after.skipped - before.skipped,
  };
}

async function importShares(database: DatabaseHandle): Promise<IngestTotals> {
  const fixedNow = work.now ? new Date(work.now) : undefined;
  const sink = new BatchUpserter({
    database,
    // Skipped records are logged by the main thread, from the events below.
    log: silentLogger(),
    batchSize: work.batchSize,
    inputName: '',
    writeLock: new ThreadLock(work.writeLock),
    ...(fixedNow ? { now: () => fixedNow } : {}),
  });
  for (const task of work.tasks) {
    sink.inputName = task.file;
    const fileStart = { ...sink.totals };
    try {
      for await (const batch of readSourceFile(task.file, task.format, task.share)) {
        if (stopping) return sink.totals;
        for (const issue of batch.issues) {
          sink.skip(issue);
          post({ type: 'skipped', file: task.file, issue });
        }
        for (const record of batch.records) await sink.add(record);
        post({ type: 'progress', file: task.file, bytesRead: batch.bytesRead, totals: sink.totals });
      }
      // Batches span files (580 small daily files cost a few transactions, not 580), so a file's
      // inserted/updated counts include what the next flush writes.
      post({ type: 'file-done', file: task.file, totals: since(sink.totals, fileStart) });
    } catch (error) {
      if (!(error instanceof SourceFormatError)) throw error;
      // What was read before the broken document is kept; the document contributes nothing.
      await sink.flush();
      post({ type: 'file-failed', file: task.file, message: error.message });
    }
  }
  await sink.flush();
  return sink.totals;
}

async function run(): Promise<void> {
  const database = openDatabase({ ...work.connect, poolSize: 2 });
  let totals: IngestTotals;
  try {
    totals = await importShares(database);
  } finally {
    await database.close();
  }
  post({ type: stopping ? 'stopped' : 'done', totals });
}

run().catch((error: unknown) => {
  post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
});
