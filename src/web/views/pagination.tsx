// `?p=` paging shared by the list pages (boards, trending, author pages): the 0-based page in a
// URL, and the "← Previous page · Page n of m · Next page →" bar under a list.

/**
 * The path of 0-based page `page` of a list at `path` (page 0 is the bare path, its canonical URL).
 * `path` may carry a query of its own (a board's `?cat=`), which `p` joins.
 */
export function pageHref(path: string, page: number): string {
  if (page === 0) return path;
  return `${path}${path.includes('?') ? '&' : '?'}p=${page}`;
}

/** How many pages `total` items fill at `size` a page (one, even for none: an empty list has a page). */
export function pageCountOf(total: number, size: number): number {
  return Math.max(1, Math.ceil(total / size));
}

export const Pagination = (props: { path: string; page: number; pageCount: number }) => {
  if (props.pageCount <= 1) return null;
  const { path, page, pageCount } = props;
  return (
    <nav class="pagination" aria-label="Pages">
      {page > 0 ? (
        <a href={pageHref(path, page - 1)} rel="prev">
          ← Previous page
        </a>
      ) : null}
      <span>
        Page {page + 1} of {pageCount}
      </span>
      {page + 1 < pageCount ? (
        <a href={pageHref(path, page + 1)} rel="next">
          Next page →
        </a>
      ) : null}
    </nav>
  );
};
