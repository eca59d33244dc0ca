// The change log's latest revision, as of a request's arrival: the render cache's freshness check.
// Every write that changes what a page shows appends to the change log in its own transaction
// (store/changes.ts), so "the latest revision read after this request arrived" covers every change
// committed before it — by this instance, another instance on the same PostgreSQL, or a CLI import
// into the same SQLite file. One read is in flight at a time and every request that arrived before
// it started shares its answer; a request arriving during a read waits for the next one, since the
// read in flight may have started before that request's change committed.

export class RevisionWatch {
  #inFlight: Promise<number> | undefined;
  #next: Promise<number> | undefined;

  constructor(private readonly readLatest: () => Promise<number>) {}

  /** A revision at least as new as every change committed before this call. */
  current(): Promise<number> {
    if (!this.#inFlight) return this.#start();
    if (!this.#next) {
      const after = this.#inFlight.then(
        () => undefined,
        () => undefined,
      );
      this.#next = after.then(() => {
        this.#next = undefined;
        return this.#start();
      });
    }
    return this.#next;
  }

  #start(): Promise<number> {
    const read = this.readLatest();
    this.#inFlight = read;
    const clear = () => {
      if (this.#inFlight === read) this.#inFlight = undefined;
    };
    read.then(clear, clear);
    return read;
  }
}
