// Submitting papers through POST /submit with arXiv answered by a local server replaying recorded
// arXiv API exchanges: placement with "submitted by", the store as cache, duplicates, the age and
// daily limits (admins exempt), unknown and malformed ids.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Hono } from 'hono';
import { getPaper } from '../../src/store/paper-reads.js';
import { upsertPapers } from '../../src/store/paper-writes.js';
import { createApp } from '../../src/web/app.js';
import { signedInReader } from '../helpers/accounts.js';
import { arxivRecord } from '../helpers/factories.js';
import {
  type RecordedRequest,
  type ReplayServer,
  recordedExchange,
  startReplayServer,
} from '../helpers/replay-server.js';
import { FIXED_NOW, testContext } from '../helpers/test-app.js';
import { createTestDatabase, eachDialect, type TestDatabase } from '../helpers/test-db.js';

const RECORDED = 'arxiv-api-atom/lukasschwab-arxiv.py/recorded-2026';
const BY_ID: Record<string, string> = {
  '1707.08567': `${RECORDED}/id_1707.08567_s0_m100_6a1afebfc6a3.json`,
  '1605.08386': `${RECORDED}/id_1605.08386_s0_m100_199195aa31ad.json`,
  '2104.12255': `${RECORDED}/id_2104.12255v1_s0_m100_6ae69987ffe1.json`,
};
const EMPTY = `${RECORDED}/id_0000.0000_s0_m100_8b51d9633a68.json`;

function replayArxiv(request: RecordedRequest) {
  return recordedExchange(BY_ID[request.params.get('id_list') ?? ''] ?? EMPTY);
}

