// Where a paper's thumbnail lives, if it has one. Used by the HF-shaped API (api/hf-shape.ts) and the
// board cards (web/views/paper-card.tsx), so both point at the same image.

import type { StoredPaper } from './stored-paper.js';

/** The one host thumbnails come from; the CSP's img-src names it (web/security-headers.ts). */
export const THUMBNAIL_ORIGIN = 'https://cdn-thumbnails.huggingface.co';

/**
 * HF renders a social thumbnail for every paper on its daily page, at the URL pattern seen in all
 * 12,444 recorded items; we point there only for papers that came from that page. Other papers have
 * no image anywhere (arXiv has none and our paper page is HTML), so their thumbnail is "".
 */
export function thumbnailUrl(paper: Pick<StoredPaper, 'arxivId' | 'board'>): string {
  return paper.board?.source === 'hf-daily'
    ? `${THUMBNAIL_ORIGIN}/social-thumbnails/papers/${paper.arxivId}.png`
    : '';
}
