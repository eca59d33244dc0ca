// Parses input files in a worker thread and yields what it sends: record batches, and per file
// "done" or "failed" (not a readable document). Each message is acknowledged so the worker stays
// only a few batches ahead (constant memory on multi-GB files).

import { startModuleWorker } from '../lib/worker.js';
import type { ImportFormat } from './detect-format.js';
import type { ParsedBatch } from './read-source-file.js';

export interface ParseJob {
  files: string[];
  format?: ImportFormat;
}

export type WorkerMessage =
  | ({ type: 'batch'; file: string } & ParsedBatch)
  | { type: 'file-done'; file: string }
  | { type: 'file-failed'; file: string; message: string }
  | { type: 'done' }
  | { type: 'error'; message: string };

export type ParseEvent = Exclude<WorkerMessage, { type: 'done' } | { type: 'error' }>;

export async function* parseInWorker(job: ParseJob, signal?: AbortSignal): AsyncGenerator<ParseEvent> {
  const worker = startModuleWorker(import.meta.url, 'parse-worker', job);
  const queue: Array<WorkerMessage | Error> = [];
  let notify: (() => void) | undefined;
  const push = (item: WorkerMessage | Error) => {
    queue.push(item);
    notify?.();
  };
  worker.on('message', push);
  worker.on('error', push);
  worker.on('exit', (code) => {
    if (code !== 0) push(new Error(`parse worker exited with code ${code}`));
  });
  try {
    for (;;) {
      signal?.throwIfAborted();
      while (queue.length === 0) await new Promise<void>((resolve) => (notify = resolve));
      const item = queue.shift() as WorkerMessage | Error;
      if (item instanceof Error) throw item;
      if (item.type === 'error') throw new Error(item.message);
      if (item.type === 'done') return;
      yield item;
      worker.postMessage('ack');
    }
  } finally {
    await worker.terminate();
  }
}
