// Category enrichment when things go wrong, with arXiv played by a local server: a run stopped
// after a batch (abort) or by an outage resumes where it stopped and never asks twice; an unreadable
// entry or a cut-off answer is logged naming the paper (or the batch) and retried a day later;
// 503 and 429 with Retry-After are waited out by the polite client; an id that is not an arXiv id
// is never sent; two instances sharing a database run the job once. On SQLite and PostgreSQL.
import assert from 'node:assert/strict';
import { afterEach, it } from 'node:test';
import { ENRICH_JOB, enrichFromArxiv } from '../../src/ingest/enrich-arxiv.js';
import { enrichJob } from '../../src/jobs/enrich-job.js';
import { Scheduler } from '../../src/jobs/scheduler.js';
import { createLogger, silentLogger } from '../../src/lib/logger.js';
import { HttpUnavailableError, type PoliteHttpEvent } from '../../src/sources/polite-http.js';
import { countEnrichmentCandidates, getLookup } from '../../src/store/arxiv-lookups.js';
import { getPaper } from '../../src/store/paper-reads.js';
import { upsertPapers } from '../../src/store/paper-writes.js';
import { answerIdList, listingRecords, requestedIds, testArxivClient } from '../helpers/arxiv-id-list.js';
import { boardRecord } from '../helpers/factories.js';
import {
  type RecordedRequest,
  type ReplayResponse,
  type ReplayServer,
  startReplayServer,
  tooManyRequests,
  unavailable,
} from '../helpers/replay-server.js';
import { FIXED_NOW } from '../helpers/test-app.js';
import { createTestDatabase, eachDialect, type TestDatabase } from '../helpers/test-db.js';

const DAY_MS = 86_400_000;
/** Real listing ids (cs.*), in a fixed order. */
const LISTED = [...listingRecords().keys()].sort();

interface LogLine {
  msg: string;
  paper_id?: string;
  first_id?: string;
  last_id?: string;
  reason?: string;
  position?: string;
}

function capturingLogger() {
  const lines: LogLine[] = [];
  const log = createLogger('info', { write: (line: string) => lines.push(JSON.parse(line) as LogLine) });
  return { log, lines };
}

/** Stores papers as Hugging Face's daily papers have them: no categories. */
async function seedHfPapers(t: TestDatabase, ids: string[]): Promise<void> {
  await upsertPapers(
    t,
    ids.map((arxivId) => boardRecord({ arxivId, title: `HF title of ${arxivId}` })),
    FIXED_NOW.toISOString(),
  );
}

