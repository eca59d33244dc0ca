// A board's controls: a date picker that goes to the board of a chosen day (or its week or month),
// and the category filter with the sort choice. Plain GET forms, so they work without script.
// Rendered by views/board-page.tsx; the route side is routes/board.tsx and web/board-filters.ts.

import type { BoardPeriod } from '../../model/board-period.js';
import type { CategoryCount } from '../../store/board-categories.js';
import type { BoardFilters } from '../board-filters.js';

/** Keeps the filters across the date picker's jump, so a cs.CV reader stays on cs.CV. */
const FilterFields = (props: { filters: BoardFilters }) => (
  <>
    {props.filters.category ? <input type="hidden" name="cat" value={props.filters.category} /> : null}
    {props.filters.sort !== 'upvotes' ? <input type="hidden" name="sort" value={props.filters.sort} /> : null}
  </>
);

export const BoardControls = (props: {
  period: BoardPeriod;
  /** The board's path without a query: the filter form submits to it. */
  path: string;
  filters: BoardFilters;
  categories: CategoryCount[];
}) => {
  const { period, filters } = props;
  // The chosen category stays offered even when the period has none of it, so the select shows it.
  const choices = props.categories.map((c) => c.category);
  if (filters.category && !choices.includes(filters.category)) choices.unshift(filters.category);
  return (
    <div class="board-controls">
      <form method="get" action="/date" class="board-control">
        <label for="board-date">Go to date</label>
        <input id="board-date" type="date" name="d" value={period.from} required />
        {period.kind !== 'day' ? <input type="hidden" name="kind" value={period.kind} /> : null}
        <FilterFields filters={filters} />
        <button type="submit" class="button">
          Go
        </button>
      </form>
      <form method="get" action={props.path} class="board-control">
        {/* Each label stays on one line with its select when the form wraps on a phone. */}
        <span class="field-pair">
          <label for="board-cat">Category</label>
          <select id="board-cat" name="cat">
            <option value="">All categories</option>
            {choices.map((category) => (
              <option value={category} selected={category === filters.category}>
                {category}
              </option>
            ))}
          </select>
        </span>
        <span class="field-pair">
          <label for="board-sort">Sort</label>
          <select id="board-sort" name="sort">
            <option value="upvotes" selected={filters.sort === 'upvotes'}>
              Most upvoted
            </option>
            <option value="newest" selected={filters.sort === 'newest'}>
              Newest
            </option>
          </select>
        </span>
        <button type="submit" class="button">
          Apply
        </button>
      </form>
    </div>
  );
};
