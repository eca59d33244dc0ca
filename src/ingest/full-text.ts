// A paper's body for its Markdown form: from the store when an instance fetched it already, else
// from arXiv's HTML rendering (sources/arxiv-html-client.ts), stored for every instance and later
// read. A reader waits at most `waitMs`; past that, or when arXiv fails, the Markdown form has the
// abstract only and a line is logged (a slow fetch still finishes and stores its text). Created once
// per app by web/routes/paper.tsx.

import type { DatabaseHandle } from '../db/connection.js';
import type { Logger } from '../lib/logger.js';
import type { FullTextSource } from '../sources/arxiv-html-client.js';
import { getFullText, saveFullText } from '../store/paper-full-texts.js';

/** arXiv renders new versions within days and older papers rarely later: "none" is asked again weekly. */
export const MISSING_RECHECK_MS = 7 * 86_400_000;
/** After a failure, readers get the abstract alone for this long before arXiv is asked again. */
export const FAILURE_BACKOFF_MS = 5 * 60_000;
/**
 * Fetches waiting at once (arXiv's spacing queues them, 3 s apart): past this, as when a crawler reads
 * every paper's Markdown, readers get the abstract alone instead of a queue that grows without end.
 */
export const MAX_PENDING_FETCHES = 20;

export interface FullTextDeps {
  database: DatabaseHandle;
  source: FullTextSource;
  log: Logger;
  now(): Date;
  /** Longest a reader waits for arXiv (ARXIV_HTML_TIMEOUT_MS). */
  waitMs: number;
  /** Default MAX_PENDING_FETCHES. */
  maxPending?: number;
}

interface PaperRef {
  id: number;
  arxivId: string;
  version: number | null;
}

/** `text`: the body; `none`: arXiv has no HTML rendering; `unavailable`: not now (slow or failing). */
export type FullText = { kind: 'text'; markdown: string } | { kind: 'none' } | { kind: 'unavailable' };

export type FullTextReader = (paper: PaperRef) => Promise<FullText>;

export function createFullTextReader(deps: FullTextDeps): FullTextReader {
  const db = deps.database.db;
  /** One fetch per paper at a time in this instance, however many readers ask. */
  const inFlight = new Map<number, Promise<FullText>>();
  const failedAt = new Map<number, number>();

  const fetchAndStore = async (paper: PaperRef): Promise<FullText> => {
    try {
      const fetched = await deps.source.fetchMarkdown(paper.arxivId, paper.version);
      const markdown = fetched.kind === 'found' ? fetched.markdown : null;
      await saveFullText(db, paper.id, {
        version: paper.version,
        markdown,
        fetchedAt: deps.now().toISOString(),
      });
      failedAt.delete(paper.id);
      return markdown === null ? { kind: 'none' } : { kind: 'text', markdown };
    } catch (error) {
      failedAt.set(paper.id, deps.now().getTime());
      deps.log.warn(
        { err: error, arxiv_id: paper.arxivId },
        'arXiv HTML fetch failed; the Markdown form has the abstract only',
      );
      return { kind: 'unavailable' };
    }
  };

  return async (paper) => {
    const stored = await getFullText(db, paper.id);
    const now = deps.now().getTime();
    if (stored && stored.version === paper.version) {
      if (stored.markdown !== null) return { kind: 'text', markdown: stored.markdown };
      if (now - Date.parse(stored.fetchedAt) < MISSING_RECHECK_MS) return { kind: 'none' };
    }
    const failed = failedAt.get(paper.id);
    if (failed !== undefined && now - failed < FAILURE_BACKOFF_MS) return { kind: 'unavailable' };
    let pending = inFlight.get(paper.id);
    if (!pending && inFlight.size >= (deps.maxPending ?? MAX_PENDING_FETCHES)) {
      deps.log.info(
        { arxiv_id: paper.arxivId, pending: inFlight.size },
        'arXiv HTML queue full; abstract only',
      );
      return { kind: 'unavailable' };
    }
    if (!pending) {
      pending = fetchAndStore(paper).finally(() => inFlight.delete(paper.id));
      inFlight.set(paper.id, pending);
    }
    return withDeadline(pending, deps.waitMs, () =>
      deps.log.warn(
        { arxiv_id: paper.arxivId, wait_ms: deps.waitMs },
        'arXiv HTML slow; the Markdown form has the abstract only',
      ),
    );
  };
}

/** The fetch's answer, or `unavailable` after `ms` (the fetch goes on and stores what it gets). */
async function withDeadline(pending: Promise<FullText>, ms: number, onLate: () => void): Promise<FullText> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<FullText>((resolve) => {
    timer = setTimeout(() => {
      onLate();
      resolve({ kind: 'unavailable' });
    }, ms);
  });
  try {
    return await Promise.race([pending, late]);
  } finally {
    clearTimeout(timer);
  }
}
