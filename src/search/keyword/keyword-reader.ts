// A read connection's view of the keyword engine's postings: which segment holds each paper's live
// postings and its length (refreshed from doc_segments by state_rev, so only changes are read), and
// each term's live postings, decoded once and cached per index state (bounded by bytes).
// One per connection; keyword-ranker.ts scores with it. Call inside a read transaction.

import type SQLite from 'better-sqlite3';
import { getMeta } from '../index-db.js';
import { concatPostings, decodePostings, type Postings } from './postings-codec.js';

/** Decoded postings kept per connection; a common word at a million papers is ~8 MB. */
const CACHE_BYTES = 192 * 2 ** 20;

export class KeywordReader {
  private stateRev = -1;
  docSeg = new Int32Array(0);
  docLen = new Int32Array(0);
  private readonly cache = new Map<string, Postings>();
  private cachedBytes = 0;
  private readonly selectPostings: SQLite.Statement;

  constructor(private readonly sqlite: SQLite.Database) {
    this.selectPostings = sqlite.prepare('select seg, data from postings where term = ?').raw();
  }

  /** True when this index has postings (an index built before them is searched by FTS5 alone). */
  refresh(): boolean {
    const rev = Number(getMeta(this.sqlite, 'state_rev') ?? 0);
    if (rev === this.stateRev) return rev > 0;
    const rows = this.sqlite
      .prepare('select rowid, seg, len from doc_segments where state_rev > ?')
      .raw()
      .iterate(this.stateRev < 0 ? -1 : this.stateRev) as Iterable<[number, number, number]>;
    for (const [id, seg, len] of rows) {
      if (id >= this.docSeg.length) this.grow(id + 1);
      this.docSeg[id] = seg;
      this.docLen[id] = len;
    }
    this.stateRev = rev;
    this.cache.clear();
    this.cachedBytes = 0;
    return rev > 0;
  }

  private grow(size: number): void {
    const capacity = Math.max(size, Math.ceil(this.docSeg.length * 1.5), 1024);
    const seg = new Int32Array(capacity);
    seg.set(this.docSeg);
    const len = new Int32Array(capacity);
    len.set(this.docLen);
    this.docSeg = seg;
    this.docLen = len;
  }

  /** Highest paper id seen (accumulator arrays are sized by it). */
  get size(): number {
    return this.docSeg.length;
  }

  /** Every live posting of an index token. */
  postings(term: string): Postings {
    const cached = this.cache.get(term);
    if (cached) {
      this.cache.delete(term);
      this.cache.set(term, cached);
      return cached;
    }
    const docSeg = this.docSeg;
    const parts: Postings[] = [];
    for (const [seg, data] of this.selectPostings.iterate(term) as Iterable<[number, Buffer]>) {
      parts.push(decodePostings(data, seg, docSeg));
    }
    const postings = concatPostings(parts);
    this.remember(term, postings);
    return postings;
  }

  private remember(term: string, postings: Postings): void {
    const bytes = postings.docs.byteLength * 2;
    if (bytes > CACHE_BYTES / 4) return;
    this.cache.set(term, postings);
    this.cachedBytes += bytes;
    for (const [oldest, value] of this.cache) {
      if (this.cachedBytes <= CACHE_BYTES) break;
      this.cache.delete(oldest);
      this.cachedBytes -= value.docs.byteLength * 2;
    }
  }
}

const readers = new WeakMap<SQLite.Database, KeywordReader>();

export function keywordReaderFor(sqlite: SQLite.Database): KeywordReader {
  let reader = readers.get(sqlite);
  if (!reader) {
    reader = new KeywordReader(sqlite);
    readers.set(sqlite, reader);
  }
  return reader;
}
