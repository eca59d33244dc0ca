// `paperboard reindex`: builds a new index generation from the store and publishes it atomically.
// A crash mid-rebuild leaves an unpublished generation file that the next rebuild removes; the live
// index keeps serving meanwhile, and is removed once the new one is published. Changes made during the rebuild are applied by the follower after.

import { basename, dirname } from 'node:path';
import type { DatabaseHandle } from '../db/connection.js';
import { latestRevision } from '../store/changes.js';
import { listIndexablePapers } from '../store/search-feed.js';
import { openIndexDb, refreshTermStats } from './index-db.js';
import {
  nextIndexFile,
  publishIndexFile,
  removeReplacedIndexFiles,
  removeStaleIndexFiles,
} from './index-location.js';
import { indexedColumns, recordRevision, writePapers } from './index-writer.js';
import { hyphenatedPairs } from './keyword/phrase-pairs.js';
import { buildBaseSegment } from './keyword/segment-writer.js';
import { tokenOracleFor } from './keyword/token-oracle.js';

const PAGE = 5000;

export interface RebuildProgress {
  papers: number;
}

export async function rebuildIndex(
  indexDir: string,
  database: DatabaseHandle,
  options: { onProgress?: (p: RebuildProgress) => void; signal?: AbortSignal } = {},
): Promise<{ papers: number; revision: number; path: string }> {
  removeStaleIndexFiles(indexDir);
  const path = nextIndexFile(indexDir);
  const build = openIndexDb(path);
  // An unpublished generation is thrown away after a crash, so it needs no journal or fsyncs; and
  // FTS5 merges its segments once at the end ('optimize') instead of after every batch.
  build.sqlite.pragma('journal_mode = OFF');
  build.sqlite.pragma('synchronous = OFF');
  build.sqlite.exec("insert into papers_fts(papers_fts, rank) values('automerge', 0)");
  // Read the revision first: anything changed while we copy is re-applied by the follower later.
  const revision = await latestRevision(database.db);
  let papers = 0;
  // Two-word phrases written hyphenated anywhere get postings of their own (keyword/phrase-pairs.ts).
  const oracle = tokenOracleFor(build.sqlite);
  const pairs = new Set<string>();
  try {
    for (let afterId = 0; ; ) {
      options.signal?.throwIfAborted();
      const page = await listIndexablePapers(database.db, afterId, PAGE);
      const last = page.at(-1);
      if (!last) break;
      build.sqlite.transaction(() => writePapers(build.sqlite, page, { isFresh: true }))();
      for (const paper of page) {
        if (paper.isWithdrawn) continue;
        for (const text of indexedColumns(paper))
          for (const pair of hyphenatedPairs(text, oracle)) pairs.add(pair);
      }
      afterId = last.id;
      papers += page.length;
      options.onProgress?.({ papers });
    }
    recordRevision(build.sqlite, revision);
    // Merge FTS segments for faster queries, and fold the WAL into the file before publishing.
    build.sqlite.exec("insert into papers_fts(papers_fts) values('optimize')");
    // The keyword engine's postings, in one pass over FTS5's own vocabulary.
    build.sqlite.transaction(() => buildBaseSegment(build.sqlite, oracle, pairs))();
    refreshTermStats(build.sqlite);
    build.sqlite.exec("insert into papers_fts(papers_fts, rank) values('automerge', 4)");
  } finally {
    build.sqlite.close();
  }
  publishIndexFile(dirname(path), basename(path));
  // The generation it replaced (378 MB plus its WAL at 1M papers) is no longer read by anyone new.
  removeReplacedIndexFiles(indexDir);
  return { papers, revision, path };
}
