import assert from 'node:assert/strict';
import { after, afterEach, before, it } from 'node:test';
import { harvestOai, ingestRecent, oaiSetOf } from '../../src/ingest/harvest-arxiv.js';
import { silentLogger } from '../../src/lib/logger.js';
import { ArxivApiClient } from '../../src/sources/arxiv-api-client.js';
import { OaiPmhClient } from '../../src/sources/oai-pmh-client.js';
import { PoliteHttpClient } from '../../src/sources/polite-http.js';
import { getIngestState } from '../../src/store/ingest-state.js';
import { countPapers, listBoard } from '../../src/store/paper-reads.js';
import {
  type ReplayResponse,
  type ReplayServer,
  readShared,
  startReplayServer,
  unavailable,
} from '../helpers/replay-server.js';
import { createTestDatabase, eachDialect, type TestDatabase } from '../helpers/test-db.js';

const ATOM = 'arxiv-api-atom/lukasschwab-arxiv.py/recorded-2026/body-xml/';
const OAI = 'arxiv-oai-pmh/';
// Recorded `search_query=testing` pages of 10, served by their start offset.
const pagesByStart: Record<string, string> = {
  '0': 'q_testing_s0_m10_bc5a6c384fe9.xml',
  '10': 'q_testing_s10_m10_34e56e15aaac.xml',
  '20': 'q_testing_s20_m10_348a237fecab.xml',
  '30': 'q_testing_s30_m10_f2e39f0143dc.xml',
};
const NOW = new Date('2026-08-21T12:00:00.000Z');

function politeHttp() {
  return new PoliteHttpClient({
    minIntervalMs: 0,
    maxAttempts: 3,
    timeoutMs: 5000,
    userAgent: 'paperboard-test',
    backoffBaseMs: 1,
  });
}

let server: ReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

eachDialect('ingestRecent (arXiv API)', (dialect) => {
  let t: TestDatabase;
  before(async () => {
    t = await createTestDatabase(dialect);
  });
  after(async () => {
    await t.destroy();
  });
  const deps = () => ({ database: t, log: silentLogger(), now: () => NOW });
  const serveByStart = (request: { params: URLSearchParams }): ReplayResponse => {
    const file = pagesByStart[request.params.get('start') ?? ''];
    return file
      ? { body: readShared(ATOM + file) }
      : { body: readShared(`${ATOM}id_0000.0000_s0_m100_8b51d9633a68.xml`) };
  };

  it('pages newest-first, stores new papers on the board of their arXiv day, records the run', async () => {
    server = await startReplayServer(serveByStart);
    const api = new ArxivApiClient({ http: politeHttp(), baseUrl: `${server.origin}/api/query` });
    const totals = await ingestRecent(api, deps(), {
      categories: ['cs.AI', 'cs.LG'],
      maxResults: 30,
      pageSize: 10,
    });
    assert.equal(totals.read, 30);
    assert.equal(totals.inserted, 30);
    assert.equal(server.requests[0]?.params.get('search_query'), 'cat:cs.AI OR cat:cs.LG');
    assert.equal(server.requests[0]?.params.get('sortBy'), 'submittedDate');
    assert.equal(server.requests[0]?.params.get('sortOrder'), 'descending');
    assert.equal(await countPapers(t.db), 30);
    const any = (await listBoard(t.db, { from: '1990-01-01', to: '2100-01-01', limit: 1, offset: 0 }))
      .items[0];
    assert.equal(any?.board?.submittedBy, 'arXiv');
    assert.equal(any?.board?.date, any?.publishedAt?.slice(0, 10));
    assert.equal(await getIngestState(t.db, 'arxiv-api:last-run'), NOW.toISOString());
  });

  it('stops at the first page that brings nothing new', async () => {
    server = await startReplayServer(serveByStart);
    const api = new ArxivApiClient({ http: politeHttp(), baseUrl: `${server.origin}/api/query` });
    const totals = await ingestRecent(api, deps(), { categories: ['cs.AI'], maxResults: 1000, pageSize: 10 });
    assert.equal(server.requests.length, 1, 'the first page was all known, so no second request');
    assert.deepEqual(
      { inserted: totals.inserted, updated: totals.updated, unchanged: totals.unchanged },
      { inserted: 0, updated: 0, unchanged: 10 },
    );
  });

  it('waits out a 503 and carries on', async () => {
    let calls = 0;
    server = await startReplayServer((request) => (calls++ === 0 ? unavailable('0') : serveByStart(request)));
    const api = new ArxivApiClient({ http: politeHttp(), baseUrl: `${server.origin}/api/query` });
    const totals = await ingestRecent(api, deps(), { categories: ['cs.AI'], maxResults: 10, pageSize: 10 });
    assert.equal(totals.read, 10);
    assert.equal(server.requests.length, 2);
  });
});

