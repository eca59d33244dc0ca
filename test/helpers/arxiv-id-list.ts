// Answers arXiv API `id_list` lookups the way arXiv does, for the category enrichment tests: one
// Atom feed (header of a real recorded id_list response) holding an <entry> per id arXiv knows, in
// the order asked, nothing for an unknown id. Entries are the real recorded ones (recorded-2026) when
// the id is among them; otherwise built in arXiv's current entry shape from the real daily-listing
// record of that id (title, abstract, authors, categories with the primary first, comment).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { escapeHtml } from '../../src/lib/html.js';
import { ArxivApiClient } from '../../src/sources/arxiv-api-client.js';
import { PoliteHttpClient, type PoliteHttpOptions } from '../../src/sources/polite-http.js';
import { sharedData } from './paths.js';
import type { RecordedRequest, ReplayResponse } from './replay-server.js';

const RECORDED = join(sharedData, 'arxiv-api-atom/lukasschwab-arxiv.py/recorded-2026/body-xml');
const LISTINGS = join(sharedData, 'arxiv-listings-cs/daily-arxiv-ai-enhanced/dedup-shards');

interface ListingRecord {
  id: string;
  categories: string[];
  authors: string[];
  title: string;
  comment: string | null;
  summary: string;
  _listing_dates?: string[];
}

let recorded: Map<string, string> | undefined;
let listings: Map<string, ListingRecord> | undefined;

/** Every <entry> of the recorded current-format responses, by arXiv id without version. */
export function recordedEntries(): Map<string, string> {
  if (recorded) return recorded;
  recorded = new Map();
  for (const name of readdirSync(RECORDED).sort()) {
    const xml = readFileSync(join(RECORDED, name), 'utf8');
    for (const entry of xml.match(/<entry>[\s\S]*?<\/entry>/g) ?? []) {
      const id = /<id>https?:\/\/arxiv\.org\/abs\/(.+?)(?:v\d+)?<\/id>/.exec(entry)?.[1];
      if (id && !recorded.has(id)) recorded.set(id, `  ${entry}`);
    }
  }
  return recorded;
}

export function listingRecords(): Map<string, ListingRecord> {
  if (listings) return listings;
  listings = new Map();
  for (const name of readdirSync(LISTINGS).filter((n) => n.endsWith('.jsonl'))) {
    for (const line of readFileSync(join(LISTINGS, name), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const record = JSON.parse(line) as ListingRecord;
      listings.set(record.id, record);
    }
  }
  return listings;
}

/** A listing record as arXiv's API would send it (the 2025+ format of the recorded responses). */
export function entryFromListing(r: ListingRecord): string {
  const date = `${r._listing_dates?.[0] ?? '2026-06-01'}T17:59:59Z`;
  const x = escapeHtml;
  return [
    '  <entry>',
    `    <id>http://arxiv.org/abs/${r.id}v1</id>`,
    `    <title>${x(r.title)}</title>`,
    `    <updated>${date}</updated>`,
    `    <link href="https://arxiv.org/abs/${r.id}v1" rel="alternate" type="text/html"/>`,
    `    <link href="https://arxiv.org/pdf/${r.id}v1" rel="related" type="application/pdf" title="pdf"/>`,
    `    <summary>${x(r.summary)}</summary>`,
    ...r.categories.map((c) => `    <category term="${x(c)}" scheme="http://arxiv.org/schemas/atom"/>`),
    `    <published>${date}</published>`,
    ...(r.comment ? [`    <arxiv:comment>${x(r.comment)}</arxiv:comment>`] : []),
    `    <arxiv:primary_category term="${x(r.categories[0] ?? '')}"/>`,
    ...r.authors.map((a) => `    <author>\n      <name>${x(a)}</name>\n    </author>`),
    '  </entry>',
  ].join('\n');
}

/** The entry arXiv would send for an id, or undefined when arXiv has no such paper (here). */
export function entryFor(id: string): string | undefined {
  const entry = recordedEntries().get(id);
  if (entry) return entry;
  const listing = listingRecords().get(id);
  return listing ? entryFromListing(listing) : undefined;
}

/** A feed as arXiv sends for `id_list`: the recorded header with the counts of these entries. */
export function idListFeed(ids: string[], entries: string[]): string {
  const query = `search_query=&amp;id_list=${ids.join(',')}&amp;start=0&amp;max_results=${ids.length}`;
  return [
    "<?xml version='1.0' encoding='UTF-8'?>",
    '<feed xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns="http://www.w3.org/2005/Atom">',
    '  <id>https://arxiv.org/api/UY2mqR74Vu/gU683o8Kx4P2K0xU</id>',
    `  <title>arXiv Query: ${query}</title>`,
    '  <updated>2026-04-12T22:10:19Z</updated>',
    `  <link href="https://arxiv.org/api/query?${query}" type="application/atom+xml"/>`,
    `  <opensearch:itemsPerPage>${ids.length}</opensearch:itemsPerPage>`,
    `  <opensearch:totalResults>${entries.length}</opensearch:totalResults>`,
    '  <opensearch:startIndex>0</opensearch:startIndex>',
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}

/** The ids of an id_list request, in order. */
export function requestedIds(request: RecordedRequest): string[] {
  return (request.params.get('id_list') ?? '').split(',').filter(Boolean);
}

/** A replay-server script answering every id_list request as arXiv would. */
export function answerIdList(request: RecordedRequest): ReplayResponse {
  const ids = requestedIds(request);
  const entries = ids.flatMap((id) => entryFor(id) ?? []);
  return { body: idListFeed(ids, entries) };
}

/** The real API client over the real polite client, pointed at a replay server, with no spacing. */
export function testArxivClient(origin: string, http: Partial<PoliteHttpOptions> = {}): ArxivApiClient {
  const options = {
    minIntervalMs: 0,
    maxAttempts: 2,
    timeoutMs: 5000,
    userAgent: 'paperboard-test',
    backoffBaseMs: 1,
  };
  return new ArxivApiClient({
    http: new PoliteHttpClient({ ...options, ...http }),
    baseUrl: `${origin}/api/query`,
  });
}
