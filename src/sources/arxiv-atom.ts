// Pure parser for arXiv API (`/api/query`) Atom responses, current (2025+) and legacy format alike:
// one PaperRecord per <entry> plus the opensearch paging numbers. Called by the arXiv API client
// and ingest; no I/O. Spec: https://info.arxiv.org/help/api/user-manual.html#_details_of_atom_results_returned
import { parseArxivId } from '../model/arxiv-id.js';
import type { Author, PaperRecord, ParseResult, RecordIssue } from '../model/paper.js';
import { SourceFormatError } from '../model/paper.js';
import { withoutUndefined } from './text-util.js';
import {
  attrOf,
  child,
  children,
  cleanText,
  firstDoi,
  isXmlObject,
  parseXml,
  rootName,
  toInteger,
  toIsoDate,
} from './xml-util.js';

export interface AtomPage extends ParseResult {
  /** opensearch:totalResults: matches for the whole query, not this page. */
  totalResults: number;
  /** opensearch:startIndex: zero-based offset of this page's first entry. */
  startIndex: number;
  /** opensearch:itemsPerPage: the max_results the page was asked for. */
  itemsPerPage: number;
}

/**
 * The API's own error document (sent with HTTP 400): a feed whose single entry has the title
 * `Error` and an id like `https://arxiv.org/api/errors#incorrect_id_format_for_abc`.
 * See https://info.arxiv.org/help/api/user-manual.html#_errors
 */
export class ArxivApiError extends Error {
  override name = 'ArxivApiError';
  /** The fragment of the error id, e.g. `incorrect_id_format_for_abc`. */
  readonly code: string;

  constructor(message: string, code: string) {
    super(message);
    this.code = code;
  }
}

const ERROR_ID = /arxiv\.org\/api\/errors(?:#(.*))?$/i;

/** Parses one API response body. Throws ArxivApiError for an error feed, SourceFormatError for junk. */
export function parseArxivAtom(xml: string): AtomPage {
  const doc = parseXml(xml, 'arXiv API response');
  const name = rootName(doc);
  if (name !== 'feed') {
    throw new SourceFormatError(`arXiv API response: expected an Atom <feed>, got <${name}>`);
  }
  const feed = isXmlObject(doc.feed) ? doc.feed : {};
  const entries = children(feed, 'entry');
  throwIfErrorFeed(entries);

  const records: PaperRecord[] = [];
  const issues: RecordIssue[] = [];
  entries.forEach((entry, index) => {
    const result = parseEntry(entry, `entry ${index + 1}`);
    if ('source' in result) records.push(result);
    else issues.push(result);
  });
  return { ...readPaging(feed, entries.length), records, issues };
}

function throwIfErrorFeed(entries: unknown[]): void {
  for (const entry of entries) {
    const match = ERROR_ID.exec(cleanText(child(entry, 'id')) ?? '');
    if (!match) continue;
    const message =
      cleanText(child(entry, 'summary')) ?? cleanText(child(entry, 'title')) ?? 'arXiv API error';
    throw new ArxivApiError(message, match[1] ?? '');
  }
}

// totalResults drives the paging loop, so it must be there; the other two have safe defaults.
function readPaging(feed: unknown, entryCount: number): Omit<AtomPage, keyof ParseResult> {
  const totalResults = toInteger(cleanText(child(feed, 'totalResults')));
  if (totalResults === undefined) {
    throw new SourceFormatError('arXiv API response: missing or invalid <opensearch:totalResults>');
  }
  return {
    totalResults,
    startIndex: toInteger(cleanText(child(feed, 'startIndex'))) ?? 0,
    itemsPerPage: toInteger(cleanText(child(feed, 'itemsPerPage'))) ?? entryCount,
  };
}

/** One <entry> to a record, or an issue when it has no usable id or title. */
function parseEntry(entry: unknown, position: string): PaperRecord | RecordIssue {
  const rawId = cleanText(child(entry, 'id'));
  if (!rawId) return { position, message: 'entry has no <id>' };
  const id = parseArxivId(rawId);
  if (!id)
    return { position, message: `entry <id> is not an arXiv id: ${JSON.stringify(rawId.slice(0, 100))}` };
  const title = cleanText(child(entry, 'title'));
  if (!title) return { id: id.id, position, message: 'entry has no <title>' };

  const { primaryCategory, categories } = readCategories(entry);
  return withoutUndefined<PaperRecord>({
    arxivId: id.id,
    version: id.version,
    title,
    abstract: cleanText(child(entry, 'summary')) ?? '',
    authors: children(entry, 'author').flatMap(readAuthor),
    primaryCategory,
    categories,
    comments: cleanText(child(entry, 'comment')),
    journalRef: cleanText(child(entry, 'journal_ref')),
    doi: firstDoi(cleanText(child(entry, 'doi')) ?? doiLink(entry)),
    // <published> is the v1 submission date, <updated> the date of the version this entry shows.
    publishedAt: toIsoDate(cleanText(child(entry, 'published'))),
    updatedAt: toIsoDate(cleanText(child(entry, 'updated'))),
    source: 'arxiv-api',
  });
}

function readAuthor(node: unknown): Author[] {
  const name = cleanText(child(node, 'name'));
  if (!name) return [];
  const affiliations = children(node, 'affiliation')
    .map(cleanText)
    .filter((text): text is string => text !== undefined);
  return [affiliations.length > 0 ? { name, affiliations } : { name }];
}

// <arxiv:primary_category term=...> (with a scheme attribute in the legacy API, without since 2025)
// plus every <category term=...>; the primary comes first even if the feed lists it later.
function readCategories(entry: unknown): { primaryCategory?: string; categories: string[] } {
  const primary = attrOf(child(entry, 'primary_category'), 'term')?.trim() || undefined;
  const terms = children(entry, 'category').map((node) => attrOf(node, 'term')?.trim());
  const categories = [...new Set([primary, ...terms].filter((term): term is string => Boolean(term)))];
  return { primaryCategory: primary ?? categories[0], categories };
}

// Legacy and current feeds both repeat the DOI as <link title="doi" href="https://doi.org/...">.
function doiLink(entry: unknown): string | undefined {
  const link = children(entry, 'link').find((node) => attrOf(node, 'title') === 'doi');
  return attrOf(link, 'href');
}