eachDialect('harvestOai (OAI-PMH)', (dialect) => {
  let t: TestDatabase;
  before(async () => {
    t = await createTestDatabase(dialect);
  });
  after(async () => {
    await t.destroy();
  });
  const deps = (signal?: AbortSignal) => ({
    database: t,
    log: silentLogger(),
    now: () => NOW,
    ...(signal ? { signal } : {}),
  });
  const firstPage = readShared(`${OAI}litpuvn-arxiv-oai-harvester/ListRecords.xml`);
  const lastPage = readShared(`${OAI}mikesaelim-arXivOAIHarvester/ListRecordsResponse.xml`).replace(
    /<resumptionToken[^>]*>[^<]*<\/resumptionToken>/,
    '<resumptionToken cursor="1001" completeListSize="1007"/>',
  );

  it('keeps the token after each committed page, so a crash resumes from it', async () => {
    server = await startReplayServer((request) =>
      request.params.get('resumptionToken') ? { status: 500, body: 'crash' } : { body: firstPage },
    );
    const oai = new OaiPmhClient({ http: politeHttp(), baseUrl: `${server.origin}/oai` });
    await assert.rejects(harvestOai(oai, deps(), { set: 'cs', from: '2016-10-20' }));
    assert.equal(await getIngestState(t.db, 'oai:cs:token'), '1403493|1001');
    assert.equal(await countPapers(t.db), 387);
  });

  it('resumes with only the stored token, then records the harvest date', async () => {
    server = await startReplayServer(() => ({ body: lastPage }));
    const oai = new OaiPmhClient({ http: politeHttp(), baseUrl: `${server.origin}/oai` });
    const totals = await harvestOai(oai, deps(), { set: 'cs' });
    assert.equal(totals.read, 6);
    const params = server.requests[0]?.params;
    assert.deepEqual([...(params?.keys() ?? [])].sort(), ['resumptionToken', 'verb']);
    assert.equal(params?.get('resumptionToken'), '1403493|1001');
    assert.equal(await getIngestState(t.db, 'oai:cs:token'), undefined);
    // The next harvest starts from when the interrupted one began (its first response), not today.
    assert.equal(await getIngestState(t.db, 'oai:cs:last-date'), '2016-10-21');
  });

  it('the next harvest starts from the last harvest date; noRecordsMatch is not an error', async () => {
    const lastDate = await getIngestState(t.db, 'oai:cs:last-date');
    server = await startReplayServer(() => ({
      body: readShared(`${OAI}mikesaelim-arXivOAIHarvester/ErrorResponseNoRecordsMatch.xml`),
    }));
    const oai = new OaiPmhClient({ http: politeHttp(), baseUrl: `${server.origin}/oai` });
    const totals = await harvestOai(oai, deps(), { set: 'cs' });
    assert.equal(totals.read, 0);
    assert.equal(server.requests[0]?.params.get('from'), lastDate);
    assert.equal(server.requests[0]?.params.get('metadataPrefix'), 'arXivRaw');
  });

  it('a bounded backfill (until) neither resumes nor moves the incremental harvest state', async () => {
    const before = await getIngestState(t.db, 'oai:cs:last-date');
    server = await startReplayServer(() => ({ body: lastPage }));
    const oai = new OaiPmhClient({ http: politeHttp(), baseUrl: `${server.origin}/oai` });
    const totals = await harvestOai(oai, deps(), { set: 'cs', from: '2014-10-01', until: '2014-10-31' });
    assert.equal(totals.read, 6);
    assert.equal(server.requests[0]?.params.get('until'), '2014-10-31');
    assert.equal(await getIngestState(t.db, 'oai:cs:last-date'), before);
  });

  it('filters to the configured categories', async () => {
    server = await startReplayServer(() => ({ body: lastPage }));
    const oai = new OaiPmhClient({ http: politeHttp(), baseUrl: `${server.origin}/oai` });
    const totals = await harvestOai(oai, deps(), {
      set: 'physics:astro-ph',
      from: '2014-10-01',
      categories: ['no.SUCH'],
    });
    assert.equal(totals.read, 0);
  });
});

it('maps categories to OAI sets', () => {
  assert.deepEqual(['cs.CL', 'math.AG', 'stat.ML', 'hep-th', 'astro-ph.CO', 'quant-ph'].map(oaiSetOf), [
    'cs',
    'math',
    'stat',
    'physics:hep-th',
    'physics:astro-ph',
    'physics:quant-ph',
  ]);
});
