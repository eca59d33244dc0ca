// The search results page: heading with the query, result count, sort tabs, removable filter chips,
// highlighted paper cards, pagination, feed links and the syntax help. Also the empty-query page and
// the 400 page for a query that cannot run. Pure view; routes/search.tsx runs the search.

import type { QueryChip } from '../../search/query-ast.js';
import type { KeywordReason, RequestedMode, SearchMode } from '../../search/search-mode.js';
import type { SearchSort } from '../../search/search-types.js';
import type { PaperView } from '../../store/paper-reads.js';
import { type FeedLink, Layout, type Site } from './layout.js';
import { type CardHighlight, PaperCard } from './paper-card.js';
import { SearchHelp } from './search-help.js';

export interface SearchState {
  query: string;
  sort: SearchSort;
  /** 0-based page index. */
  page: number;
  /** The mode asked for (`auto`: hybrid for plain language, keyword for the query language). */
  mode: RequestedMode;
}

export interface SearchResults {
  items: Array<{ paper: PaperView; highlight: CardHighlight }>;
  total: number;
  isTotalExact: boolean;
  isRelaxed: boolean;
  /** Papers with every word (the relaxed results follow them). */
  strictTotal: number;
  pageSize: number;
  pageCount: number;
  /** The mode that ranked the results, and why it is keyword when another was asked for. */
  mode: SearchMode;
  keywordReason?: KeywordReason;
}

export interface SearchPageProps {
  site: Site;
  state: SearchState;
  chips: QueryChip[];
  results?: SearchResults;
  /** Why the query could not run (the page is then a 400). */
  error?: string;
}

const SORTS: Array<{ sort: SearchSort; label: string }> = [
  { sort: 'relevance', label: 'Relevance' },
  { sort: 'date', label: 'Newest' },
  { sort: 'upvotes', label: 'Upvotes' },
];

const MODES: Array<{ mode: RequestedMode; label: string }> = [
  { mode: 'auto', label: 'Auto' },
  { mode: 'hybrid', label: 'Hybrid' },
  { mode: 'keyword', label: 'Keyword' },
  { mode: 'semantic', label: 'Semantic' },
];

const MODE_NAMES: Record<SearchMode, string> = {
  keyword: 'keyword search (papers with your words)',
  semantic: 'semantic search (best matches by meaning)',
  hybrid: 'hybrid search (your words and their meaning; best matches by meaning)',
};

const KEYWORD_REASONS: Record<KeywordReason, string> = {
  operators: 'the query uses fields, quoted phrases, OR, exclusions or prefixes',
  sort: 'newest and upvote order list papers with your words',
  'filters-only': 'the query has only filters',
  unavailable: 'semantic search is not available on this site yet',
};

/** `/search?q=…` with only the non-default parameters. */
export function searchHref(state: Partial<SearchState> & { query: string }): string {
  const params = new URLSearchParams({ q: state.query });
  if (state.sort && state.sort !== 'relevance') params.set('sort', state.sort);
  if (state.mode && state.mode !== 'auto') params.set('mode', state.mode);
  if (state.page) params.set('p', String(state.page));
  return `/search?${params}`;
}

export function searchFeedLinks(query: string): Array<FeedLink & { label: string }> {
  const q = new URLSearchParams({ q: query });
  return [
    { type: 'application/rss+xml', href: `/feeds/search.rss?${q}`, label: 'RSS' },
    { type: 'application/atom+xml', href: `/feeds/search.atom?${q}`, label: 'Atom' },
    { type: 'application/feed+json', href: `/feeds/search.json?${q}`, label: 'JSON Feed' },
  ].map((feed) => ({ ...feed, title: `Papers matching “${query}” (${feed.label})` }));
}

function countText(results: SearchResults): string {
  const n = results.total.toLocaleString('en-US');
  // Semantic and hybrid pages list a fixed number of candidates, not every paper with the words.
  if (results.mode !== 'keyword') return `${n} best ${results.total === 1 ? 'match' : 'matches'} by meaning`;
  const papers = results.total === 1 ? 'paper' : 'papers';
  return results.isTotalExact ? `${n} ${papers}` : `about ${n} ${papers}`;
}

const SortTabs = (props: { state: SearchState }) => (
  <nav class="tabs" aria-label="Sort results by">
    {SORTS.map(({ sort, label }) => (
      <a
        href={searchHref({ query: props.state.query, sort, mode: props.state.mode })}
        aria-current={sort === props.state.sort ? 'page' : undefined}
      >
        {label}
      </a>
    ))}
  </nav>
);

/** Links, so the toggle works without JavaScript and with the keyboard like any link. */
const ModeTabs = (props: { state: SearchState; results: SearchResults }) => (
  <div class="search-mode">
    <nav class="tabs" aria-label="Search mode">
      {MODES.map(({ mode, label }) => (
        <a
          href={searchHref({ query: props.state.query, sort: props.state.sort, mode })}
          aria-current={mode === props.state.mode ? 'page' : undefined}
        >
          {label}
        </a>
      ))}
    </nav>
    <p class="board-meta" data-mode={props.results.mode}>
      Showing {MODE_NAMES[props.results.mode]}
      {props.results.keywordReason ? `: ${KEYWORD_REASONS[props.results.keywordReason]}` : ''}.
    </p>
  </div>
);

