// Exact BM25 top-k over the keyword engine's postings, scoring exactly as FTS5's bm25() does for the
// same query (same N, average length, idf floor, column weights, and per-document sum in query-term
// order, so the doubles come out bit-identical) — but every matching paper is scored in a tight
// loop over typed arrays instead of through SQL, which is what makes it faster than FTS5 while
// ranking exhaustively (nothing is skipped, sampled or windowed).
// bm25(): https://www.sqlite.org/fts5.html#the_bm25_function and fts5_aux.c (fts5Bm25Function).

import type { CollectionStats } from './fts-averages.js';
import type { KeywordReader } from './keyword-reader.js';

const K1 = 1.2;
const B = 0.75;

export interface RankRequest {
  /** Index tokens in query order; a repeated word counts again, as it does in FTS5. */
  terms: string[];
  /**
   * A weight per term (query expansion: RM3's expanded terms count less than the typed words);
   * omitted, every term counts once, exactly as in FTS5.
   */
  weights?: number[];
  /** 'all': papers with every term (the query's AND); 'any': papers with at least one (OR). */
  require: 'all' | 'any';
  /** Papers with any of these tokens are left out (the query's exclusions). */
  excluded?: string[];
  /**
   * Relaxed queries: papers holding every one of these tokens come first (then by score); the
   * count of them is returned as preferredTotal.
   */
  preferred?: string[];
  /** Filters (year:, cat:, has:code …) as a bitmap over paper ids; undefined: no filter. */
  allowed?: Uint8Array;
  /** How many of the best to return, after skipping `offset`. */
  limit: number;
  offset: number;
}

export interface RankedDoc {
  id: number;
  /** bm25() as FTS5 reports it: negative, lower is better. */
  score: number;
}

export interface RankResult {
  hits: RankedDoc[];
  total: number;
  preferredTotal: number;
}

/** FTS5's idf: log((N − n + 0.5) / (n + 0.5)), floored at 1e-6 for words in over half the rows. */
export function bm25Idf(stats: CollectionStats, hits: number): number {
  const idf = stats.ln((stats.rows - hits + 0.5) / (hits + 0.5));
  return idf <= 0 ? 1e-6 : idf;
}

/** Reusable per-thread buffers: a dense score and count per paper id, and the ids touched. */
class Accumulators {
  score = new Float64Array(0);
  count = new Uint8Array(0);
  flag = new Uint8Array(0);
  touched = new Int32Array(0);
  touchedCount = 0;

  ensure(size: number): void {
    if (this.score.length >= size) return;
    this.score = new Float64Array(size);
    this.count = new Uint8Array(size);
    this.flag = new Uint8Array(size);
    this.touched = new Int32Array(size);
  }

  reset(): void {
    for (let i = 0; i < this.touchedCount; i++) {
      const d = this.touched[i] as number;
      this.score[d] = 0;
      this.count[d] = 0;
      this.flag[d] = 0;
    }
    this.touchedCount = 0;
  }
}

const acc = new Accumulators();

export function rankExact(reader: KeywordReader, stats: CollectionStats, request: RankRequest): RankResult {
  if (request.terms.length === 0 || request.terms.length > 250) throw new Error('rankExact: 1–250 terms');
  acc.ensure(reader.size);
  acc.reset();
  const { score, count, flag, touched } = acc;
  const docLen = reader.docLen;
  const avgdl = stats.rows > 0 ? stats.tokens / stats.rows : 0;
  try {
    let touchedCount = 0;
    for (const [t, term] of request.terms.entries()) {
      const { docs, freq2 } = reader.postings(term);
      const idf = bm25Idf(stats, docs.length) * (request.weights?.[t] ?? 1);
      for (let i = 0; i < docs.length; i++) {
        const d = docs[i] as number;
        const f = (freq2[i] as number) / 2;
        const D = docLen[d] as number;
        const c = count[d] as number;
        if (c === 0) touched[touchedCount++] = d;
        score[d] = (score[d] as number) + idf * ((f * (K1 + 1.0)) / (f + K1 * (1 - B + (B * D) / avgdl)));
        count[d] = c + 1;
      }
    }
    acc.touchedCount = touchedCount;
    // Only touched papers are flagged: reset() clears just those.
    for (const term of request.excluded ?? []) {
      for (const d of reader.postings(term).docs) if (count[d] !== 0) flag[d] = 1;
    }
    const preferredCount = countPreferred(reader, request.preferred);
    const preferredNeed = request.preferred?.length ?? 0;
    const need = request.require === 'all' ? request.terms.length : 1;
    const allowed = request.allowed;
    const top = new TopK(request.offset + request.limit);
    let total = 0;
    let preferredTotal = 0;
    for (let i = 0; i < touchedCount; i++) {
      const d = touched[i] as number;
      if ((count[d] as number) < need || flag[d] === 1) continue;
      if (allowed && allowed[d] !== 1) continue;
      total += 1;
      const isPreferred = preferredCount !== undefined && preferredCount.get(d) === preferredNeed;
      if (isPreferred) preferredTotal += 1;
      top.offer(d, -(score[d] as number), isPreferred);
    }
    return { hits: top.sorted().slice(request.offset), total, preferredTotal };
  } finally {
    acc.reset();
  }
}

