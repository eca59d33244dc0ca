// Writes the keyword engine's postings into the index file, beside FTS5 (which stays the reference
// and the engine for phrases, prefixes and fields): a segment per write batch of the change-log
// follower, one base segment built from FTS5's own vocabulary by a rebuild, and merges that keep
// the segment count small. Readers (keyword-reader.ts) see a paper's postings only in the segment
// doc_segments names for it, so rewriting or removing a paper never edits an existing segment.

import type SQLite from 'better-sqlite3';
import { getMeta, setMeta } from '../index-db.js';
import { type PairVocabulary, pairVocabularyOf, toVocabulary } from './phrase-pairs.js';
import { PostingsEncoder } from './postings-codec.js';
import type { OracleDocument, TokenOracle } from './token-oracle.js';
import { COLUMN_WEIGHTS_2 } from './token-oracle.js';

/** More segments than this after a write, and all but the largest are merged into one. */
export const MAX_SEGMENTS = 8;

function nextStateRev(sqlite: SQLite.Database): number {
  const rev = Number(getMeta(sqlite, 'state_rev') ?? 0) + 1;
  setMeta(sqlite, 'state_rev', String(rev));
  return rev;
}

function nextSegment(sqlite: SQLite.Database): number {
  const row = sqlite.prepare('select max(seg) as seg from segments').get() as { seg: number | null };
  return (row.seg ?? 0) + 1;
}

interface SegmentSink {
  seg: number;
  docs: number;
  bytes: number;
  put(term: string, data: Buffer): void;
}

function openSegment(sqlite: SQLite.Database): SegmentSink {
  const insert = sqlite.prepare('insert into postings (term, seg, data) values (?, ?, ?)');
  const sink: SegmentSink = {
    seg: nextSegment(sqlite),
    docs: 0,
    bytes: 0,
    put(term, data) {
      insert.run(term, sink.seg, data);
      sink.bytes += data.length;
    },
  };
  return sink;
}

function closeSegment(sqlite: SQLite.Database, sink: SegmentSink): void {
  sqlite
    .prepare('insert into segments (seg, docs, bytes) values (?, ?, ?)')
    .run(sink.seg, sink.docs, sink.bytes);
}

function setDocSegment(sqlite: SQLite.Database): SQLite.Statement {
  return sqlite.prepare(
    `insert into doc_segments (rowid, seg, len, state_rev) values (?, ?, ?, ?)
     on conflict (rowid) do update set seg = excluded.seg, len = excluded.len, state_rev = excluded.state_rev`,
  );
}

/**
 * A new segment with these papers' postings (they were just written to FTS5 with the same text);
 * call inside the index write transaction.
 */
export function writeSegment(
  sqlite: SQLite.Database,
  oracle: TokenOracle,
  documents: OracleDocument[],
): void {
  if (documents.length === 0) return;
  const tokenized = oracle.tokenizeDocuments(documents, pairVocabularyOf(sqlite));
  const byTerm = new Map<string, Array<[number, number]>>();
  for (const doc of tokenized) {
    for (const [term, freq2] of doc.terms) {
      const list = byTerm.get(term);
      if (list) list.push([doc.id, freq2]);
      else byTerm.set(term, [[doc.id, freq2]]);
    }
  }
  const sink = openSegment(sqlite);
  for (const [term, list] of byTerm) {
    list.sort((a, b) => a[0] - b[0]);
    const encoder = new PostingsEncoder();
    for (const [doc, freq2] of list) encoder.add(doc, freq2);
    sink.put(term, encoder.finish());
  }
  sink.docs = tokenized.length;
  closeSegment(sqlite, sink);
  const rev = nextStateRev(sqlite);
  const set = setDocSegment(sqlite);
  for (const doc of tokenized) set.run(doc.id, sink.seg, doc.length, rev);
  mergeIfNeeded(sqlite);
}

/** Papers that left the index: their postings stop being live wherever they are. */
export function removeDocs(sqlite: SQLite.Database, ids: number[]): void {
  if (ids.length === 0) return;
  const rev = nextStateRev(sqlite);
  const mark = sqlite.prepare('update doc_segments set seg = 0, len = 0, state_rev = ? where rowid = ?');
  for (const id of ids) mark.run(rev, id);
}