const FilterChips = (props: { chips: QueryChip[]; sort: SearchSort; mode: RequestedMode }) => {
  if (props.chips.length === 0) return null;
  return (
    <ul class="filter-chips" aria-label="Filters">
      {props.chips.map((chip) => (
        <li>
          <a
            class="filter-chip"
            href={searchHref({ query: chip.removeQuery, sort: props.sort, mode: props.mode })}
            aria-label={`Remove filter ${chip.label}`}
            title={`Remove filter ${chip.label}`}
          >
            <span>{chip.label}</span>
            <span class="remove" aria-hidden="true">
              ×
            </span>
          </a>
        </li>
      ))}
    </ul>
  );
};

/**
 * The page's own search field, full width and holding the query (the header's box is too narrow for
 * a long one). The chosen order and mode ride along, as the tabs keep them.
 */
const SearchForm = (props: { state: SearchState }) => (
  // biome-ignore lint/a11y/useSemanticElements: role="search" on the form is the landmark every screen reader knows; <search> is too new (2023) to rely on.
  <form class="search-form" action="/search" method="get" role="search">
    <label for="search-q" class="visually-hidden">
      Search papers
    </label>
    <input id="search-q" type="search" name="q" value={props.state.query} placeholder="Search papers" />
    {props.state.sort !== 'relevance' ? <input type="hidden" name="sort" value={props.state.sort} /> : null}
    {props.state.mode !== 'auto' ? <input type="hidden" name="mode" value={props.state.mode} /> : null}
    <button type="submit" class="button primary">
      Search
    </button>
  </form>
);

const Subscribe = (props: { query: string }) => {
  const [first, ...rest] = searchFeedLinks(props.query);
  if (!first) return null;
  return (
    <p class="subscribe">
      <a href={first.href}>Subscribe to this search</a>{' '}
      <span class="subscribe-formats">
        ({first.label}
        {rest.map((feed) => (
          <>
            , <a href={feed.href}>{feed.label}</a>
          </>
        ))}
        )
      </span>
    </p>
  );
};

const Pagination = (props: { state: SearchState; pageCount: number }) => {
  const { state, pageCount } = props;
  if (pageCount <= 1) return null;
  return (
    <nav class="pagination" aria-label="Pages">
      {state.page > 0 ? (
        <a href={searchHref({ ...state, page: state.page - 1 })} rel="prev">
          ← Previous page
        </a>
      ) : null}
      <span>
        Page {state.page + 1} of {pageCount}
      </span>
      {state.page + 1 < pageCount ? (
        <a href={searchHref({ ...state, page: state.page + 1 })} rel="next">
          Next page →
        </a>
      ) : null}
    </nav>
  );
};

const NoResults = (props: { state: SearchState; results: SearchResults }) =>
  props.results.total > 0 ? (
    <section class="notice">
      <h2>No more results</h2>
      <p>
        This search has {countText(props.results)}; there is nothing on page {props.state.page + 1}.{' '}
        <a href={searchHref({ ...props.state, page: 0 })}>Go to the first page</a>.
      </p>
    </section>
  ) : (
    <section class="notice">
      <h2>No papers found</h2>
      <p>Try fewer or more general words, remove a filter, or use a prefix like transform*.</p>
    </section>
  );

const Results = (props: { state: SearchState; results: SearchResults }) => {
  const { state, results } = props;
  return (
    <>
      {results.isRelaxed ? (
        <p class="banner info" role="note">
          {results.strictTotal === 0
            ? 'No paper has all your words; showing papers with any of them.'
            : `Only ${results.strictTotal} ${results.strictTotal === 1 ? 'paper has' : 'papers have'} all your words; papers with any of them follow.`}
        </p>
      ) : null}
      {results.items.length > 0 ? (
        <ol class="paper-list" start={state.page * results.pageSize + 1}>
          {results.items.map((item) => (
            <PaperCard paper={item.paper} highlight={item.highlight} />
          ))}
        </ol>
      ) : (
        <NoResults state={state} results={results} />
      )}
      <Pagination state={state} pageCount={results.pageCount} />
    </>
  );
};

export const SearchPage = (props: SearchPageProps) => {
  const { state, results, error } = props;
  const hasQuery = state.query.trim() !== '';
  return (
    <Layout
      site={props.site}
      meta={{
        title: hasQuery ? `Search: ${state.query}` : 'Search',
        canonicalPath: hasQuery ? searchHref(state) : '/search',
        current: 'search',
        isNoIndex: hasQuery,
        isSearchBoxHidden: true,
        feeds: hasQuery && !error ? searchFeedLinks(state.query) : [],
      }}
    >
      <SearchForm state={state} />
      <div class="board-head search-head">
        <div>
          <p class="eyebrow">Search</p>
          <h1>
            {!hasQuery ? (
              'Search papers'
            ) : error ? (
              <>Search for “{state.query}”</>
            ) : (
              <>Results for “{state.query}”</>
            )}
          </h1>
          {results ? <p class="board-meta">{countText(results)}</p> : null}
        </div>
        {results ? <SortTabs state={state} /> : null}
      </div>
      {results ? <ModeTabs state={state} results={results} /> : null}
      <FilterChips chips={props.chips} sort={state.sort} mode={state.mode} />
      {results ? <Subscribe query={state.query} /> : null}
      {error ? (
        <section class="notice error" role="alert" aria-labelledby="query-error-heading">
          <h2 id="query-error-heading">This search can’t run</h2>
          <p>{error}</p>
        </section>
      ) : null}
      {results ? <Results state={state} results={results} /> : null}
      {!hasQuery && !error ? (
        <p class="search-intro">
          Search titles, authors and abstracts of every paper on {props.site.name}. Type in the box above.
        </p>
      ) : null}
      <SearchHelp isOpen={!results || results.total === 0} />
    </Layout>
  );
};
