// The Hugging Face papers *search* result shape (`GET /api/papers/search`: the daily-papers item
// without submittedBy, plus upvoted and highlightedTitle/highlightedSummary; recorded responses in
// ../shared/data/hf-papers-api/hf-mcp-server-papers-search/), and the similar-papers item.

import type { HighlightSegment } from '../search/highlight.js';
import type { SearchHit } from '../search/search-types.js';
import type { PaperView } from '../store/paper-reads.js';
import { toHfListItem, toHfPaper } from './hf-shape.js';
import type { HfHighlight, HfSearchResult, SimilarPaper } from './schemas/papers.js';

export function toHfHighlights(segments: readonly HighlightSegment[]): HfHighlight[] {
  return segments.map((s) => ({ type: s.isMatch ? 'highlight' : 'text', text: s.text }));
}

export function toHfSearchResult(paper: PaperView, hit: SearchHit): HfSearchResult {
  return {
    ...toHfListItem(paper),
    upvoted: false,
    highlightedTitle: toHfHighlights(hit.title),
    highlightedSummary: toHfHighlights(hit.snippet),
  };
}

/** FTS5 reports BM25 as a negative number (lower is better); the API turns it around. */
export function toSimilarPaperItem(paper: PaperView, similarity: number): SimilarPaper {
  return { ...toHfPaper(paper), score: Math.round(similarity * 1e4) / 1e4 };
}