/**
 * After a full rebuild filled FTS5: one base segment for every paper, read in a single pass over
 * FTS5's `instance` vocabulary (term, doc, column, offset: term-major, docs ascending), so the
 * tokens are FTS5's own and no text is tokenized twice.
 */
export function buildBaseSegment(sqlite: SQLite.Database, oracle: TokenOracle, pairs: Set<string>): void {
  withWritesWhileReading(sqlite, () => {
    const seg = buildBaseSegmentUnsafe(sqlite);
    addPairPostings(sqlite, oracle, seg, toVocabulary(pairs));
  });
}

/**
 * The base segment's phrase-pair postings: every paper's text is tokenized again, in id order and
 * pages, to count the pairs' adjacent occurrences (FTS5's vocabulary has no positions by document).
 */
function addPairPostings(
  sqlite: SQLite.Database,
  oracle: TokenOracle,
  seg: number,
  vocabulary: PairVocabulary,
): void {
  const insertPair = sqlite.prepare('insert into phrase_pairs (pair) values (?)');
  for (const pair of vocabulary.pairs) insertPair.run(pair);
  setMeta(sqlite, 'pairs_built', String(Date.now()));
  if (vocabulary.pairs.size === 0) return;
  const encoders = new Map<string, PostingsEncoder>();
  const page = sqlite.prepare(
    'select rowid, title, authors, abstract from papers_fts where rowid > ? order by rowid limit 2000',
  );
  for (let after = 0; ; ) {
    const rows = page.raw().all(after) as Array<[number, string, string, string]>;
    const last = rows.at(-1);
    if (!last) break;
    const tokenized = oracle.tokenizeDocuments(
      rows.map(([id, title, authors, abstract]) => ({ id, columns: [title, authors, abstract] as const })),
      vocabulary,
    );
    for (const doc of tokenized) {
      for (const [term, freq2] of doc.terms) {
        if (!term.includes(' ')) continue;
        let encoder = encoders.get(term);
        if (!encoder) {
          encoder = new PostingsEncoder();
          encoders.set(term, encoder);
        }
        encoder.add(doc.id, freq2);
      }
    }
    after = last[0];
  }
  const insert = sqlite.prepare('insert into postings (term, seg, data) values (?, ?, ?)');
  let bytes = 0;
  for (const [pair, encoder] of encoders) {
    const data = encoder.finish();
    insert.run(pair, seg, data);
    bytes += data.length;
  }
  sqlite.prepare('update segments set bytes = bytes + ? where seg = ?').run(bytes, seg);
}

/**
 * better-sqlite3 refuses writes while a statement is being iterated on the same connection; SQLite
 * allows them when, as here, the rows read (FTS5 vocabulary, old segments) are not the rows written.
 * https://github.com/WiseLibs/better-sqlite3/blob/master/docs/unsafe.md
 */
function withWritesWhileReading(sqlite: SQLite.Database, work: () => void): void {
  sqlite.unsafeMode(true);
  try {
    work();
  } finally {
    sqlite.unsafeMode(false);
  }
}

