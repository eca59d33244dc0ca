// An open connection to whichever index generation is live. Each use checks the CURRENT pointer
// (a tiny file read) and reopens after a rebuild was published, so a long-running server and its
// search workers follow `paperboard reindex` run from another process.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type IndexDb, isCurrentFormat, openIndexDb } from './index-db.js';
import { currentIndexFile } from './index-location.js';

export class IndexHandle {
  private open: IndexDb | undefined;
  private pointer = '';

  constructor(
    readonly dir: string,
    private readonly options: { readonly?: boolean; tokenizer?: string } = {},
  ) {}

  /** The live index, reopened if a new generation was published since the last call. */
  get(): IndexDb {
    // Read the pointer once and open exactly what it names: reading it again after opening could
    // record a newer generation than the one open, and the handle would never switch.
    const pointer = this.readPointer();
    if (!this.open || pointer !== this.pointer) {
      this.open?.sqlite.close();
      const name = pointer.trim();
      this.open = openIndexDb(name ? join(this.dir, name) : currentIndexFile(this.dir), this.options);
      this.pointer = name ? pointer : this.readPointer();
    }
    return this.open;
  }

  /** False when the live index was built by another version of the program (rebuild it). */
  isCurrentFormat(): boolean {
    return isCurrentFormat(this.get().sqlite);
  }

  private readPointer(): string {
    try {
      return readFileSync(join(this.dir, 'CURRENT'), 'utf8');
    } catch {
      return '';
    }
  }

  close(): void {
    this.open?.sqlite.close();
    this.open = undefined;
  }
}
