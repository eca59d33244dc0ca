// Worker thread of `serve`'s search index follower (index-follower-thread.ts): rebuilds an index of
// another format, then applies the change log every poll. Its FTS5 writes are synchronous and take
// seconds per step after downtime, so they run here, off the thread that answers requests.

import { parentPort, workerData } from 'node:worker_threads';
import { type ConnectOptions, openDatabase, type SqliteMemory } from '../db/connection.js';
import { latestRevision } from '../store/changes.js';
import { appliedRevision } from './index-db.js';
import { catchUpIndex } from './index-follower.js';
import type { FollowerEvent, FollowerRequest } from './index-follower-thread.js';
import { IndexHandle } from './index-handle.js';
import { removeReplacedIndexFiles } from './index-location.js';
import { rebuildIndex } from './rebuild-index.js';

const { dir, connectOptions, intervalMs, indexMemory } = workerData as {
  dir: string;
  connectOptions: ConnectOptions;
  intervalMs: number;
  indexMemory?: SqliteMemory;
};
const port = parentPort;
if (!port) throw new Error('index-follower-worker must run in a worker thread');
const post = (event: FollowerEvent) => port.postMessage(event);

const database = openDatabase(connectOptions);
const handle = new IndexHandle(dir, indexMemory ? { memory: indexMemory } : {});
let running: Promise<void> | undefined;
let timer: NodeJS.Timeout | undefined;
let isStopping = false;
let isPreparing = true;

async function prepare(): Promise<void> {
  // Generations an earlier reindex replaced while this or another instance still read them.
  const removed = removeReplacedIndexFiles(dir);
  if (removed.length > 0)
    post({
      type: 'log',
      level: 'info',
      fields: { removed },
      message: 'old search index generations removed',
    });
  if (handle.isCurrentFormat()) {
    post({ type: 'status', state: 'catching_up', revision: appliedRevision(handle.get().sqlite) });
    return;
  }
  post({ type: 'status', state: 'rebuilding', revision: null });
  post({
    type: 'log',
    level: 'info',
    fields: { dir },
    message: 'search index from another version: rebuilding',
  });
  const started = performance.now();
  const result = await rebuildIndex(dir, database);
  const duration_ms = Math.round(performance.now() - started);
  post({ type: 'log', level: 'info', fields: { ...result, duration_ms }, message: 'search index rebuilt' });
}

async function catchUp(): Promise<void> {
  const from = appliedRevision(handle.get().sqlite);
  if ((await latestRevision(database.db)) > from)
    post({ type: 'status', state: 'catching_up', revision: from });
  const started = performance.now();
  const result = await catchUpIndex(handle, database, (revision) =>
    post({ type: 'status', state: 'catching_up', revision }),
  );
  post({ type: 'status', state: 'current', revision: result.revision });
  if (result.applied > 0) {
    const duration_ms = Math.round(performance.now() - started);
    post({
      type: 'log',
      level: 'info',
      fields: { job: 'search-index', ...result, duration_ms },
      message: 'search index caught up',
    });
  }
}

/** One run at a time; a poke during a run is answered by the run after it. */
function tick(): Promise<void> {
  if (running) return running.then(tick);
  running = prepared
    .then(catchUp)
    .catch((error: unknown) =>
      post({
        type: 'log',
        level: 'error',
        fields: { job: 'search-index', err: String(error) },
        message: 'search index catch-up failed',
      }),
    )
    .finally(() => {
      running = undefined;
    });
  return running;
}

function schedule(delayMs: number): void {
  if (isStopping) return;
  timer = setTimeout(() => void tick().finally(() => schedule(intervalMs)), delayMs);
}

port.on('message', (request: FollowerRequest) => {
  if (request.type === 'poke') {
    void tick().then(() => post({ type: 'poked', id: request.id }));
    return;
  }
  isStopping = true;
  clearTimeout(timer);
  // A rebuild in progress is abandoned (the owner terminates us): its unpublished file is removed by the next one.
  if (isPreparing) return post({ type: 'stopped' });
  void Promise.resolve(running).then(async () => {
    handle.close();
    await database.close();
    post({ type: 'stopped' });
  });
});

// Pokes that arrive while an index of another format is rebuilt wait for it.
const prepared = prepare().then(
  () => {
    isPreparing = false;
    schedule(0);
  },
  (error: unknown) => {
    post({
      type: 'log',
      level: 'error',
      fields: { err: String(error) },
      message: 'search index rebuild failed',
    });
    // Exiting makes the thread's owner start a new one after a poll interval: the rebuild is retried.
    process.exit(1);
  },
);
