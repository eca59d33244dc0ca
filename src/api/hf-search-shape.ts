// The Hugging Face papers *search* result shape (`GET /api/papers/search`: the daily-papers item
// without submittedBy, plus upvoted and highlightedTitle/highlightedSummary; recorded responses in
// ../shared/data/hf-papers-api/hf-mcp-server-papers-search/), and the similar-papers item.

import type { HighlightSegment } from '../search/highlight.js';
import type { SearchHit } from '../search/search-types.js';
import type { PaperView } from '../store/paper-reads.js';
import { type HfPaper, toHfListItem, toHfPaper } from './hf-shape.js';

export interface HfHighlight {
  type: 'text' | 'highlight';
  text: string;
}

export interface HfSearchResult {
  paper: HfPaper;
  /** When the paper was put on the board, else its arXiv date (as on the daily items). */
  publishedAt: string;
  title: string;
  summary: string;
  thumbnail: string;
  numComments: number;
  /** Whether the signed-in user upvoted it; there are no accounts here, so always false. */
  upvoted: boolean;
  isAuthorParticipating: boolean;
  /** The title split into plain and matched pieces; joined, they give back `title`. */
  highlightedTitle: HfHighlight[];
  /** The whole abstract split the same way. */
  highlightedSummary: HfHighlight[];
}

/** An item of `GET /api/papers/{id}/similar`: the HF paper object and how close it is. */
export interface SimilarPaperItem extends HfPaper {
  /** Blended similarity in [0, 1] (vector neighbours and shared distinctive words); higher is more similar. */
  score: number;
}

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
export function toSimilarPaperItem(paper: PaperView, similarity: number): SimilarPaperItem {
  return { ...toHfPaper(paper), score: Math.round(similarity * 1e4) / 1e4 };
}
