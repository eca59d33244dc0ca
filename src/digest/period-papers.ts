// The papers a digest can show for one window of board dates, ranked by trending score, with a
// small in-memory search index over just them so each subscriber's topics run through the real
// query language and engine. A distinct query runs once per window however many subscribers share
// it (categories and popular searches are shared by thousands).

import { listMatchingIds } from '../search/fts-search.js';
import { type IndexDb, openIndexDb } from '../search/index-db.js';
import { writePapers } from '../search/index-writer.js';
import { parseQuery, QueryError } from '../search/query-parser.js';
import type { PaperView } from '../store/paper-reads.js';
import type { IndexablePaper } from '../store/search-feed.js';

/** A window rarely holds more than a week of arXiv cs (~6,000); the cap bounds a runaway board. */
export const WINDOW_PAPER_LIMIT = 20_000;

function toIndexable(paper: PaperView): IndexablePaper {
  return {
    id: paper.id,
    arxivId: paper.arxivId,
    title: paper.title,
    abstract: paper.abstract,
    authors: paper.authors.map((a) => a.name),
    categories: paper.categories,
    publishedAt: paper.publishedAt ?? null,
    upvotes: paper.upvotes,
    hasCode: paper.codeLinks.some((l) => l.kind !== 'project'),
    isWithdrawn: paper.isWithdrawn,
  };
}

/** The papers a query matched: as a set, and in topical order (most upvoted first). */
export interface Matches {
  set: ReadonlySet<number>;
  ordered: readonly number[];
}

const NO_MATCHES: Matches = { set: new Set(), ordered: [] };

export class PeriodPapers {
  /** Most trending first; withdrawn papers left out. */
  readonly ranked: PaperView[];
  private readonly byId = new Map<number, PaperView>();
  /** Position of each paper when sorted for topic sections: upvotes, then trending score. */
  private readonly topicalRank = new Map<number, number>();
  private readonly index: IndexDb;
  private readonly matches = new Map<string, Matches>();

  constructor(
    readonly windowFrom: string,
    readonly windowTo: string,
    papers: PaperView[],
  ) {
    this.ranked = papers.filter((p) => !p.isWithdrawn);
    for (const paper of this.ranked) this.byId.set(paper.id, paper);
    const topical = [...this.ranked].sort(
      (a, b) => b.upvotes - a.upvotes || (b.trendingScore ?? 0) - (a.trendingScore ?? 0) || b.id - a.id,
    );
    for (const [i, paper] of topical.entries()) this.topicalRank.set(paper.id, i);
    this.index = openIndexDb(':memory:');
    this.index.sqlite.transaction(() =>
      writePapers(this.index.sqlite, this.ranked.map(toIndexable), { isFresh: true }),
    )();
  }

  paper(id: number): PaperView | undefined {
    return this.byId.get(id);
  }

  /** Position in topical order (lower comes first). */
  rankOf(id: number): number {
    return this.topicalRank.get(id) ?? Number.MAX_SAFE_INTEGER;
  }

  /** The window's papers a query matches (an unparseable query matches none), computed once. */
  matching(query: string): Matches {
    let found = this.matches.get(query);
    if (!found) {
      try {
        const ids = listMatchingIds(this.index.sqlite, parseQuery(query)).filter((id) => this.byId.has(id));
        found = { set: new Set(ids), ordered: ids.sort((a, b) => this.rankOf(a) - this.rankOf(b)) };
      } catch (error) {
        // Saved topics are checked when saved; one that no longer parses must not stop a run (any
        // other error — a closed index — must).
        if (!(error instanceof QueryError)) throw error;
        found = NO_MATCHES;
      }
      this.matches.set(query, found);
    }
    return found;
  }

  close(): void {
    this.index.sqlite.close();
  }
}
