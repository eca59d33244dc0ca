// A board's `?cat=` and `?sort=` (issue 12 item 13): parsed once here, and written back into the links
// that must keep them (pagination, votes' return path). Used by routes/board.tsx and views/board-page.tsx.

import { normalizeCategory } from '../search/query-filters.js';

export type BoardSort = 'upvotes' | 'newest';

export interface BoardFilters {
  /** A normalised arXiv category (cs.CV); none: every paper of the period. */
  category?: string;
  sort: BoardSort;
}

export type ParsedFilters = { filters: BoardFilters } | { error: string };

/** `?cat=` and `?sort=`; anything else is a 400 with the reason, never an empty board that hides it. */
export function parseBoardFilters(cat: string | undefined, sort: string | undefined): ParsedFilters {
  const filters: BoardFilters = { sort: 'upvotes' };
  if (sort !== undefined && sort !== '') {
    if (sort !== 'upvotes' && sort !== 'newest') {
      return { error: 'The sort (?sort=) must be “upvotes” or “newest”.' };
    }
    filters.sort = sort;
  }
  if (cat !== undefined && cat.trim() !== '') {
    const category = normalizeCategory(cat.trim());
    // An archive wildcard (cs.*) is a search feature; the board filter names one category.
    if (!category || category.endsWith('*')) {
      return { error: `“${cat}” is not an arXiv category. Categories look like cs.CV or hep-th.` };
    }
    filters.category = category;
  }
  return { filters };
}

/** The filters as a query string (`?cat=cs.CV&sort=newest`), empty for the defaults. */
export function filterQuery(filters: BoardFilters): string {
  const params = new URLSearchParams();
  if (filters.category) params.set('cat', filters.category);
  if (filters.sort !== 'upvotes') params.set('sort', filters.sort);
  const text = params.toString();
  return text ? `?${text}` : '';
}
