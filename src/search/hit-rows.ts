// Highlighted title and snippet for a page's ranked papers (FTS5 highlight() marks), and those rows
// as the page's hits. Used by the FTS5 path (fts-search.ts) and the keyword engine's page.

import type SQLite from 'better-sqlite3';
import { snippetOf, toSegments, trimBrokenMath } from './highlight.js';
import type { SearchHit, SearchRequest, SearchSort } from './search-types.js';

export interface Row {
  id: number;
  arxiv_id: string;
  score: number;
  title_hl: string;
  snippet_hl: string;
}

export /** Highlighted title and snippet (or whole abstract) of each ranked paper for a MATCH expression. */
function withHighlights(
  sqlite: SQLite.Database,
  match: string,
  ranked: Array<Pick<Row, 'id' | 'arxiv_id' | 'score'>>,
  request: Pick<SearchRequest, 'isFullAbstract'>,
): Row[] {
  // FTS5 mishandles a rowid constraint bound as a JS number (a REAL) next to MATCH: it returned the
  // first match instead of the given row. Casting makes it an integer (a test pins this).
  const marks = sqlite.prepare(
    `select highlight(papers_fts, 0, char(1), char(2)) as title_hl,
       highlight(papers_fts, 2, char(1), char(2)) as snippet_hl
     from papers_fts where papers_fts match ? and rowid = cast(? as integer)`,
  );
  return ranked.map((r) => {
    const row = marks.get(match, r.id) as Pick<Row, 'title_hl' | 'snippet_hl'> | undefined;
    if (!row || request.isFullAbstract) return { ...r, ...row } as Row;
    return { ...r, title_hl: row.title_hl, snippet_hl: snippetOf(row.snippet_hl) };
  });
}

export function toHit(row: Row, sort: SearchSort): SearchHit {
  return {
    id: row.id,
    arxivId: row.arxiv_id,
    score: sort === 'relevance' && row.score !== null ? row.score : null,
    title: toSegments(row.title_hl),
    snippet: toSegments(trimBrokenMath(row.snippet_hl)),
  };
}
