// Confirmation after actions, shown once where the reader lands (web/flash.ts): a report filed, a
// comment posted, a report dismissed; "Report" not offered again for what the reader reported, one
// report per reader and target; moderators dismiss a report (logged); on both databases.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Hono } from 'hono';
import { sql } from 'kysely';
import { upsertPapers } from '../../src/store/paper-writes.js';
import { createApp } from '../../src/web/app.js';
import { signedInReader } from '../helpers/accounts.js';
import { boardRecord } from '../helpers/factories.js';
import { FIXED_NOW, testContext } from '../helpers/test-app.js';
import { createTestDatabase, eachDialect, type TestDatabase } from '../helpers/test-db.js';
import { postForm } from './web-fixtures.js';

/** The notice cookie a response sets, as a request's cookie pair ("pb_flash=…"). */
function flashOf(response: Response): string {
  const pair = response.headers
    .getSetCookie()
    .find((c) => c.startsWith('pb_flash='))
    ?.split(';')[0];
  assert.ok(pair, 'the action sets a notice');
  return pair;
}

eachDialect('notices after actions', (dialect) => {
  let t: TestDatabase;
  let app: Hono;
  let admin: string;
  let reader: string;
  let writer: string;
  before(async () => {
    t = await createTestDatabase(dialect);
    app = createApp(testContext(t));
    admin = (await signedInReader(t, 'admin')).cookie;
    reader = (await signedInReader(t, 'reader')).cookie;
    writer = (await signedInReader(t, 'writer')).cookie;
    await upsertPapers(
      t,
      [
        {
          ...boardRecord({ arxivId: '2608.00002', community: { upvotes: 0, numComments: 0 } }),
          source: 'submission',
          board: { date: '2026-08-21', submittedBy: 'writer', submittedAt: FIXED_NOW.toISOString() },
        },
      ],
      FIXED_NOW.toISOString(),
    );
  });
  after(async () => {
    await t.destroy();
  });

  const post = (path: string, form: Record<string, string>, cookie?: string) =>
    postForm(app, path, form, { cookie });
  const page = (cookie: string, path = '/papers/2608.00002') => app.request(path, { headers: { cookie } });
  const openReports = async () =>
    Number(
      (await sql<{ n: number }>`select count(*) as n from reports where resolved_at is null`.execute(t.db))
        .rows[0]?.n,
    );
  let commentId = 0;

  it('a posted comment is confirmed once, at the comment the redirect lands on', async () => {
    const posted = await post('/comments', { paper: '2608.00002', body: 'First!' }, writer);
    assert.equal(posted.status, 303);
    commentId = Number(/#comment-(\d+)$/.exec(posted.headers.get('location') ?? '')?.[1]);
    assert.ok(commentId > 0);
    assert.equal(flashOf(posted), `pb_flash=commented.${commentId}`);
    const landed = await page(`${writer}; ${flashOf(posted)}`);
    const html = await landed.text();
    assert.match(
      html,
      new RegExp(
        `<li id="comment-${commentId}" class="comment">.*?<p class="flash" role="status">Your comment is posted\\.</p>`,
      ),
    );
    assert.equal(html.match(/class="flash"/g)?.length, 1, 'once, not also at the top');
    assert.match(landed.headers.getSetCookie().join('\n'), /pb_flash=;.*Max-Age=0/, 'cleared');
    assert.doesNotMatch(await (await page(writer)).text(), /class="flash"/);
  });

  it('a report is confirmed, filed once, and no longer offered to its reporter', async () => {
    const reported = await post(
      '/reports',
      { type: 'comment', target: String(commentId), reason: 'rude' },
      reader,
    );
    assert.equal(reported.status, 303);
    assert.equal(reported.headers.get('location'), `/papers/2608.00002#comment-${commentId}`);
    const html = await (await page(`${reader}; ${flashOf(reported)}`)).text();
    assert.match(html, /Thank you — your report is with the moderators\./);
    assert.match(html, /<span class="muted">You reported this<\/span>/);
    assert.doesNotMatch(html, new RegExp(`name="target" value="${commentId}"`), 'no second report form');
    // Others (but not the writer, on their own comment) are still offered it.
    assert.match(await (await page(admin)).text(), new RegExp(`name="target" value="${commentId}"`));
    // A repeat from an old page adds nothing, and still says thank you.
    const repeat = await post(
      '/reports',
      { type: 'comment', target: String(commentId), reason: 'rude!' },
      reader,
    );
    assert.equal(flashOf(repeat), `pb_flash=reported.${commentId}`);
    assert.equal(await openReports(), 1);

    const submission = await post(
      '/reports',
      { type: 'submission', target: '2608.00002', reason: 'spam' },
      reader,
    );
    assert.equal(flashOf(submission), 'pb_flash=reported');
    const top = await (await page(`${reader}; ${flashOf(submission)}`)).text();
    assert.match(
      top,
      /<article class="paper-page" aria-labelledby="paper-title"><p class="flash" role="status">Thank you — your report is with the moderators\.<\/p>/,
    );
    assert.match(
      top,
      /<span class="muted">Submitted by writer<\/span><span class="muted">You reported this submission<\/span>/,
    );
    assert.match(await (await page(admin)).text(), /id="report-submission"/);
    assert.equal(await openReports(), 2);
  });

  it('an admin dismisses a report: confirmed, logged, gone from the queue; only admins, only once', async () => {
    const queue = await (await page(admin, '/moderation')).text();
    assert.match(queue, /Open reports \(2\)/);
    const id = Number(/action="\/moderation\/reports\/(\d+)\/dismiss"/.exec(queue)?.[1]);
    assert.ok(id > 0);
    const anonymous = await post(`/moderation/reports/${id}/dismiss`, {});
    assert.equal(anonymous.status, 303);
    assert.equal(anonymous.headers.get('location'), '/signin');
    assert.equal((await post(`/moderation/reports/${id}/dismiss`, {}, reader)).status, 403);
    assert.equal(await openReports(), 2);

    const dismissed = await post(`/moderation/reports/${id}/dismiss`, { reason: 'fine' }, admin);
    assert.equal(dismissed.status, 303);
    assert.equal(dismissed.headers.get('location'), '/moderation');
    const after = await (await page(`${admin}; ${flashOf(dismissed)}`, '/moderation')).text();
    assert.match(after, /<p class="flash" role="status">Report dismissed\.<\/p>/);
    assert.match(after, /Open reports \(1\)/);
    assert.match(
      after,
      new RegExp(`<td>@admin</td><td>dismiss-report</td><td>report:${id}</td><td>fine</td>`),
    );
    const twice = await post(`/moderation/reports/${id}/dismiss`, {}, admin);
    assert.equal(twice.status, 409);
    assert.match(await twice.text(), /That report is not open/);
    assert.equal((await post('/moderation/reports/999999/dismiss', {}, admin)).status, 409);
    assert.equal((await post('/moderation/reports/99999999999/dismiss', {}, admin)).status, 404);
  });

  it('ignores a notice cookie it did not write', async () => {
    for (const value of ['nonsense', 'reported.x', '%3Cscript%3E', 'toString']) {
      const html = await (await page(`${reader}; pb_flash=${value}`)).text();
      assert.doesNotMatch(html, /class="flash"/, value);
    }
  });
});