/** How many of the preferred tokens each paper holds (only papers holding the first are tracked). */
function countPreferred(reader: KeywordReader, preferred: string[] | undefined) {
  if (!preferred || preferred.length === 0) return undefined;
  const counts = new Map<number, number>();
  const [first, ...rest] = preferred;
  for (const d of reader.postings(first as string).docs) counts.set(d, 1);
  for (const term of rest) {
    for (const d of reader.postings(term).docs) {
      const c = counts.get(d);
      if (c !== undefined) counts.set(d, c + 1);
    }
  }
  return counts;
}

/** The k best by (preferred first, lower bm25, lower id): a bounded binary heap, worst on top. */
class TopK {
  private readonly ids: number[] = [];
  private readonly scores: number[] = [];
  private readonly firsts: boolean[] = [];

  constructor(private readonly k: number) {}

  /** True when a ranks after b. */
  private isWorse(ia: number, ib: number): boolean {
    const pa = this.firsts[ia];
    const pb = this.firsts[ib];
    if (pa !== pb) return !pa;
    const sa = this.scores[ia] as number;
    const sb = this.scores[ib] as number;
    if (sa !== sb) return sa > sb;
    return (this.ids[ia] as number) > (this.ids[ib] as number);
  }

  offer(id: number, bm25: number, isPreferred: boolean): void {
    if (this.k === 0) return;
    if (this.ids.length < this.k) {
      this.ids.push(id);
      this.scores.push(bm25);
      this.firsts.push(isPreferred);
      this.up(this.ids.length - 1);
      return;
    }
    // Compare against the worst kept (the root) without inserting.
    const root = { p: this.firsts[0], s: this.scores[0] as number, id: this.ids[0] as number };
    const better = isPreferred !== root.p ? isPreferred : bm25 !== root.s ? bm25 < root.s : id < root.id;
    if (!better) return;
    this.ids[0] = id;
    this.scores[0] = bm25;
    this.firsts[0] = isPreferred;
    this.down(0);
  }

  private swap(a: number, b: number): void {
    [this.ids[a], this.ids[b]] = [this.ids[b] as number, this.ids[a] as number];
    [this.scores[a], this.scores[b]] = [this.scores[b] as number, this.scores[a] as number];
    [this.firsts[a], this.firsts[b]] = [this.firsts[b] as boolean, this.firsts[a] as boolean];
  }

  private up(i: number): void {
    let at = i;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!this.isWorse(at, parent)) break;
      this.swap(at, parent);
      at = parent;
    }
  }

  private down(i: number): void {
    let at = i;
    for (;;) {
      const l = 2 * at + 1;
      const r = l + 1;
      let worst = at;
      if (l < this.ids.length && this.isWorse(l, worst)) worst = l;
      if (r < this.ids.length && this.isWorse(r, worst)) worst = r;
      if (worst === at) return;
      this.swap(at, worst);
      at = worst;
    }
  }

  sorted(): RankedDoc[] {
    const order = this.ids.map((_, i) => i);
    order.sort((a, b) => (this.isWorse(a, b) ? 1 : this.isWorse(b, a) ? -1 : 0));
    return order.map((i) => ({ id: this.ids[i] as number, score: this.scores[i] as number }));
  }
}
