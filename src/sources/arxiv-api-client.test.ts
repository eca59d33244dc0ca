import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { sharedData } from '../../test/helpers/paths.js';
import {
  type RecordedRequest,
  type ReplayResponse,
  type ReplayScript,
  type ReplayServer,
  readShared,
  recordedExchange,
  startReplayServer,
  unavailable,
} from '../../test/helpers/replay-server.js';
import { SourceFormatError } from '../model/paper.js';
import { ArxivApiClient, type ArxivSearchPage } from './arxiv-api-client.js';
import { ArxivApiError } from './arxiv-atom.js';
import { PoliteHttpClient } from './polite-http.js';

// Real arXiv API exchanges recorded by arxiv.py (2026): `{ url, status_code, body }`.
const RECORDED = 'arxiv-api-atom/lukasschwab-arxiv.py/recorded-2026';

/** Recorded responses keyed by what they answered: `id_list=…` or `start=…` of the paged `testing` search. */
function loadRecorded() {
  const byIdList = new Map<string, ReplayResponse>();
  const byStart = new Map<string, ReplayResponse>();
  for (const name of readdirSync(join(sharedData, RECORDED))) {
    if (!name.endsWith('.json')) continue;
    const path = `${RECORDED}/${name}`;
    const { url } = JSON.parse(readShared(path)) as { url: string };
    const params = new URL(url).searchParams;
    const idList = params.get('id_list');
    if (idList) byIdList.set(idList, recordedExchange(path));
    else if (params.get('max_results') === '10')
      byStart.set(params.get('start') ?? '', recordedExchange(path));
  }
  return { byIdList, byStart };
}

const recorded = loadRecorded();
const emptyFeed = recordedExchange(`${RECORDED}/id_0000.0000_s0_m100_8b51d9633a68.json`);

/** Serves the recording that answers the request, as export.arxiv.org did. */
function replayArxiv(request: RecordedRequest): ReplayResponse {
  const idList = request.params.get('id_list');
  if (idList) return recorded.byIdList.get(idList) ?? emptyFeed;
  const page = recorded.byStart.get(request.params.get('start') ?? '');
  return page ?? { status: 418, body: `no recording for ${request.url}` };
}

let server: ReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setup(script: ReplayScript, options: { idsPerRequest?: number; minIntervalMs?: number } = {}) {
  server = await startReplayServer(script);
  const waits: number[] = [];
  let t = 0;
  const http = new PoliteHttpClient({
    minIntervalMs: options.minIntervalMs ?? 0,
    maxAttempts: 3,
    timeoutMs: 5000,
    userAgent: 'paperboard-test',
    now: () => t,
    sleep: async (ms) => {
      waits.push(ms);
      t += ms;
    },
  });
  const client = new ArxivApiClient({
    http,
    baseUrl: `${server.origin}/api/query`,
    idsPerRequest: options.idsPerRequest,
  });
  return { client, server, waits };
}

async function collect(pages: AsyncGenerator<ArxivSearchPage>): Promise<ArxivSearchPage[]> {
  const out: ArxivSearchPage[] = [];
  for await (const page of pages) out.push(page);
  return out;
}

const ids = (page: { records: { arxivId: string }[] }) => page.records.map((r) => r.arxivId);

