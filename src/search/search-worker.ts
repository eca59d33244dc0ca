// Search worker thread: its own read-only connection to the live index generation, so FTS5 queries
// (synchronous in better-sqlite3) never block the web server's event loop. Started by search-pool.ts.

import { parentPort, workerData } from 'node:worker_threads';
import { IndexHandle } from './index-handle.js';
import { keywordReaderFor } from './keyword/keyword-reader.js';
import { parseQuery } from './query-parser.js';
import { runSearch } from './search-engine.js';
import type { WorkerReply, WorkerRequest } from './search-pool.js';
import type { VectorMatrix } from './semantic/vector-index.js';
import { findSimilar } from './similar-papers.js';

const { dir } = workerData as { dir: string };
const handle = new IndexHandle(dir, { readonly: true });
// Load the keyword engine's per-paper state now (a second or two at a million papers), not on the
// first reader's query.
try {
  const sqlite = handle.get().sqlite;
  sqlite.transaction(() => keywordReaderFor(sqlite).refresh())();
} catch (error) {
  // No index file yet (a fresh install, before the follower's first write): nothing to load.
  if ((error as { code?: string }).code !== 'SQLITE_CANTOPEN') throw error;
}
const port = parentPort;
if (!port) throw new Error('search-worker must run in a worker thread');

/** The instance's vector matrix (shared memory, posted by the pool whenever it is replaced). */
let vectors: VectorMatrix | undefined;

port.on('message', (message: WorkerRequest) => {
  if (message.type === 'vectors') {
    vectors = message.vectors;
    return;
  }
  let reply: WorkerReply;
  try {
    const sqlite = handle.get().sqlite;
    const semantic = { ...(vectors ? { vectors } : {}) };
    reply =
      message.type === 'search'
        ? {
            id: message.id,
            result: runSearch(sqlite, parseQuery(message.request.q), message.request, undefined, {
              ...semantic,
              ...(message.queryVector ? { queryVector: message.queryVector } : {}),
            }),
          }
        : { id: message.id, result: findSimilar(sqlite, message.paperId, message.limit) };
  } catch (error) {
    reply = {
      id: message.id,
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    };
  }
  port.postMessage(reply);
});
