// Category enrichment over real Hugging Face daily papers (which carry no arXiv categories), with
// arXiv's `id_list` answered by a local server in arXiv's own response shape (helpers/arxiv-id-list.ts):
// 100 ids per request, categories and comments filled in while HF's upvotes and board stay, `cat:`
// search (the search help's example) then finds them, nothing asked twice, unknown ids retried a few
// times a day apart and then left alone. On SQLite and PostgreSQL.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import type { Hono } from 'hono';
import { enrichFromArxiv } from '../../src/ingest/enrich-arxiv.js';
import { silentLogger } from '../../src/lib/logger.js';
import { parseHfDailyPapers } from '../../src/sources/hf-daily.js';
import { countEnrichmentCandidates, getLookup } from '../../src/store/arxiv-lookups.js';
import { getPaper } from '../../src/store/paper-reads.js';
import { upsertPapers } from '../../src/store/paper-writes.js';
import { createApp } from '../../src/web/app.js';
import { HF_DAILY_DIR } from '../api/hf-data.js';
import { answerIdList, listingRecords, requestedIds, testArxivClient } from '../helpers/arxiv-id-list.js';
import { boardRecord } from '../helpers/factories.js';
import { type ReplayServer, startReplayServer } from '../helpers/replay-server.js';
import { FIXED_NOW, type TestContext, testContext } from '../helpers/test-app.js';
import { createTestDatabase, eachDialect, type TestDatabase } from '../helpers/test-db.js';
import { cardOrder, get } from '../web/web-fixtures.js';

const HF_DAYS = ['2026-06-01', '2026-06-02', '2026-05-15'];
const DAY_MS = 86_400_000;

function hfRecords() {
  return HF_DAYS.flatMap(
    (day) =>
      parseHfDailyPapers(readFileSync(join(HF_DAILY_DIR, `${day}.json`), 'utf8'), { boardDate: day }).records,
  );
}

eachDialect('category enrichment from arXiv id_list lookups', (dialect) => {
  let t: TestDatabase;
  let ctx: TestContext;
  let app: Hono;
  let arxiv: ReplayServer;
  let now = FIXED_NOW;
  const hf = hfRecords();
  const ids = [...new Set(hf.map((r) => r.arxivId))];
  const known = ids.filter((id) => listingRecords().has(id));
  const unknown = ids.filter((id) => !listingRecords().has(id));
  const run = () =>
    enrichFromArxiv(testArxivClient(arxiv.origin), { database: t, log: silentLogger(), now: () => now });

  before(async () => {
    t = await createTestDatabase(dialect);
    arxiv = await startReplayServer(answerIdList);
    ctx = testContext(t);
    app = createApp(ctx);
    await upsertPapers(t, hf, FIXED_NOW.toISOString());
    // A paper from the recorded responses, as HF shows it, and one that already has arXiv's metadata.
    await upsertPapers(t, [boardRecord({ arxivId: '1605.08386', title: 'Heat-bath random walks (HF)' })]);
    await ctx.search.catchUp();
  });
  after(async () => {
    await arxiv.close();
    await ctx.search.close();
    await t.destroy();
  });

  it('starts with HF papers that no cat: search can find', async () => {
    assert.ok(known.length > 100 && unknown.length > 10, `${known.length} known, ${unknown.length} unknown`);
    assert.equal(await countEnrichmentCandidates(t.db, { now }), ids.length + 1);
    assert.deepEqual(cardOrder((await get(app, '/search?q=cat%3Acs.CL')).html), []);
  });

  it('asks for 100 ids per request, fills categories and comments, keeps HF upvotes and board', async () => {
    const totals = await run();
    assert.equal(totals.requested, ids.length + 1);
    assert.equal(totals.found, known.length + 1);
    assert.equal(totals.notFound, unknown.length);
    assert.equal(totals.batches, Math.ceil((ids.length + 1) / 100));
    const asked = arxiv.requests.flatMap(requestedIds);
    assert.equal(new Set(asked).size, asked.length, 'no id asked twice');
    assert.deepEqual(new Set(asked), new Set([...ids, '1605.08386']));
    for (const request of arxiv.requests) {
      const n = requestedIds(request).length;
      assert.ok(n <= 100);
      assert.equal(request.params.get('max_results'), String(n));
    }
    for (const id of known.slice(0, 25)) {
      const listing = listingRecords().get(id);
      const paper = await getPaper(t.db, id);
      const imported = hf.find((r) => r.arxivId === id);
      assert.deepEqual(paper?.categories, listing?.categories, id);
      assert.equal(paper?.primaryCategory, listing?.categories[0], id);
      assert.equal(paper?.comments, listing?.comment ?? null, id);
      assert.equal(paper?.upvotes, imported?.community?.upvotes, id);
      assert.equal(paper?.board?.date, imported?.board?.date, id);
      assert.equal(paper?.board?.submittedBy, imported?.board?.submittedBy, id);
    }
    const recorded = await getPaper(t.db, '1605.08386');
    assert.deepEqual(recorded?.categories, ['math.CO', 'math.ST']);
    assert.equal(recorded?.comments, '20 pages, 3 figures');
    assert.equal(recorded?.title, 'Heat-bath random walks with Markov bases');
    assert.equal(recorded?.upvotes, 12);
    for (const id of unknown) assert.equal((await getLookup(t.db, id))?.outcome, 'not-found', id);
  });

  it('makes the search help’s cat: example find them, through the change log', async () => {
    await ctx.search.catchUp();
    const help = (await get(app, '/search')).html;
    const example = /href="(\/search\?q=cat%3Acs\.CL)"/.exec(help)?.[1];
    assert.ok(example, 'the help links its cat:cs.CL example');
    const found = cardOrder((await get(app, `${example}&sort=date`)).html);
    const expected = known.filter((id) => listingRecords().get(id)?.categories.includes('cs.CL'));
    assert.ok(expected.length > 20, `${expected.length} cs.CL papers`);
    assert.ok(found.length > 0);
    for (const id of found) assert.ok(expected.includes(id), id);
    const cv = cardOrder((await get(app, '/search?q=cat%3Acs.CV')).html);
    assert.ok(cv.length > 0);
  });

  it('never asks again for a paper it has, and leaves unknown ids alone after three tries a day apart', async () => {
    const asked0 = arxiv.requests.length;
    assert.equal((await run()).requested, 0, 'same day: nothing to ask');
    assert.equal(arxiv.requests.length, asked0);
    for (let day = 1; day <= 4; day++) {
      now = new Date(FIXED_NOW.getTime() + day * DAY_MS + 1000);
      const totals = await run();
      const asked = arxiv.requests.slice(asked0).flatMap(requestedIds);
      if (day <= 2) {
        assert.equal(totals.requested, unknown.length, `day ${day}`);
        assert.equal(totals.notFound, unknown.length);
      } else assert.equal(totals.requested, 0, `day ${day}: given up`);
      for (const id of asked) assert.ok(unknown.includes(id), id);
    }
    const lookup = await getLookup(t.db, unknown[0] ?? '');
    assert.equal(lookup?.attempts, 3);
    assert.equal(await countEnrichmentCandidates(t.db, { now }), 0);
  });
});