eachDialect('category enrichment under faults', (dialect) => {
  let t: TestDatabase | undefined;
  let arxiv: ReplayServer | undefined;
  afterEach(async () => {
    await arxiv?.close();
    await t?.destroy();
    arxiv = undefined;
    t = undefined;
  });
  async function setUp(ids: string[], script: (request: RecordedRequest, index: number) => ReplayResponse) {
    t = await createTestDatabase(dialect);
    arxiv = await startReplayServer(script);
    await seedHfPapers(t, ids);
    return { db: t, server: arxiv };
  }

  it('resumes after an abort and after an outage without asking for any paper twice', async () => {
    const ids = LISTED.slice(0, 250);
    let isDown = false;
    const answered: string[] = [];
    const { db, server } = await setUp(ids, (request) => {
      if (isDown) return unavailable();
      answered.push(...requestedIds(request));
      return answerIdList(request);
    });
    const deps = { database: db, log: silentLogger(), now: () => FIXED_NOW };
    const stop = new AbortController();
    const first = await enrichFromArxiv(
      testArxivClient(server.origin),
      { ...deps, signal: stop.signal },
      { onBatch: () => stop.abort() },
    );
    assert.equal(first.requested, 100);
    assert.equal(await countEnrichmentCandidates(db.db, { now: FIXED_NOW }), 150);

    isDown = true;
    await assert.rejects(enrichFromArxiv(testArxivClient(server.origin), deps), HttpUnavailableError);
    assert.equal(await countEnrichmentCandidates(db.db, { now: FIXED_NOW }), 150, 'an outage marks nothing');

    isDown = false;
    const last = await enrichFromArxiv(testArxivClient(server.origin), deps);
    assert.equal(last.requested, 150);
    assert.equal(last.found, 150);
    assert.equal(server.requests.length, 5, '2 + 2 tries during the outage + 1');
    assert.equal(answered.length, 250);
    assert.deepEqual(new Set(answered), new Set(ids));
    for (const id of [ids[0], ids[120], ids[249]]) {
      assert.deepEqual(
        (await getPaper(db.db, id ?? ''))?.categories,
        listingRecords().get(id ?? '')?.categories,
      );
    }
  });

  it('logs an unreadable entry by its paper and retries it a day later; never sends a non-arXiv id', async () => {
    const ids = LISTED.slice(300, 303);
    const broken = ids[1] ?? '';
    let isBroken = true;
    const { db, server } = await setUp(ids, (request) => {
      const reply = answerIdList(request);
      if (!isBroken) return reply;
      // arXiv's entry for `broken` without its <title>: the parser reports it and skips it.
      const at = reply.body?.indexOf(`abs/${broken}v1</id>`) ?? -1;
      const body =
        reply.body?.slice(0, at) + (reply.body?.slice(at) ?? '').replace(/<title>[^<]*<\/title>/, '');
      return { body };
    });
    await upsertPapers(db, [boardRecord({ arxivId: 'hf-only-12', title: 'Not an arXiv paper' })]);
    const { log, lines } = capturingLogger();
    let now = FIXED_NOW;
    const run = () => enrichFromArxiv(testArxivClient(server.origin), { database: db, log, now: () => now });

    const totals = await run();
    assert.deepEqual([totals.found, totals.malformed, totals.invalid], [2, 1, 1]);
    assert.ok(server.requests.every((r) => !requestedIds(r).includes('hf-only-12')));
    const skipped = lines.find((l) => l.msg === 'unreadable arXiv entry skipped');
    assert.equal(skipped?.paper_id, broken);
    assert.equal(skipped?.reason, 'entry has no <title>');
    const lookup = await getLookup(db.db, broken);
    assert.equal(lookup?.outcome, 'malformed');
    assert.equal(lookup?.detail, 'entry 2: entry has no <title>');
    assert.equal((await getLookup(db.db, 'hf-only-12'))?.outcome, 'invalid-id');
    assert.deepEqual((await getPaper(db.db, broken))?.categories, []);

    assert.equal((await run()).requested, 0, 'not again the same day');
    isBroken = false;
    now = new Date(FIXED_NOW.getTime() + DAY_MS);
    const retry = await run();
    assert.deepEqual([retry.requested, retry.found], [1, 1]);
    assert.deepEqual(requestedIds(server.requests.at(-1) as RecordedRequest), [broken]);
    assert.deepEqual((await getPaper(db.db, broken))?.categories, listingRecords().get(broken)?.categories);
  });

  it('logs a cut-off answer naming the batch and tries those papers again only later', async () => {
    const ids = LISTED.slice(400, 405);
    const { db, server } = await setUp(ids, (request) => {
      const body = answerIdList(request).body ?? '';
      return { body: body.slice(0, Math.floor(body.length / 2)) };
    });
    const { log, lines } = capturingLogger();
    const deps = { database: db, log, now: () => FIXED_NOW };
    const totals = await enrichFromArxiv(testArxivClient(server.origin), deps);
    assert.deepEqual([totals.requested, totals.malformed, totals.found], [5, 5, 0]);
    const logged = lines.find((l) => l.msg === 'unreadable arXiv answer; the batch is retried later');
    assert.ok(logged, JSON.stringify(lines));
    const sent = requestedIds(server.requests[0] as RecordedRequest);
    assert.equal(logged.first_id, sent[0]);
    assert.equal(logged.last_id, sent.at(-1));
    assert.match(logged.reason ?? '', /arXiv API response/);
    assert.equal((await getLookup(db.db, ids[0] ?? ''))?.attempts, 1);
    assert.equal((await enrichFromArxiv(testArxivClient(server.origin), deps)).requested, 0);
    assert.equal(server.requests.length, 1);
  });

  it('waits out 503 and 429 for as long as Retry-After says, then enriches', async () => {
    const ids = LISTED.slice(500, 510);
    const { db, server } = await setUp(ids, (request, index) =>
      index === 0 ? unavailable('7') : index === 1 ? tooManyRequests('3') : answerIdList(request),
    );
    const waits: number[] = [];
    const events: PoliteHttpEvent[] = [];
    const client = testArxivClient(server.origin, {
      maxAttempts: 3,
      sleep: async (ms) => {
        waits.push(ms);
      },
      onEvent: (event) => events.push(event),
    });
    const totals = await enrichFromArxiv(client, { database: db, log: silentLogger(), now: () => FIXED_NOW });
    assert.deepEqual(waits, [7000, 3000]);
    const retries = events.filter((e) => e.type === 'retry');
    assert.deepEqual(
      retries.map((e) => (e.type === 'retry' ? [e.status, e.isRetryAfter] : [])),
      [
        [503, true],
        [429, true],
      ],
    );
    assert.equal(server.requests.length, 3);
    assert.equal(totals.found, 10);
    assert.deepEqual(
      requestedIds(server.requests[2] as RecordedRequest),
      requestedIds(server.requests[0] as RecordedRequest),
    );
  });

  it('runs on one instance at a time: two schedulers sharing the database ask arXiv once', async () => {
    const ids = LISTED.slice(600, 650);
    const { db, server } = await setUp(ids, answerIdList);
    const config = { enrichIntervalMinutes: 15, enrichBatchesPerRun: 20 };
    const deps = { database: db, log: silentLogger(), now: () => FIXED_NOW };
    const job = enrichJob(testArxivClient(server.origin), deps, config);
    assert.equal(job.name, ENRICH_JOB);
    const instances = [1, 2].map(
      () => new Scheduler({ db: db.db, log: silentLogger(), now: () => FIXED_NOW }),
    );
    await Promise.all(instances.map((s) => s.runOnce(job)));
    assert.equal(server.requests.length, 1);
    assert.equal(requestedIds(server.requests[0] as RecordedRequest).length, 50);
    assert.equal(await countEnrichmentCandidates(db.db, { now: FIXED_NOW }), 0);
    await Promise.all(instances.map((s) => s.stop()));
  });
});
