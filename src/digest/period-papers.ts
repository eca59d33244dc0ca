// The papers a digest can show for one window of board dates, ranked by trending score, with a
// small in-memory search index over just them so each subscriber's topics run through the real
// query language and engine. A distinct query runs once per window however many subscribers share
// it (categories and popular searches are shared by thousands).

import { type IndexDb, openIndexDb } from '../search/index-db.js';
import { writePapers } from '../search/index-writer.js';
import { parseQuery } from '../search/query-parser.js';
import { listMatchingIds } from '../search/search-engine.js';
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

export class PeriodPapers {
  /** Most trending first; withdrawn papers left out. */
  readonly ranked: PaperView[];
  private readonly index: IndexDb;
  private readonly matches = new Map<string, ReadonlySet<number>>();

  constructor(
    readonly windowFrom: string,
    readonly windowTo: string,
    papers: PaperView[],
  ) {
    this.ranked = papers.filter((p) => !p.isWithdrawn);
    this.index = openIndexDb(':memory:');
    this.index.sqlite.transaction(() =>
      writePapers(this.index.sqlite, this.ranked.map(toIndexable), { isFresh: true }),
    )();
  }

  /** Ids of the window's papers a query matches (an unparseable query matches none). */
  matching(query: string): ReadonlySet<number> {
    let ids = this.matches.get(query);
    if (!ids) {
      try {
        ids = new Set(listMatchingIds(this.index.sqlite, parseQuery(query)));
      } catch {
        // Saved topics are checked when saved; one that no longer parses must not stop a run.
        ids = new Set();
      }
      this.matches.set(query, ids);
    }
    return ids;
  }

  close(): void {
    this.index.sqlite.close();
  }
}
