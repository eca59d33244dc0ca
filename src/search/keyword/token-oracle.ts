// Tokenizes text exactly as the search index does, by asking SQLite's FTS5 itself: documents and
// query words go through an in-memory FTS5 table with the index's tokenizer, and its `instance`
// vocabulary gives every token back. Our own postings (segment-writer.ts) and query terms
// (keyword-engine.ts) therefore hold the very tokens FTS5 scores, stemming included.

import SQLite from 'better-sqlite3';
import { FTS_COLUMNS, getMeta, TOKENIZER } from '../index-db.js';
import { type PairVocabulary, pairKey } from './phrase-pairs.js';

/** bm25() column weights, doubled so they are integers: title 6, authors 2, abstract 1. */
export const COLUMN_WEIGHTS_2 = [12, 4, 2] as const;

export interface TokenizedDocument {
  id: number;
  /** Distinct index tokens with their doubled weighted frequency (Σ over columns of 2·weight·count). */
  terms: Map<string, number>;
  /** Tokens in all columns: FTS5's document length for bm25(). */
  length: number;
}

export interface OracleDocument {
  id: number;
  columns: readonly [string, string, string];
}

export class TokenOracle {
  private readonly sqlite: SQLite.Database;
  private readonly insert: SQLite.Statement;
  private readonly instances: SQLite.Statement;
  private readonly wordCache = new Map<string, string | null>();

  constructor(tokenizer: string = TOKENIZER) {
    if (!/^[a-z0-9_ ]+$/.test(tokenizer)) throw new Error(`bad tokenizer spec: ${tokenizer}`);
    this.sqlite = new SQLite(':memory:');
    this.sqlite.exec(`
      create virtual table oracle using fts5(${FTS_COLUMNS.join(', ')}, tokenize = '${tokenizer}', detail = full);
      create virtual table oracle_instances using fts5vocab(oracle, 'instance');
    `);
    this.insert = this.sqlite.prepare(
      `insert into oracle (rowid, ${FTS_COLUMNS.join(', ')}) values (?, ?, ?, ?)`,
    );
    this.instances = this.sqlite.prepare('select term, doc, col, offset from oracle_instances').raw();
  }

  /**
   * Every document's tokens, as FTS5 would index them; with `pairs`, also every adjacent token pair
   * of that vocabulary (phrase-pairs.ts) counted as FTS5 counts a two-word phrase's instances.
   */
  tokenizeDocuments(documents: readonly OracleDocument[], pairs?: PairVocabulary): TokenizedDocument[] {
    const byId = new Map<number, TokenizedDocument>();
    for (const doc of documents) byId.set(doc.id, { id: doc.id, terms: new Map(), length: 0 });
    const columnIndex = new Map<string, number>(FTS_COLUMNS.map((name, i) => [name, i]));
    // Positions of the tokens that start or end a pair, per document and column: `${id}/${col}` → tokens by offset.
    const positions = new Map<string, string[]>();
    this.sqlite.transaction(() => {
      this.sqlite.exec('delete from oracle');
      for (const doc of documents) this.insert.run(doc.id, ...doc.columns);
      const rows = this.instances.iterate() as Iterable<[string, number, string, number]>;
      for (const [term, id, col, offset] of rows) {
        const entry = byId.get(id);
        const weight = COLUMN_WEIGHTS_2[columnIndex.get(col) ?? -1];
        if (!entry || weight === undefined) throw new Error(`token oracle: unexpected row ${id}/${col}`);
        entry.terms.set(term, (entry.terms.get(term) ?? 0) + weight);
        entry.length += 1;
        if (pairs?.tokens.has(term)) {
          const key = `${id}/${col}`;
          let sequence = positions.get(key);
          if (!sequence) {
            sequence = [];
            positions.set(key, sequence);
          }
          sequence[offset] = term;
        }
      }
      this.sqlite.exec('delete from oracle');
    })();
    if (pairs) countPairs(positions, pairs, byId, columnIndex);
    return [...byId.values()];
  }

  /**
   * Plain token counts per column (no column weights, no pairs) of each document, by id: what a
   * language model of the text needs (RM3's feedback model, hybrid/rm3.ts). Columns in FTS_COLUMNS order.
   */
  countColumnTokens(documents: readonly OracleDocument[]): Map<number, Array<Map<string, number>>> {
    const byId = new Map<number, Array<Map<string, number>>>();
    for (const doc of documents)
      byId.set(
        doc.id,
        doc.columns.map(() => new Map<string, number>()),
      );
    const columnIndex = new Map<string, number>(FTS_COLUMNS.map((name, i) => [name, i]));
    this.sqlite.transaction(() => {
      this.sqlite.exec('delete from oracle');
      for (const doc of documents) this.insert.run(doc.id, ...doc.columns);
      const rows = this.instances.iterate() as Iterable<[string, number, string, number]>;
      for (const [term, id, col] of rows) {
        const counts = byId.get(id)?.[columnIndex.get(col) ?? -1];
        if (!counts) throw new Error(`token oracle: unexpected row ${id}/${col}`);
        counts.set(term, (counts.get(term) ?? 0) + 1);
      }
      this.sqlite.exec('delete from oracle');
    })();
    return byId;
  }

  /** The index token of one query word, or undefined when it is not exactly one token (cached). */
  tokenizeWord(word: string): string | undefined {
    const cached = this.wordCache.get(word);
    if (cached !== undefined) return cached ?? undefined;
    const [doc] = this.tokenizeDocuments([{ id: 1, columns: [word, '', ''] }]);
    const token = doc?.length === 1 ? [...doc.terms.keys()][0] : undefined;
    if (this.wordCache.size > 10_000) this.wordCache.clear();
    this.wordCache.set(word, token ?? null);
    return token;
  }

  close(): void {
    this.sqlite.close();
  }
}

/** Adds each adjacent pair of the vocabulary, weighted by column, to its document's terms. */
function countPairs(
  positions: Map<string, string[]>,
  pairs: PairVocabulary,
  byId: Map<number, TokenizedDocument>,
  columnIndex: Map<string, number>,
): void {
  for (const [key, sequence] of positions) {
    const [id, col] = key.split('/') as [string, string];
    const entry = byId.get(Number(id)) as TokenizedDocument;
    const weight = COLUMN_WEIGHTS_2[columnIndex.get(col) ?? -1] as number;
    sequence.forEach((first, offset) => {
      const second = sequence[offset + 1];
      if (second === undefined) return;
      const pair = pairKey(first, second);
      if (pairs.pairs.has(pair)) entry.terms.set(pair, (entry.terms.get(pair) ?? 0) + weight);
    });
  }
}

const oracles = new WeakMap<SQLite.Database, TokenOracle>();

/** The oracle for an index connection, with the tokenizer that index was created with. */
export function tokenOracleFor(index: SQLite.Database): TokenOracle {
  let oracle = oracles.get(index);
  if (!oracle) {
    oracle = new TokenOracle(getMeta(index, 'tokenizer') ?? TOKENIZER);
    oracles.set(index, oracle);
  }
  return oracle;
}