function buildBaseSegmentUnsafe(sqlite: SQLite.Database): number {
  sqlite.exec(
    "create virtual table if not exists temp.fts_instances using fts5vocab(main, papers_fts, 'instance')",
  );
  const columns = new Map([
    ['title', COLUMN_WEIGHTS_2[0]],
    ['authors', COLUMN_WEIGHTS_2[1]],
    ['abstract', COLUMN_WEIGHTS_2[2]],
  ]);
  const maxRow = sqlite.prepare('select max(rowid) as id from search_docs').get() as { id: number | null };
  const lengths = new Int32Array((maxRow.id ?? 0) + 1);
  const sink = openSegment(sqlite);
  let term: string | undefined;
  let encoder = new PostingsEncoder();
  let doc = -1;
  let freq2 = 0;
  const flushDoc = () => {
    if (doc >= 0) encoder.add(doc, freq2);
  };
  const rows = sqlite.prepare('select term, doc, col from temp.fts_instances').raw();
  for (const [t, d, col] of rows.iterate() as Iterable<[string, number, string]>) {
    if (t !== term) {
      flushDoc();
      if (term !== undefined) sink.put(term, encoder.finish());
      term = t;
      encoder = new PostingsEncoder();
      doc = -1;
    }
    if (d !== doc) {
      flushDoc();
      doc = d;
      freq2 = 0;
    }
    freq2 += columns.get(col) ?? 0;
    lengths[d] = (lengths[d] ?? 0) + 1;
  }
  flushDoc();
  if (term !== undefined) sink.put(term, encoder.finish());
  sqlite.exec('drop table temp.fts_instances');
  const rev = nextStateRev(sqlite);
  const set = setDocSegment(sqlite);
  const ids = sqlite.prepare('select rowid from search_docs').pluck().iterate() as Iterable<number>;
  for (const id of ids) {
    set.run(id, sink.seg, lengths[id] ?? 0, rev);
    sink.docs += 1;
  }
  closeSegment(sqlite, sink);
  return sink.seg;
}

/** Keeps reads cheap: with too many segments, all but the largest become one. */
export function mergeIfNeeded(sqlite: SQLite.Database): void {
  const segments = sqlite
    .prepare('select seg from segments order by docs desc, seg')
    .pluck()
    .all() as number[];
  if (segments.length <= MAX_SEGMENTS) return;
  mergeSegments(sqlite, segments.slice(1));
}

/** Merges segments into a new one, keeping only live postings; call inside a write transaction. */
export function mergeSegments(sqlite: SQLite.Database, segs: number[]): void {
  withWritesWhileReading(sqlite, () => mergeSegmentsUnsafe(sqlite, segs));
}

function mergeSegmentsUnsafe(sqlite: SQLite.Database, segs: number[]): void {
  const list = segs.join(',');
  if (!/^[\d,]+$/.test(list)) throw new Error('bad segment list');
  const liveIn = new Map<number, number>();
  for (const row of sqlite
    .prepare(`select rowid, seg from doc_segments where seg in (${list})`)
    .raw()
    .iterate() as Iterable<[number, number]>) {
    liveIn.set(row[0], row[1]);
  }
  const sink = openSegment(sqlite);
  let term: string | undefined;
  let merged: Array<[number, number]> = [];
  const flush = () => {
    if (term === undefined || merged.length === 0) return;
    merged.sort((a, b) => a[0] - b[0]);
    const encoder = new PostingsEncoder();
    for (const [doc, freq2] of merged) encoder.add(doc, freq2);
    sink.put(term, encoder.finish());
  };
  const rows = sqlite
    .prepare(`select term, seg, data from postings where seg in (${list}) order by term`)
    .raw();
  for (const [t, seg, data] of rows.iterate() as Iterable<[string, number, Buffer]>) {
    if (t !== term) {
      flush();
      term = t;
      merged = [];
    }
    forEachPosting(data, (doc, freq2) => {
      if (liveIn.get(doc) === seg) merged.push([doc, freq2]);
    });
  }
  flush();
  sink.docs = [...liveIn.values()].length;
  closeSegment(sqlite, sink);
  const rev = nextStateRev(sqlite);
  sqlite.prepare(`update doc_segments set seg = ?, state_rev = ? where seg in (${list})`).run(sink.seg, rev);
  sqlite.exec(`delete from postings where seg in (${list}); delete from segments where seg in (${list});`);
  // Removed papers keep their seg = 0 rows (a few bytes each) until the next rebuild: a reader that
  // has not refreshed since the removal learns of it only from that row.
}

function forEachPosting(bytes: Uint8Array, visit: (doc: number, freq2: number) => void): void {
  let doc = 0;
  let i = 0;
  const next = () => {
    let value = 0;
    let shift = 0;
    let b: number;
    do {
      b = bytes[i++] as number;
      value |= (b & 0x7f) << shift;
      shift += 7;
    } while (b >= 0x80);
    return value;
  };
  while (i < bytes.length) {
    doc += next();
    visit(doc, next());
  }
}