eachDialect('POST /submit', (dialect) => {
  let t: TestDatabase;
  let arxiv: ReplayServer;
  let appWith: (config?: { submitMaxAgeDays?: number; submitDailyLimit?: number }) => Hono;
  let admin: string;
  let reader: string;
  let other: string;
  before(async () => {
    t = await createTestDatabase(dialect);
    arxiv = await startReplayServer(replayArxiv);
    const ctx = testContext(t, FIXED_NOW, { arxivApiUrl: `${arxiv.origin}/api/query`, arxivDelayMs: 0 });
    appWith = (config = {}) => createApp({ ...ctx, config: { ...ctx.config, ...config } });
    admin = (await signedInReader(t, 'admin')).cookie; // the first account is the admin
    reader = (await signedInReader(t, 'reader')).cookie;
    other = (await signedInReader(t, 'other')).cookie;
  });
  after(async () => {
    await arxiv.close();
    await t.destroy();
  });

  function submit(app: Hono, paper: string, cookie?: string) {
    return app.request('/submit', {
      method: 'POST',
      body: new URLSearchParams({ paper }),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'http://paperboard.test',
        ...(cookie ? { cookie } : {}),
      },
    });
  }

  it('sends anonymous readers to sign in', async () => {
    const response = await submit(appWith(), '1707.08567');
    assert.equal(response.status, 303);
    assert.equal(response.headers.get('location'), '/signin');
    assert.equal(arxiv.requests.length, 0);
    const page = await (await appWith().request('/submit')).text();
    assert.match(
      page,
      /<a class="button primary" href="\/signin\?reason=submit&amp;next=%2Fsubmit">Sign in to submit<\/a>/,
    );
  });

  it('tells readers the limits, and admins that the limits do not apply to them', async () => {
    const forReader = await (await appWith().request('/submit', { headers: { cookie: reader } })).text();
    assert.match(forReader, /Papers first published in the last 14 days; up to \d+ a day\./);
    const forAdmin = await (await appWith().request('/submit', { headers: { cookie: admin } })).text();
    assert.doesNotMatch(forAdmin, /in the last 14 days|a day\./);
    assert.match(
      forAdmin,
      /As an admin you can place any paper: the age and daily limits do not apply to you\./,
    );
  });

  it('refuses a malformed id with a message, without asking arXiv', async () => {
    const response = await submit(appWith(), 'hello world', reader);
    assert.equal(response.status, 400);
    assert.match(await response.text(), /is not an arXiv id or URL/);
    assert.equal(arxiv.requests.length, 0);
  });

  it('refuses a reader’s old paper (age limit) but lets an admin place it, fetched from arXiv once', async () => {
    const refused = await submit(appWith(), 'https://arxiv.org/abs/1707.08567v2', reader);
    assert.equal(refused.status, 400);
    assert.match(await refused.text(), /first published on 2017-07-27, more than 14 days ago/);
    assert.equal(await getPaper(t.db, '1707.08567'), undefined, 'nothing stored');

    const app = appWith();
    const placed = await submit(app, 'arxiv.org/pdf/1707.08567v1.pdf', admin);
    assert.equal(placed.status, 303);
    assert.equal(placed.headers.get('location'), '/papers/1707.08567');
    // The paper page confirms it once (a notice cookie the page clears), without a stray colon.
    const flash = placed.headers
      .getSetCookie()
      .find((c) => c.startsWith('pb_flash='))
      ?.split(';')[0];
    assert.equal(flash, 'pb_flash=submitted');
    const landed = await app.request('/papers/1707.08567', { headers: { cookie: `${admin}; ${flash}` } });
    const html = await landed.text();
    assert.match(html, /<p class="flash" role="status">Your paper is on today’s board\.<\/p>/);
    assert.match(landed.headers.getSetCookie().join('\n'), /pb_flash=;.*Max-Age=0/);
    assert.match(html, /<span class="muted">Submitted by admin<\/span>/);
    const again = await (await app.request('/papers/1707.08567', { headers: { cookie: admin } })).text();
    assert.doesNotMatch(again, /class="flash"/, 'shown once');
    const paper = await getPaper(t.db, '1707.08567');
    assert.deepEqual(
      [paper?.board?.date, paper?.board?.submittedBy, paper?.board?.source],
      ['2026-08-21', 'admin', 'submission'],
    );
    assert.match(paper?.title ?? '', /\S/);
    assert.deepEqual(
      arxiv.requests.map((r) => r.params.get('id_list')),
      ['1707.08567', '1707.08567'],
    );
  });

  it('points a second submission to the existing entry, without asking arXiv again', async () => {
    const asked = arxiv.requests.length;
    const response = await submit(appWith(), '1707.08567', other);
    assert.equal(response.status, 200);
    const html = await response.text();
    assert.match(
      html,
      /arXiv:1707.08567 is already on the board \(2026-08-21\)\. <a href="\/papers\/1707.08567">See it<\/a>/,
    );
    assert.equal(arxiv.requests.length, asked);
  });

  it('lists the paper on its submitter’s profile', async () => {
    const html = await (await appWith().request('/users/admin')).text();
    assert.match(html, /Submitted papers \(1\)/);
    assert.match(html, /href="\/papers\/1707\.08567"/);
  });

  it('places a paper the store already knows (a listing’s automatic placement) without asking arXiv', async () => {
    await upsertPapers(
      t,
      [
        arxivRecord({
          arxivId: '2608.00042',
          source: 'listing',
          publishedAt: '2026-08-19T00:00:00Z',
          versions: [{ version: 1, submittedAt: '2026-08-19T00:00:00Z' }],
          board: { date: '2026-08-19', submittedBy: 'arXiv listing' },
        }),
      ],
      FIXED_NOW.toISOString(),
    );
    const asked = arxiv.requests.length;
    const response = await submit(appWith(), '2608.00042', other);
    assert.equal(response.status, 303);
    const paper = await getPaper(t.db, '2608.00042');
    assert.deepEqual([paper?.board?.date, paper?.board?.submittedBy], ['2026-08-21', 'other']);
    assert.equal(arxiv.requests.length, asked);
  });

  it('enforces the daily limit for readers (429) but not for admins; an unknown id is a 404', async () => {
    const app = appWith({ submitMaxAgeDays: 100_000, submitDailyLimit: 1 });
    assert.equal((await submit(app, '1605.08386', reader)).status, 303);
    const capped = await submit(app, '2104.12255', reader);
    assert.equal(capped.status, 429);
    assert.match(await capped.text(), /submitted 1 papers today, the daily limit/);
    assert.equal((await submit(app, '2104.12255', admin)).status, 303);
    const unknown = await submit(app, '2608.99999', admin);
    assert.equal(unknown.status, 404);
    assert.match(await unknown.text(), /arXiv has no paper arXiv:2608.99999/);
  });
});
