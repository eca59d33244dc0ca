// The papers of one board window as every reader's ranking needs them: their features, read and
// tokenised once, and their terms as ids over the window's own vocabulary (so a reader's model is
// applied by array lookups, recs/window-scorer.ts). Shared across readers through CandidateCache: the
// digest run keeps one for its run, serve one with a short lifetime. Called by recs/recommend.ts.

import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { listBoardPaperIds } from '../store/reader-candidates.js';
import { loadPaperFeatures, type PaperFeatures } from './paper-features.js';

/** A paper's terms as window vocabulary ids with their sublinear tf (1 + ln count). */
export interface TermRow {
  ids: Int32Array;
  tf: Float64Array;
}

export interface CandidatePapers {
  /** Newest placement first, at most the window limit. */
  ids: number[];
  features: Map<number, PaperFeatures>;
  /** term → id, over the terms of the window's papers. */
  vocabulary: Map<string, number>;
  rows: Map<number, TermRow>;
}

export interface CandidateWindow {
  fromDate: string;
  toDate: string;
  limit: number;
}

export async function loadCandidatePapers(
  db: Kysely<Database>,
  embeddingModelId: number | undefined,
  window: CandidateWindow,
): Promise<CandidatePapers> {
  const ids = await listBoardPaperIds(db, window);
  const features = await loadPaperFeatures(db, embeddingModelId, ids);
  const vocabulary = new Map<string, number>();
  const rows = new Map<number, TermRow>();
  for (const [id, paper] of features) {
    const termIds = new Int32Array(paper.terms.size);
    const tf = new Float64Array(paper.terms.size);
    let k = 0;
    for (const [term, count] of paper.terms) {
      let v = vocabulary.get(term);
      if (v === undefined) {
        v = vocabulary.size;
        vocabulary.set(term, v);
      }
      termIds[k] = v;
      tf[k] = 1 + Math.log(count);
      k += 1;
    }
    rows.set(id, { ids: termIds, tf });
  }
  return { ids: ids.filter((id) => features.has(id)), features, vocabulary, rows };
}

/**
 * Recently loaded windows, each kept `ttlMs` (new board placements and edits show after that) and at
 * most `maxWindows` of them (a month's window is ~15 MB of features at arXiv's daily volume).
 */
export class CandidateCache {
  private readonly windows = new Map<string, { at: number; papers: Promise<CandidatePapers> }>();

  constructor(private readonly options: { ttlMs: number; maxWindows: number }) {}

  get(
    db: Kysely<Database>,
    embeddingModelId: number | undefined,
    window: CandidateWindow,
    now: number = Date.now(),
  ): Promise<CandidatePapers> {
    const key = `${embeddingModelId ?? ''}|${window.fromDate}|${window.toDate}|${window.limit}`;
    const held = this.windows.get(key);
    if (held && now - held.at < this.options.ttlMs) return held.papers;
    const papers = loadCandidatePapers(db, embeddingModelId, window);
    // A failed read is not kept: the next request tries again.
    papers.catch(() => this.windows.delete(key));
    this.windows.delete(key);
    this.windows.set(key, { at: now, papers });
    while (this.windows.size > this.options.maxWindows) {
      this.windows.delete(this.windows.keys().next().value as string);
    }
    return papers;
  }
}
