// A lock shared by worker threads through a SharedArrayBuffer. Import workers hold it around each
// write transaction: waiting for a sibling through SQLite's busy handler failed with "database is
// locked" once a sibling's transaction outlasted busy_timeout on a loaded machine, and the handler
// polls with sleeps of up to 100 ms, where Atomics.wait wakes the waiter at once.

export class ThreadLock {
  private readonly cell: Int32Array;

  /** `buffer` from ThreadLock.buffer(), shared with the other threads (e.g. in workerData). */
  constructor(buffer: SharedArrayBuffer) {
    this.cell = new Int32Array(buffer);
  }

  static buffer(): SharedArrayBuffer {
    return new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
  }

  /** Blocks this thread until the lock is free, then holds it. */
  acquire(): void {
    while (Atomics.compareExchange(this.cell, 0, 0, 1) !== 0) Atomics.wait(this.cell, 0, 1);
  }

  release(): void {
    Atomics.store(this.cell, 0, 0);
    Atomics.notify(this.cell, 0, 1);
  }

  async hold<T>(work: () => Promise<T>): Promise<T> {
    this.acquire();
    try {
      return await work();
    } finally {
      this.release();
    }
  }
}
