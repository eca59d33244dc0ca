import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import {
  type RecordedRequest,
  type ReplayResponse,
  type ReplayScript,
  type ReplayServer,
  readShared,
  recordedBody,
  startReplayServer,
  unavailable,
} from '../../test/helpers/replay-server.js';
import { SourceFormatError } from '../model/paper.js';
import { type OaiPage, OaiPmhError } from './oai-pmh.js';
import { OaiPmhClient } from './oai-pmh-client.js';
import { PoliteHttpClient } from './polite-http.js';

const LITPUVN = 'arxiv-oai-pmh/litpuvn-arxiv-oai-harvester';
const MIKESAELIM = 'arxiv-oai-pmh/mikesaelim-arXivOAIHarvester';

// Real first page (387 arXivRaw records) whose token is `1403493|1001`.
const firstPage = recordedBody(`${LITPUVN}/ListRecords.xml`);
const FIRST_TOKEN = '1403493|1001';
// A real small page (6 records), edited into a last page: OAI-PMH §3.5 ends a list with an empty token.
const smallPage = readShared(`${MIKESAELIM}/ListRecordsResponse.xml`);
const lastPage: ReplayResponse = {
  body: smallPage.replace(
    /<resumptionToken[^>]*>[^<]*<\/resumptionToken>/,
    '<resumptionToken cursor="1001" completeListSize="1007"/>',
  ),
};
const pageWithoutToken: ReplayResponse = {
  body: smallPage.replace(/<resumptionToken[^>]*>[^<]*<\/resumptionToken>/, ''),
};
const error = (name: string) => recordedBody(`${MIKESAELIM}/ErrorResponse${name}.xml`);

let server: ReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setup(script: ReplayScript) {
  server = await startReplayServer(script);
  const waits: number[] = [];
  let t = 0;
  const http = new PoliteHttpClient({
    minIntervalMs: 3000,
    maxAttempts: 3,
    timeoutMs: 5000,
    userAgent: 'paperboard-test',
    now: () => t,
    sleep: async (ms) => {
      waits.push(ms);
      t += ms;
    },
  });
  const client = new OaiPmhClient({ http, baseUrl: `${server.origin}/oai` });
  return { client, server, waits };
}

async function collect(pages: AsyncGenerator<OaiPage>): Promise<OaiPage[]> {
  const out: OaiPage[] = [];
  for await (const page of pages) out.push(page);
  return out;
}

const argsOf = (request: RecordedRequest | undefined) => Object.fromEntries(request?.params ?? []);