describe('ArxivApiClient.search', () => {
  it('pages with start/max_results and stops at maxResults', async () => {
    const { client, server } = await setup(replayArxiv);
    const pages = await collect(
      client.search({
        searchQuery: 'testing',
        sortBy: 'relevance',
        sortOrder: 'descending',
        pageSize: 10,
        maxResults: 30,
      }),
    );

    assert.deepEqual(
      pages.map((p) => [p.start, p.startIndex, p.totalResults, p.records.length]),
      [
        [0, 0, 214881, 10],
        [10, 10, 214881, 10],
        [20, 20, 214881, 10],
      ],
    );
    assert.deepEqual(ids(pages[0] ?? { records: [] }), [
      '2202.12139',
      '2405.13786',
      '2005.14124',
      '2204.08348',
      '2302.03287',
      '1202.4527',
      '2503.05378',
      '1205.1866',
      '2502.07719',
      '1812.11470',
    ]);
    assert.equal(pages[1]?.records[0]?.arxivId, '2403.16981');
    assert.equal(pages[2]?.records[9]?.arxivId, '2602.15552');
    assert.deepEqual(
      server.requests.map((r) => Object.fromEntries(r.params)),
      [0, 10, 20].map((start) => ({
        search_query: 'testing',
        sortBy: 'relevance',
        sortOrder: 'descending',
        start: String(start),
        max_results: '10',
      })),
    );
  });

  it('asks only for what maxResults leaves and trims an over-full last page', async () => {
    const { client, server } = await setup(replayArxiv);
    const pages = await collect(client.search({ searchQuery: 'testing', pageSize: 10, maxResults: 25 }));
    assert.deepEqual(
      server.requests.map((r) => [r.params.get('start'), r.params.get('max_results')]),
      [
        ['0', '10'],
        ['10', '10'],
        ['20', '5'],
      ],
    );
    // the recording answers start=20 with 10 entries; the client keeps the first 5
    assert.deepEqual(ids(pages[2] ?? { records: [] }), [
      '2008.01944',
      '2005.06826',
      '2306.03845',
      '1908.03707',
      '2109.07960',
    ]);
    assert.equal(
      pages.reduce((n, p) => n + p.records.length, 0),
      25,
    );
  });

  it('stops early when shouldStop says so, without fetching the next page', async () => {
    const { client, server } = await setup(replayArxiv);
    const seen: number[] = [];
    const pages = await collect(
      client.search({
        searchQuery: 'testing',
        pageSize: 10,
        shouldStop: (page) => {
          seen.push(page.start);
          return page.records.some((r) => r.arxivId === '2403.16981');
        },
      }),
    );
    assert.deepEqual(
      pages.map((p) => p.start),
      [0, 10],
    );
    assert.deepEqual(seen, [0, 10]);
    assert.equal(server.requests.length, 2);
  });

  it('starts at the given offset and stops at totalResults', async () => {
    // The recorded start=50 page, claiming the result set ends with it.
    const last = recorded.byStart.get('50');
    const body = last?.body?.replace(/<opensearch:totalResults>\d+/, '<opensearch:totalResults>60');
    const { client, server } = await setup([{ status: 200, body }]);
    const pages = await collect(client.search({ searchQuery: 'testing', pageSize: 10, start: 50 }));
    assert.deepEqual(
      pages.map((p) => [p.start, p.totalResults, p.records[0]?.arxivId]),
      [[50, 60, '1709.03221']],
    );
    assert.equal(pages[0]?.records[1]?.arxivId, 'cs/0503050');
    assert.equal(server.requests.length, 1);
  });

  it('stops on an empty page even when totalResults promises more', async () => {
    const body = emptyFeed.body?.replace(/<opensearch:totalResults>\d+/, '<opensearch:totalResults>500');
    const { client, server } = await setup([{ status: 200, body }]);
    const pages = await collect(client.search({ searchQuery: 'cat:cs.CL', pageSize: 100 }));
    assert.equal(pages.length, 1);
    assert.deepEqual(pages[0]?.records, []);
    assert.equal(server.requests.length, 1);
  });

  it('waits out a 503 and keeps 3 s between pages', async () => {
    const script = (request: RecordedRequest, index: number) =>
      index === 0 ? unavailable('5') : replayArxiv(request);
    const { client, waits } = await setup(script, { minIntervalMs: 3000 });
    const pages = await collect(client.search({ searchQuery: 'testing', pageSize: 10, maxResults: 20 }));
    assert.equal(pages.length, 2);
    // Retry-After 5 s, then the second page 3 s after the successful first one started
    assert.deepEqual(waits, [5000, 3000]);
  });
});

describe('ArxivApiClient.fetchByIds', () => {
  it('returns the recorded records for each id, one request per chunk', async () => {
    const { client, server } = await setup(replayArxiv, { idsPerRequest: 1 });
    const result = await client.fetchByIds(['1605.08386', 'astro-ph/0601001', '2104.12255v1']);
    assert.deepEqual(ids(result), ['1605.08386', 'astro-ph/0601001', '2104.12255']);
    assert.deepEqual(result.issues, []);
    assert.deepEqual(
      server.requests.map((r) => [r.params.get('id_list'), r.params.get('max_results')]),
      [
        ['1605.08386', '1'],
        ['astro-ph/0601001', '1'],
        ['2104.12255v1', '1'],
      ],
    );
    const first = result.records[0];
    assert.equal(first?.source, 'arxiv-api');
    assert.equal(first?.version, 1);
  });

  it('sends a comma-separated id_list; unknown ids are simply missing', async () => {
    const { client, server } = await setup(replayArxiv);
    const result = await client.fetchByIds(['0808.05394', '1707.08567']);
    assert.deepEqual(ids(result), ['1707.08567']);
    assert.equal(server.requests.length, 1);
    assert.equal(server.requests[0]?.params.get('id_list'), '0808.05394,1707.08567');
    assert.equal(server.requests[0]?.params.get('max_results'), '2');
  });

  it('splits long lists into chunks of 100', async () => {
    const { client, server } = await setup(() => emptyFeed);
    const many = Array.from({ length: 250 }, (_, i) => `2401.${String(i).padStart(5, '0')}`);
    await client.fetchByIds(many);
    assert.deepEqual(
      server.requests.map((r) => r.params.get('id_list')?.split(',').length),
      [100, 100, 50],
    );
    assert.equal(server.requests[2]?.params.get('id_list')?.split(',')[0], '2401.00200');
  });

  it('makes no request for an empty list', async () => {
    const { client, server } = await setup(replayArxiv);
    assert.deepEqual(await client.fetchByIds([]), { records: [], issues: [] });
    assert.equal(server.requests.length, 0);
  });

  it("turns arXiv's HTTP 400 error feed into ArxivApiError, without retrying", async () => {
    const { client, server } = await setup(replayArxiv);
    await assert.rejects(client.fetchByIds(['abc']), (error: unknown) => {
      assert.ok(error instanceof ArxivApiError);
      assert.match(error.message, /incorrect id format for abc/);
      assert.equal(error.code, 'incorrect_id_format_for_abc');
      return true;
    });
    assert.equal(server.requests.length, 1);
  });

  it('reports a non-feed error status as SourceFormatError naming the status', async () => {
    const { client } = await setup([{ status: 404, body: '<html><body>Not Found</body></html>' }]);
    await assert.rejects(client.fetchByIds(['1605.08386']), (error: unknown) => {
      assert.ok(error instanceof SourceFormatError);
      assert.match(error.message, /HTTP 404/);
      return true;
    });
  });
});
