// Worker thread for imports: reads and parses the input files off the main thread, so parsing
// (about half the cost of a bulk import) overlaps the database writes on the main thread.
// Started by parse-in-worker.ts; stays at most a few batches ahead of the consumer.

import { parentPort, workerData } from 'node:worker_threads';
import { SourceFormatError } from '../model/paper.js';
import { UnknownFormatError } from './detect-format.js';
import type { ParseJob, WorkerMessage } from './parse-in-worker.js';
import { readSourceFile } from './read-source-file.js';

// Batches in flight before the worker waits for the main thread: bounds memory on huge files.
const MAX_AHEAD = 4;

const job = workerData as ParseJob;
const port = parentPort;
if (!port) throw new Error('parse-worker must run in a worker thread');

let credits = MAX_AHEAD;
let wakeUp: (() => void) | undefined;
port.on('message', () => {
  credits += 1;
  wakeUp?.();
});

async function send(message: WorkerMessage): Promise<void> {
  while (credits === 0) await new Promise<void>((resolve) => (wakeUp = resolve));
  credits -= 1;
  port?.postMessage(message);
}

async function run(): Promise<void> {
  for (const file of job.files) {
    try {
      for await (const batch of readSourceFile(file, job.format))
        await send({ type: 'batch', file, ...batch });
      await send({ type: 'file-done', file });
    } catch (error) {
      if (!(error instanceof SourceFormatError || error instanceof UnknownFormatError)) throw error;
      await send({ type: 'file-failed', file, message: error.message });
    }
  }
  port?.postMessage({ type: 'done' } satisfies WorkerMessage);
}

run().catch((error: unknown) => {
  port.postMessage({
    type: 'error',
    message: error instanceof Error ? error.message : String(error),
  } satisfies WorkerMessage);
});
