// The search results page at `/search?q=&sort=relevance|date|upvotes&mode=auto|hybrid|keyword|semantic&p=`
// (SearchPageQuery in web/forms/queries.ts): runs the query through
// ctx.search, loads the hit papers from the store and shows them with highlights. A query the user
// must fix (QueryError) or a bad sort/page is the same page with a 400 and the message.

import type { Context, Hono } from 'hono';
import type { AppContext } from '../../context.js';
import { type ParsedQuery, QueryError } from '../../search/query-ast.js';
import { parseQuery } from '../../search/query-parser.js';
import { searchPapers } from '../../search/search-papers.js';
import { readQuery } from '../form.js';
import { SEARCH_PAGE_SIZE, SearchPageQuery } from '../forms/queries.js';
import { renderPage } from '../render.js';
import { renderHighlighted } from '../views/highlighted-text.js';
import { SearchPage, type SearchResults, type SearchState } from '../views/search-page.js';

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
  const read = await readQuery(c, SearchPageQuery);
  const state: SearchState = read.ok
    ? { query: read.value.q, sort: read.value.sort, page: read.value.p, mode: read.value.mode }
    : { query: read.fields.q ?? '', sort: 'relevance', page: 0, mode: 'auto' };
  const refuse = (message: string, chips: ParsedQuery['chips'] = []) =>
    renderPage(c, <SearchPage site={site} state={state} chips={chips} error={message} />, 400);
  if (!read.ok) return refuse(read.message);
  const { query } = state;
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
