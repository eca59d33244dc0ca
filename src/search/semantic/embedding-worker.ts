// Worker thread of the embeddings job (embedding-thread.ts): runs embedPendingPapers — LSA training
// when no model fits the configuration, then the changed papers' vectors — on its own connection.

import { parentPort, workerData } from 'node:worker_threads';
import type { Config } from '../../config/config.js';
import { type ConnectOptions, openDatabase } from '../../db/connection.js';
import { createLogger } from '../../lib/logger.js';
import type { EmbeddingEvent, EmbeddingRequest } from './embedding-thread.js';
import { embeddingDeps, embedPendingPapers } from './semantic-models.js';

const { connectOptions, config } = workerData as { connectOptions: ConnectOptions; config: Config };
const port = parentPort;
if (!port) throw new Error('embedding-worker must run in a worker thread');
const post = (event: EmbeddingEvent) => port.postMessage(event);

const database = openDatabase(connectOptions);
const log = createLogger(config.logLevel, { write: (line: string) => post({ type: 'log', line }) });
const deps = embeddingDeps({ database, log, now: () => new Date(), config });
const running = new Map<number, AbortController>();

port.on('message', (request: EmbeddingRequest) => {
  if (request.type === 'abort') {
    running.get(request.id)?.abort();
    return;
  }
  const controller = new AbortController();
  running.set(request.id, controller);
  embedPendingPapers({ ...deps, signal: controller.signal }, config)
    .then(
      (run) => post({ type: 'done', id: request.id, run }),
      (error: unknown) =>
        post({
          type: 'failed',
          id: request.id,
          message: error instanceof Error ? (error.stack ?? error.message) : String(error),
        }),
    )
    .finally(() => running.delete(request.id));
});
