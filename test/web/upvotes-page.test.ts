// /users/:username/upvotes through app.request(): a reader's own upvoted papers, most recent vote
// first, paged with a zero-based ?p=; private to them; linked from their own profile only.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Hono } from 'hono';
import { getPaper } from '../../src/store/paper-reads.js';
import { listUpvotedPaperIds, setVote } from '../../src/store/votes.js';
import { signedInReader } from '../helpers/accounts.js';
import { boardRecord } from '../helpers/factories.js';
import { createTestDatabase, eachDialect, type TestDatabase } from '../helpers/test-db.js';
import { appFor, cardOrder, loadRecords } from './web-fixtures.js';

const IDS = ['2608.00031', '2608.00032', '2608.00033'];

eachDialect('upvoted papers page', (dialect) => {
  let t: TestDatabase;
  let app: Hono;
  let ada: { cookie: string; user: { id: number; username: string } };
  let bob: { cookie: string };
  before(async () => {
    t = await createTestDatabase(dialect);
    await loadRecords(
      t,
      IDS.map((arxivId, i) => boardRecord({ arxivId, title: `Paper ${i}`, community: { upvotes: 100 - i } })),
    );
    app = appFor(t, { boardPageSize: 2 });
    ada = await signedInReader(t, 'ada');
    bob = await signedInReader(t, 'bob');
    // Ada votes 31, then 33, then 32 (by the clock, not the loop order): most recent vote first.
    const times = ['2026-08-21T10:00:00.000Z', '2026-08-21T12:00:00.000Z', '2026-08-21T11:00:00.000Z']; // 31, 32, 33
    for (const [i, arxivId] of IDS.entries()) {
      const paper = await getPaper(t.db, arxivId);
      assert.ok(paper);
      await setVote(t, { userId: ada.user.id, paperId: paper.id, isUp: true, now: times[i] ?? '' });
    }
  });
  after(async () => {
    await t.destroy();
  });

  async function page(path: string, cookie?: string) {
    const res = await app.request(path, cookie ? { headers: { cookie } } : {});
    return { status: res.status, html: await res.text() };
  }

  it('lists the reader’s upvotes, most recent first, two a page, zero-based', async () => {
    const first = await page('/users/ada/upvotes', ada.cookie);
    assert.equal(first.status, 200);
    assert.deepEqual(cardOrder(first.html), ['2608.00032', '2608.00033']);
    assert.match(first.html, /3 papers · most recent upvote first/);
    assert.match(first.html, /<link rel="canonical" href="http:\/\/paperboard.test\/users\/ada\/upvotes"\/>/);
    assert.match(first.html, /<a href="\/users\/ada\/upvotes\?p=1" rel="next">/);
    // Each card offers to remove the upvote.
    assert.equal(first.html.match(/aria-label="Remove upvote, /g)?.length, 2);
    const second = await page('/users/ada/upvotes?p=1', ada.cookie);
    assert.deepEqual(cardOrder(second.html), ['2608.00031']);
    assert.equal((await page('/users/ada/upvotes?p=2', ada.cookie)).status, 404);
    assert.equal((await page('/users/ada/upvotes?p=-1', ada.cookie)).status, 400);
  });

  it('is private: others get a 403 that says so, anonymous readers are offered sign-in', async () => {
    const other = await page('/users/ada/upvotes', bob.cookie);
    assert.equal(other.status, 403);
    assert.match(other.html, /upvotes are private/);
    const anonymous = await page('/users/ada/upvotes');
    assert.equal(anonymous.status, 403);
    assert.match(anonymous.html, /href="\/signin\?reason=page&amp;next=%2Fusers%2Fada%2Fupvotes"/);
  });

  it('an empty list says how to fill it', async () => {
    const empty = await page('/users/bob/upvotes', bob.cookie);
    assert.equal(empty.status, 200);
    assert.match(empty.html, /No upvotes yet/);
  });

  it('the own profile links to it; another reader’s profile does not', async () => {
    assert.match(
      (await page('/users/ada', ada.cookie)).html,
      /<a href="\/users\/ada\/upvotes">Your upvoted papers<\/a>/,
    );
    assert.doesNotMatch((await page('/users/ada', bob.cookie)).html, /upvotes">Your upvoted/);
  });

  it('the store pages and counts the same way', async () => {
    const { ids, total } = await listUpvotedPaperIds(t.db, ada.user.id, { limit: 1, offset: 1 });
    const paper = await getPaper(t.db, '2608.00033');
    assert.deepEqual({ ids, total }, { ids: [paper?.id], total: 3 });
  });
});
