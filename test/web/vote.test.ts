// Upvoting through POST /vote: as a plain form (redirect back) and as the script sends it (JSON),
// for anonymous, signed-in and banned readers, with CSRF, bad input and the per-reader rate limit.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Hono } from 'hono';
import { sql } from 'kysely';
import { RATE_LIMITS } from '../../src/community/limits.js';
import { getPaper } from '../../src/store/paper-reads.js';
import { signedInReader } from '../helpers/accounts.js';
import { boardRecord } from '../helpers/factories.js';
import { createTestDatabase, eachDialect, type TestDatabase } from '../helpers/test-db.js';
import { appFor, loadRecords } from './web-fixtures.js';

const ORIGIN = 'http://paperboard.test';

function vote(app: Hono, form: Record<string, string>, headers: Record<string, string> = {}) {
  return app.request('/vote', {
    method: 'POST',
    body: new URLSearchParams(form),
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, ...headers },
  });
}

eachDialect('POST /vote', (dialect) => {
  let t: TestDatabase;
  let app: Hono;
  before(async () => {
    t = await createTestDatabase(dialect);
    await loadRecords(t, [
      boardRecord({ arxivId: '2608.00001', community: { upvotes: 5 } }),
      boardRecord({ arxivId: '2608.00002', community: { upvotes: 3 } }),
    ]);
    app = appFor(t);
  });
  after(async () => {
    await t.destroy();
  });

  it('sends anonymous readers to sign in (form) or answers 403 (script), and counts nothing', async () => {
    const form = await vote(app, { paper: '2608.00001', vote: '1', back: '/date/2026-08-21?p=1' });
    assert.equal(form.status, 303);
    // Signing in comes back to the paper's upvote button on the page the vote came from.
    assert.equal(
      form.headers.get('location'),
      '/signin?reason=vote&next=%2Fdate%2F2026-08-21%3Fp%3D1%23vote-2608-00001',
    );
    const script = await vote(app, { paper: '2608.00001', vote: '1' }, { accept: 'application/json' });
    assert.equal(script.status, 403);
    assert.equal(((await script.json()) as { code: string }).code, 'forbidden');
    assert.equal((await getPaper(t.db, '2608.00001'))?.upvotes, 5);
  });

  it('a form vote returns to its card on the page it came from, which then offers to remove the vote', async () => {
    const { cookie } = await signedInReader(t, 'ada');
    const response = await vote(
      app,
      { paper: '2608.00001', vote: '1', back: '/date/2026-08-21#elsewhere' },
      { cookie },
    );
    assert.equal(response.status, 303);
    assert.equal(response.headers.get('location'), '/date/2026-08-21#vote-2608-00001');
    const board = await (await app.request('/date/2026-08-21', { headers: { cookie } })).text();
    // The anchor the redirect names is the voted paper's form; the button says what it does next.
    assert.match(
      board,
      /<form method="post" action="\/vote" class="vote-form" id="vote-2608-00001"><input type="hidden" name="paper" value="2608.00001"\/><input type="hidden" name="vote" value="0"\/>.*?<button type="submit" class="vote-box" data-voted="true" aria-label="Remove upvote, 6 upvotes" title="Remove your upvote">.*?<span class="count">6<\/span><\/button><span class="visually-hidden" role="status" data-vote-status="true"><\/span><\/form>/,
    );
    assert.match(board, /aria-label="Upvote, 3 upvotes" title="Upvote"/);
    const anonymous = await (await app.request('/date/2026-08-21')).text();
    assert.doesNotMatch(anonymous, /data-voted="true"|Remove upvote/);
    assert.match(anonymous, /aria-label="Upvote, 6 upvotes"/);
  });

  it('the script’s JSON vote answers the new count; vote=0 takes it back; repeats change nothing', async () => {
    const { cookie } = await signedInReader(t, 'grace');
    const json = { cookie, accept: 'application/json' };
    const up = await vote(app, { paper: '2608.00002', vote: '1' }, json);
    assert.deepEqual(await up.json(), { paper: '2608.00002', upvotes: 4, voted: true });
    const again = await vote(app, { paper: '2608.00002', vote: '1' }, json);
    assert.deepEqual(await again.json(), { paper: '2608.00002', upvotes: 4, voted: true });
    const down = await vote(app, { paper: '2608.00002', vote: '0' }, json);
    assert.deepEqual(await down.json(), { paper: '2608.00002', upvotes: 3, voted: false });
  });

  it('refuses bad input with a message, and never redirects off the site', async () => {
    const { cookie } = await signedInReader(t, 'edsger');
    const json = { cookie, accept: 'application/json' };
    const cases: Array<[Record<string, string>, number, RegExp]> = [
      [{ paper: 'not-an-id', vote: '1' }, 400, /arXiv identifier/],
      [{ paper: '2608.00001', vote: 'yes' }, 400, /vote must be 1/],
      [{ paper: '2608.99999', vote: '1' }, 404, /not on Paperboard/],
    ];
    for (const [form, status, message] of cases) {
      const response = await vote(app, form, json);
      assert.equal(response.status, status);
      assert.match(((await response.json()) as { error: string }).error, message);
    }
    const html = await vote(app, { paper: 'nope', vote: '1' }, { cookie });
    assert.equal(html.status, 400);
    assert.match(await html.text(), /arXiv identifier/);
    for (const back of ['//evil.example/x', 'https://evil.example/', '/\\evil.example']) {
      const response = await vote(app, { paper: '2608.00001', vote: '1', back }, { cookie });
      assert.equal(response.headers.get('location'), '/#vote-2608-00001', back);
    }
  });

  it('refuses a cross-site POST (CSRF) without counting it', async () => {
    const { cookie } = await signedInReader(t, 'barbara');
    const before = (await getPaper(t.db, '2608.00002'))?.upvotes;
    const forged = await vote(
      app,
      { paper: '2608.00002', vote: '1' },
      { cookie, origin: 'https://evil.example' },
    );
    assert.equal(forged.status, 403);
    assert.equal((await getPaper(t.db, '2608.00002'))?.upvotes, before);
  });

  it(`limits a reader to ${RATE_LIMITS.vote.max} votes a minute (429 with Retry-After)`, async () => {
    const { cookie } = await signedInReader(t, 'speedy');
    const json = { cookie, accept: 'application/json' };
    for (let i = 0; i < RATE_LIMITS.vote.max; i += 1) {
      const response = await vote(app, { paper: '2608.00001', vote: i % 2 === 0 ? '1' : '0' }, json);
      assert.equal(response.status, 200);
    }
    const refused = await vote(app, { paper: '2608.00001', vote: '1' }, json);
    assert.equal(refused.status, 429);
    assert.equal(refused.headers.get('retry-after'), '60');
    // The one error mapper: JSON for a client that asked for it, the error page for a plain form.
    assert.deepEqual(await refused.json(), { error: RATE_LIMITS.vote.message, code: 'rate_limited' });
    const page = await vote(app, { paper: '2608.00001', vote: '1' }, { cookie });
    assert.equal(page.status, 429);
    assert.equal(page.headers.get('retry-after'), '60');
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    assert.match(await page.text(), /Too many votes in a minute/);
  });

  it('a banned reader’s session no longer votes', async () => {
    const { cookie, user } = await signedInReader(t, 'mallory');
    await sql`update users set banned_at = ${'2026-08-21T12:00:00.000Z'} where id = ${user.id}`.execute(t.db);
    const response = await vote(
      app,
      { paper: '2608.00001', vote: '1' },
      { cookie, accept: 'application/json' },
    );
    assert.equal(response.status, 403);
  });
});
