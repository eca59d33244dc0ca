// Client for the arXiv API (`/api/query`): id_list lookups and paged searches, parsed into
// PaperRecords by sources/arxiv-atom.ts. Politeness (3 s spacing, retries) is PoliteHttpClient's job.
// Called by ingest/ and by the CLI's import command. Manual: https://info.arxiv.org/help/api/user-manual.html

import { type ParseResult, SourceFormatError } from '../model/paper.js';
import { ArxivApiError, type AtomPage, parseArxivAtom } from './arxiv-atom.js';
import type { HttpTextResponse, PoliteHttpClient } from './polite-http.js';

export interface ArxivApiClientOptions {
  http: PoliteHttpClient;
  /** e.g. config.arxivApiUrl: `https://export.arxiv.org/api/query`. */
  baseUrl: string;
  /** Ids per id_list request (default 100). */
  idsPerRequest?: number;
}

export type ArxivSortBy = 'submittedDate' | 'lastUpdatedDate' | 'relevance';
export type ArxivSortOrder = 'ascending' | 'descending';

/** A search result page plus the `start` offset it was requested with. */
export type ArxivSearchPage = AtomPage & { start: number };

export interface ArxivSearchParams {
  /** arXiv query syntax, e.g. `cat:cs.CL AND ti:transformer` (manual §5.1). */
  searchQuery: string;
  sortBy?: ArxivSortBy;
  sortOrder?: ArxivSortOrder;
  /** Entries per request (default 100; the manual caps a single call at 2000). */
  pageSize?: number;
  /** Stop after this many entries in total (default: no limit but totalResults). */
  maxResults?: number;
  /** Offset of the first entry (default 0). */
  start?: number;
  /** Asked after each page has been consumed; true ends the search (e.g. a page brought nothing new). */
  shouldStop?: (page: ArxivSearchPage) => boolean;
}

const DEFAULT_IDS_PER_REQUEST = 100;
const DEFAULT_PAGE_SIZE = 100;

export class ArxivApiClient {
  private readonly http: PoliteHttpClient;
  private readonly baseUrl: string;
  private readonly idsPerRequest: number;

  constructor(options: ArxivApiClientOptions) {
    this.http = options.http;
    this.baseUrl = options.baseUrl;
    this.idsPerRequest = options.idsPerRequest ?? DEFAULT_IDS_PER_REQUEST;
  }

  /** Looks papers up by id (with or without version); unknown ids are simply absent from the result. */
  async fetchByIds(ids: string[]): Promise<ParseResult> {
    const result: ParseResult = { records: [], issues: [] };
    for (let i = 0; i < ids.length; i += this.idsPerRequest) {
      const chunk = ids.slice(i, i + this.idsPerRequest);
      // max_results defaults to 10 (manual §3.1.1), so ask for the whole chunk explicitly.
      const page = await this.query({
        id_list: chunk.join(','),
        start: '0',
        max_results: String(chunk.length),
      });
      result.records.push(...page.records);
      result.issues.push(...page.issues);
    }
    return result;
  }

  /**
   * Pages through a search with start/max_results (manual §3.1.1.2), one request per page, until
   * totalResults, maxResults, an empty page, or shouldStop. Advances by the entries actually
   * returned: arXiv sometimes sends short pages, and skipping past them would lose papers.
   */
  async *search(params: ArxivSearchParams): AsyncGenerator<ArxivSearchPage> {
    const pageSize = params.pageSize ?? DEFAULT_PAGE_SIZE;
    const maxResults = params.maxResults ?? Number.POSITIVE_INFINITY;
    let start = params.start ?? 0;
    let taken = 0;
    while (taken < maxResults) {
      const wanted = Math.min(pageSize, maxResults - taken);
      const atom = await this.query(searchArgs(params, start, wanted));
      const page: ArxivSearchPage = { ...trimPage(atom, wanted), start };
      const entries = page.records.length + page.issues.length;
      yield page;
      taken += entries;
      start += entries;
      if (entries === 0 || start >= page.totalResults || params.shouldStop?.(page)) return;
    }
  }

  private async query(args: Record<string, string>): Promise<AtomPage> {
    const url = `${this.baseUrl}?${new URLSearchParams(args)}`;
    return parseApiResponse(await this.http.getText(url));
  }
}

function searchArgs(params: ArxivSearchParams, start: number, maxResults: number): Record<string, string> {
  const args: Record<string, string> = { search_query: params.searchQuery };
  if (params.sortBy) args.sortBy = params.sortBy;
  if (params.sortOrder) args.sortOrder = params.sortOrder;
  args.start = String(start);
  args.max_results = String(maxResults);
  return args;
}

/** Keeps a page within what was asked for, so maxResults holds even if the server sends more. */
function trimPage(page: AtomPage, wanted: number): AtomPage {
  return page.records.length <= wanted ? page : { ...page, records: page.records.slice(0, wanted) };
}

/**
 * arXiv answers a malformed query with HTTP 400 and an Atom feed holding one `Error` entry
 * (manual §3.4); the parser turns that into ArxivApiError with arXiv's message.
 */
function parseApiResponse(response: HttpTextResponse): AtomPage {
  if (response.status === 200) return parseArxivAtom(response.body);
  const failure = `arXiv API returned HTTP ${response.status} for ${response.url}`;
  try {
    parseArxivAtom(response.body);
  } catch (error) {
    if (error instanceof ArxivApiError) throw error;
    throw new SourceFormatError(failure, { cause: error });
  }
  throw new SourceFormatError(failure);
}
