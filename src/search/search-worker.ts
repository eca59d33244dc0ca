// Search worker thread: its own read-only connection to the live index generation, so FTS5 queries
// (synchronous in better-sqlite3) never block the web server's event loop. Started by search-pool.ts.
// Semantic and hybrid pages scan the instance's shared vector matrix with the query vector the pool
// embedded; without them (no active model) every page is keyword (keywordReason 'unavailable').
// Similar papers blend the paper's own vector's neighbours with the lexical more-like-this list.

import { parentPort, workerData } from 'node:worker_threads';
import type { SqliteMemory } from '../db/connection.js';
import { searchByMode } from './hybrid/hybrid-search.js';
import { sharedVectorRanker } from './hybrid/semantic-ranker.js';
import { IndexHandle } from './index-handle.js';
import { keywordReaderFor } from './keyword/keyword-reader.js';
import { parseQuery } from './query-parser.js';
import type { WorkerReply, WorkerRequest } from './search-pool.js';
import type { VectorMatrix } from './semantic/vector-index.js';
import { blendSimilar, blendSimilarBatch } from './similar-blend.js';

const { dir, memory } = workerData as { dir: string; memory?: SqliteMemory };
const handle = new IndexHandle(dir, { readonly: true, ...(memory ? { memory } : {}) });
// Load the keyword engine's per-paper state now (a second or two at a million papers), not on the
// first reader's query.
try {
  // An index of another format is being rebuilt (search answers 503 meanwhile): nothing to load.
  if (handle.isCurrentFormat()) {
    const sqlite = handle.get().sqlite;
    sqlite.transaction(() => keywordReaderFor(sqlite).refresh())();
  }
} catch (error) {
  // No index file yet (a fresh install, before the follower's first write): nothing to load.
  if ((error as { code?: string }).code !== 'SQLITE_CANTOPEN') throw error;
}
const port = parentPort;
if (!port) throw new Error('search-worker must run in a worker thread');

/** The instance's vector matrix (shared memory, posted by the pool whenever it is replaced). */
let vectors: VectorMatrix | undefined;

port.on('message', async (message: WorkerRequest) => {
  if (message.type === 'vectors') {
    vectors = message.vectors;
    return;
  }
  let reply: WorkerReply;
  try {
    const sqlite = handle.get().sqlite;
    const semantic =
      message.type === 'search' && vectors && message.queryVector
        ? { semantic: sharedVectorRanker(vectors, message.queryVector) }
        : {};
    reply =
      message.type === 'search'
        ? {
            id: message.id,
            result: await searchByMode(sqlite, parseQuery(message.request.q), message.request, semantic),
          }
        : message.type === 'similar'
          ? { id: message.id, result: blendSimilar(sqlite, vectors, message.paperId, message.limit).papers }
          : { id: message.id, result: blendSimilarBatch(sqlite, vectors, message.paperIds, message.limit) };
  } catch (error) {
    reply = {
      id: message.id,
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    };
  }
  port.postMessage(reply);
});
