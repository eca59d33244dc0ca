// The search results page at `/search?q=&sort=relevance|date|upvotes&mode=auto|hybrid|keyword|semantic&p=`: runs the query through
// ctx.search, loads the hit papers from the store and shows them with highlights. A query the user
// must fix (QueryError) or a bad sort/page is the same page with a 400 and the message.

import type { Context, Hono } from 'hono';
import type { AppContext } from '../../context.js';
import { type ParsedQuery, QueryError } from '../../search/query-ast.js';
import { parseQuery } from '../../search/query-parser.js';
import { parseRequestedMode, REQUESTED_MODES } from '../../search/search-mode.js';
import { searchPapers } from '../../search/search-papers.js';
import { COUNT_CAP, type SearchSort } from '../../search/search-types.js';
import { renderPage } from '../render.js';
import { renderHighlighted } from '../views/highlighted-text.js';
import { SearchPage, type SearchResults, type SearchState } from '../views/search-page.js';

export const SEARCH_PAGE_SIZE = 20;
/** The count stops at COUNT_CAP, so pages past it cannot be reached from the page links. */
const MAX_PAGE = Math.ceil(COUNT_CAP / SEARCH_PAGE_SIZE) - 1;
const SORTS: readonly SearchSort[] = ['relevance', 'date', 'upvotes'];

function parseSort(value: string | undefined): SearchSort | undefined {
  if (value === undefined || value === '') return 'relevance';
  return SORTS.find((sort) => sort === value);
}

function parsePage(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return 0;
  const page = /^\d{1,6}$/.test(value) ? Number(value) : Number.NaN;
  return page <= MAX_PAGE ? page : undefined;
}

async function runSearch(ctx: AppContext, state: SearchState): Promise<SearchResults> {
  const page = await searchPapers(ctx, {
    q: state.query,
    sort: state.sort,
    limit: SEARCH_PAGE_SIZE,
    offset: state.page * SEARCH_PAGE_SIZE,
    mode: state.mode,
  });
  const items = page.results.map(({ hit, paper }) => ({
    paper,
    highlight: {
      titleHtml: renderHighlighted(hit.title, { isInlineOnly: true }),
      snippetHtml: renderHighlighted(hit.snippet, { isInlineOnly: true }),
    },
  }));
  return {
    items,
    total: page.total,
    isTotalExact: page.isTotalExact,
    isRelaxed: page.isRelaxed,
    strictTotal: page.strictTotal,
    pageSize: SEARCH_PAGE_SIZE,
    pageCount: Math.max(1, Math.ceil(page.total / SEARCH_PAGE_SIZE)),
    mode: page.mode,
    ...(page.keywordReason ? { keywordReason: page.keywordReason } : {}),
  };
}

async function showSearch(c: Context, ctx: AppContext) {
  const site = c.var.site;
  const query = c.req.query('q') ?? '';
  const sort = parseSort(c.req.query('sort'));
  const page = parsePage(c.req.query('p'));
  const mode = parseRequestedMode(c.req.query('mode'));
  const state: SearchState = { query, sort: sort ?? 'relevance', page: page ?? 0, mode: mode ?? 'auto' };
  const refuse = (message: string, chips: ParsedQuery['chips'] = []) =>
    renderPage(c, <SearchPage site={site} state={state} chips={chips} error={message} />, 400);
  if (!sort) return refuse('The sort order (?sort=) must be relevance, date or upvotes.');
  if (!mode) return refuse(`The search mode (?mode=) must be ${REQUESTED_MODES.join(', ')}.`);
  if (page === undefined) {
    return refuse(`The page number (?p=) must be a whole number from 0 to ${MAX_PAGE}.`);
  }
  if (query.trim() === '') return renderPage(c, <SearchPage site={site} state={state} chips={[]} />);
  let parsed: ParsedQuery;
  let results: SearchResults;
  try {
    parsed = parseQuery(query);
    results = await runSearch(ctx, state);
  } catch (error) {
    if (error instanceof QueryError) return refuse(error.message);
    throw error;
  }
  return renderPage(c, <SearchPage site={site} state={state} chips={parsed.chips} results={results} />);
}

export function registerSearchRoutes(app: Hono, ctx: AppContext): void {
  app.get('/search', (c) => showSearch(c, ctx));
}
