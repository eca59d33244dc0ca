// An open connection to whichever index generation is live. Each use checks the CURRENT pointer
// (a tiny file read) and reopens after a rebuild was published, so a long-running server and its
// search workers follow `paperboard reindex` run from another process.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SqliteMemory } from '../db/connection.js';
import { type IndexDb, isCurrentFormat, openIndexDb } from './index-db.js';
import { currentIndexFile } from './index-location.js';

export class IndexHandle {
  private open: IndexDb | undefined;
  private pointer = '';

  constructor(
    readonly dir: string,
    private readonly options: { readonly?: boolean; tokenizer?: string; memory?: SqliteMemory } = {},
  ) {}

  /** The live index, reopened if a new generation was published since the last call. */
  get(): IndexDb {
    let mayCreate = false;
    for (let attempt = 1; ; attempt++) {
      // Read the pointer once and open exactly what it names: reading it again after opening could
      // record a newer generation than the one open, and the handle would never switch.
      const pointer = this.readPointer();
      if (this.open && pointer === this.pointer) return this.open;
      const name = pointer.trim();
      try {
        // A generation CURRENT named is opened only if it still exists: a reindex that published a
        // newer one since we read the pointer may have removed it, and recreating it would be writing
        // changes into a file nobody reads. (A live generation deleted by hand is recreated, empty.)
        const next = openIndexDb(name ? join(this.dir, name) : currentIndexFile(this.dir), {
          ...this.options,
          mustExist: name !== '' && !mayCreate,
        });
        this.open?.sqlite.close();
        this.open = next;
        this.pointer = name ? pointer : this.readPointer();
        return next;
      } catch (error) {
        const isMissing = (error as { code?: string }).code === 'SQLITE_CANTOPEN';
        if (isMissing && this.readPointer() !== pointer && attempt < 5) continue;
        if (!isMissing || this.options.readonly || mayCreate) throw error;
        mayCreate = true;
      }
    }
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