describe('OaiPmhClient.listRecords', () => {
  it('follows the resumptionToken to the last page, sending only verb + token when resuming', async () => {
    const { client, server, waits } = await setup((request) =>
      request.params.get('resumptionToken') === FIRST_TOKEN ? lastPage : firstPage,
    );
    const pages = await collect(client.listRecords({ metadataPrefix: 'arXivRaw', from: '2016-10-20' }));

    assert.deepEqual(
      pages.map((p) => [p.records.length, p.resumptionToken]),
      [
        [387, { token: FIRST_TOKEN, cursor: 0, completeListSize: 1440 }],
        [6, undefined],
      ],
    );
    assert.equal(pages[0]?.records[0]?.arxivId, '0803.4354');
    assert.equal(pages[1]?.records[0]?.arxivId, '0704.0471');
    assert.equal(pages[1]?.records[0]?.source, 'oai-pmh');
    assert.deepEqual(
      server.requests.map((r) => argsOf(r)),
      [
        { verb: 'ListRecords', metadataPrefix: 'arXivRaw', from: '2016-10-20' },
        { verb: 'ListRecords', resumptionToken: FIRST_TOKEN },
      ],
    );
    assert.deepEqual(waits, [3000]);
  });

  it('sends set and until on the first request', async () => {
    const { client, server } = await setup([pageWithoutToken]);
    await collect(
      client.listRecords({
        metadataPrefix: 'arXiv',
        from: '2017-12-14',
        until: '2017-12-15',
        set: 'physics:hep-th',
      }),
    );
    assert.deepEqual(argsOf(server.requests[0]), {
      verb: 'ListRecords',
      metadataPrefix: 'arXiv',
      from: '2017-12-14',
      until: '2017-12-15',
      set: 'physics:hep-th',
    });
  });

  it('resumes after a crash from the token the caller persisted', async () => {
    const { client, server } = await setup((request) =>
      request.params.get('resumptionToken') === FIRST_TOKEN ? pageWithoutToken : firstPage,
    );
    // First run: store page 1, remember its token, then "crash" before asking for page 2.
    let persisted: string | undefined;
    for await (const page of client.listRecords({ metadataPrefix: 'arXivRaw', from: '2016-10-20' })) {
      persisted = page.resumptionToken?.token;
      break;
    }
    assert.equal(persisted, FIRST_TOKEN);
    assert.equal(server.requests.length, 1);

    // Second run: the other arguments are ignored; only verb + resumptionToken go out (OAI-PMH §3.5).
    const resumed = await collect(
      client.listRecords({
        metadataPrefix: 'arXivRaw',
        from: '2016-10-20',
        set: 'cs',
        resumptionToken: persisted,
      }),
    );
    assert.deepEqual(
      resumed.map((p) => p.records.length),
      [6],
    );
    assert.deepEqual(argsOf(server.requests[1]), { verb: 'ListRecords', resumptionToken: FIRST_TOKEN });
    assert.equal(server.requests.length, 2);
  });

  it('ends cleanly with one empty page on noRecordsMatch', async () => {
    const { client, server } = await setup([error('NoRecordsMatch')]);
    const pages = await collect(client.listRecords({ metadataPrefix: 'arXivRaw', set: 'moo' }));
    assert.equal(pages.length, 1);
    assert.equal(pages[0]?.isNoRecordsMatch, true);
    assert.deepEqual(pages[0]?.records, []);
    assert.equal(pages[0]?.resumptionToken, undefined);
    assert.equal(server.requests.length, 1);
  });

  it('throws OaiPmhError with the code for a bad resumption token', async () => {
    const { client } = await setup([error('BadResumptionToken')]);
    await assert.rejects(
      collect(client.listRecords({ metadataPrefix: 'arXivRaw', resumptionToken: '3' })),
      (e) => {
        assert.ok(e instanceof OaiPmhError);
        assert.equal(e.code, 'badResumptionToken');
        assert.match(e.message, /resumptionToken supplied is illegal/);
        return true;
      },
    );
  });

  it('refuses to loop when the server hands back the token it was sent', async () => {
    // The real page carries `726959|1001`; answering that token with the same page would never end.
    const { client, server } = await setup(() => ({ body: smallPage }));
    await assert.rejects(
      collect(client.listRecords({ metadataPrefix: 'arXivRaw', resumptionToken: '726959|1001' })),
      (e) => e instanceof SourceFormatError && /did not advance/.test(e.message),
    );
    assert.equal(server.requests.length, 1);
  });

  it("waits out arXiv's 503 Retry-After mid-harvest and carries on", async () => {
    const { client, waits } = await setup((request, index) => {
      if (index === 1) return unavailable('20');
      return request.params.get('resumptionToken') === FIRST_TOKEN ? lastPage : firstPage;
    });
    const pages = await collect(client.listRecords({ metadataPrefix: 'arXivRaw' }));
    assert.deepEqual(
      pages.map((p) => p.records.length),
      [387, 6],
    );
    // 3 s spacing before page 2, then the server's 20 s; the retry is already past the spacing
    assert.deepEqual(waits, [3000, 20_000]);
  });

  it('reads an OAI error even when it comes with an HTTP 4xx status', async () => {
    const { client } = await setup([{ ...error('BadArgument'), status: 400 }]);
    await assert.rejects(collect(client.listRecords({ metadataPrefix: 'arXivRaw' })), {
      name: 'OaiPmhError',
      code: 'badArgument',
    });
  });

  it('reports a non-OAI error page as SourceFormatError naming the status', async () => {
    const { client } = await setup([{ status: 404, body: '<html><body>Not Found</body></html>' }]);
    await assert.rejects(
      collect(client.listRecords({ metadataPrefix: 'arXivRaw' })),
      (e) => e instanceof SourceFormatError && /HTTP 404/.test(e.message),
    );
  });
});

describe('OaiPmhClient.getRecord', () => {
  it('asks for oai:arXiv.org:<id> and returns the record', async () => {
    const { client, server } = await setup([recordedBody(`${MIKESAELIM}/GetRecordResponse.xml`)]);
    const page = await client.getRecord('1302.2146', 'arXivRaw');
    assert.deepEqual(argsOf(server.requests[0]), {
      verb: 'GetRecord',
      identifier: 'oai:arXiv.org:1302.2146',
      metadataPrefix: 'arXivRaw',
    });
    assert.deepEqual(
      page.records.map((r) => [r.arxivId, r.version]),
      [['1302.2146', 2]],
    );
  });

  it('throws OaiPmhError idDoesNotExist for an unknown id', async () => {
    const { client, server } = await setup([error('IdDoesNotExist')]);
    await assert.rejects(client.getRecord('oai:arXiv.org:0813.2274', 'arXivRaw'), {
      name: 'OaiPmhError',
      code: 'idDoesNotExist',
    });
    assert.equal(server.requests[0]?.params.get('identifier'), 'oai:arXiv.org:0813.2274');
  });
});
