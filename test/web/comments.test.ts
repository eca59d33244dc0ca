// Discussion through the comment forms: threads, Markdown + LaTeX rendered safely, edit window,
// delete, counts on cards, @mention emails (received by a real SMTP server), and who may do what.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Hono } from 'hono';
import { sql } from 'kysely';
import { getPaper } from '../../src/store/paper-reads.js';
import { createApp } from '../../src/web/app.js';
import { signedInReader } from '../helpers/accounts.js';
import { boardRecord } from '../helpers/factories.js';
import { type SmtpSink, startSmtpSink } from '../helpers/smtp-sink.js';
import { FIXED_NOW, type TestContext, testContext } from '../helpers/test-app.js';
import { createTestDatabase, eachDialect, type TestDatabase } from '../helpers/test-db.js';
import { loadRecords, postForm } from './web-fixtures.js';

eachDialect('comments', (dialect) => {
  let t: TestDatabase;
  let sink: SmtpSink;
  let ctx: TestContext;
  let now = FIXED_NOW;
  let app: Hono;
  let ada: string;
  let alan: string;
  before(async () => {
    t = await createTestDatabase(dialect);
    await loadRecords(t, [boardRecord({ arxivId: '2608.00001', community: { upvotes: 3, numComments: 2 } })]);
    sink = await startSmtpSink();
    ctx = testContext(t, FIXED_NOW, { smtpUrl: sink.url });
    app = createApp({ ...ctx, now: () => now });
    ada = (await signedInReader(t, 'ada')).cookie;
    alan = (await signedInReader(t, 'alan')).cookie;
  });
  after(async () => {
    ctx.mailer.close();
    await sink.close();
    await t.destroy();
  });

  const post = (path: string, form: Record<string, string>, cookie?: string, origin?: string) =>
    postForm(app, path, form, { cookie, ...(origin ? { origin } : {}) });
  const page = async (cookie?: string) =>
    (await app.request('/papers/2608.00001', { headers: cookie ? { cookie } : {} })).text();
  const commentId = (location: string | null) => Number(/#comment-(\d+)$/.exec(location ?? '')?.[1]);

  it('posts a comment with Markdown and a formula, and a threaded reply', async () => {
    const first = await post(
      '/comments',
      { paper: '2608.00001', body: 'Nice **bound**: $\\sum_i x_i^2$' },
      ada,
    );
    assert.equal(first.status, 303);
    const id = commentId(first.headers.get('location'));
    assert.ok(id > 0);
    const reply = await post(
      '/comments',
      { paper: '2608.00001', parent: String(id), body: 'Agreed, @ada.' },
      alan,
    );
    assert.equal(reply.status, 303);
    const html = await page();
    // One count everywhere: Hugging Face's 2 and the 2 written here, and the page says which is where.
    assert.match(html, /<h2 id="discussion-heading">Discussion \(4\)<\/h2>/);
    assert.match(
      html,
      /2 comments here, 2 on <a href="https:\/\/huggingface\.co\/papers\/2608\.00001">Hugging Face<\/a>\./,
    );
    assert.match(html, /<a class="button" href="#discussion">.*?4 comments<\/a>/);
    assert.match(html, /<strong>bound<\/strong>/);
    assert.match(html, /class="katex"/);
    assert.match(
      html,
      new RegExp(
        `<li id="comment-${id}" class="comment">[\\s\\S]*<ol class="comment-replies"><li id="comment-\\d+" class="comment">`,
      ),
    );
    // The paper's comment count (2 from HF + 2 here) shows on its card.
    assert.equal((await getPaper(t.db, '2608.00001'))?.numComments, 4);
  });

  it('the card’s count is the page’s count, and links to the discussion', async () => {
    const board = await (await app.request('/')).text();
    const card =
      /<a class="meta-item" href="\/papers\/2608\.00001#discussion" aria-describedby="title-2608-00001">.*?(\d+) comments<\/a>/.exec(
        board,
      );
    assert.ok(card, 'the count on the card is a link to the discussion');
    const heading = /Discussion \((\d+)\)/.exec(await page());
    assert.equal(card[1], heading?.[1]);
    assert.match(await page(), /<section class="discussion" id="discussion"/);
  });

  it('emails a mentioned reader, not the writer themself', async () => {
    const mails = await sink.waitFor(1);
    assert.deepEqual(mails[0]?.to, ['ada@example.org']);
    assert.equal(mails[0]?.mail.subject, '@alan mentioned you on Paperboard');
    assert.match(mails[0]?.mail.text ?? '', /http:\/\/paperboard\.test\/papers\/2608\.00001#comment-\d+/);
    await post('/comments', { paper: '2608.00001', body: 'Note to self, @ada' }, ada);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(sink.received.length, 1);
  });

  it('renders typed HTML as text and drops dangerous links', async () => {
    await post(
      '/comments',
      { paper: '2608.00001', body: '<img src=x onerror=alert(1)> [x](javascript:alert(1)) <b>bold?</b>' },
      alan,
    );
    const html = await page();
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
    assert.doesNotMatch(html, /<img src=x/);
    assert.doesNotMatch(html, /href="javascript:/i);
    assert.match(html, /&lt;b&gt;bold\?&lt;\/b&gt;/);
  });

  it('lets the writer edit for 15 minutes and delete; nobody else; replies stay under [deleted]', async () => {
    const made = await post('/comments', { paper: '2608.00001', body: 'Typo here' }, ada);
    const id = commentId(made.headers.get('location'));
    assert.equal((await post(`/comments/${id}/edit`, { body: 'Not mine' }, alan)).status, 403);
    assert.equal((await post(`/comments/${id}/edit`, { body: 'Fixed here' }, ada)).status, 303);
    assert.match(await page(), /Fixed here/);
    now = new Date(FIXED_NOW.getTime() + 16 * 60_000);
    try {
      const late = await post(`/comments/${id}/edit`, { body: 'Too late' }, ada);
      assert.equal(late.status, 403);
      assert.match(await late.text(), /edited for 15 minutes/);
    } finally {
      now = FIXED_NOW;
    }
    await post('/comments', { paper: '2608.00001', parent: String(id), body: 'A reply that stays' }, alan);
    const before = (await getPaper(t.db, '2608.00001'))?.numComments ?? 0;
    assert.equal((await post(`/comments/${id}/delete`, {}, alan)).status, 403);
    assert.equal((await post(`/comments/${id}/delete`, {}, ada)).status, 303);
    const html = await page();
    assert.doesNotMatch(html, /Fixed here/);
    assert.match(
      html,
      new RegExp(
        `<li id="comment-${id}" class="comment"><div class="comment-head"><span class="muted">\\[deleted\\]`,
      ),
    );
    assert.match(html, /A reply that stays/);
    assert.equal((await getPaper(t.db, '2608.00001'))?.numComments, before - 1);
    assert.equal((await post(`/comments/${id}/delete`, {}, ada)).status, 404);
  });

  it('lists a reader’s visible comments on their profile, newest first, linked to the paper', async () => {
    const html = await (await app.request('/users/alan')).text();
    assert.match(html, /Comments \(3\)/);
    assert.match(html, /A reply that stays[\s\S]*Agreed, @ada\./);
    assert.match(html, /<a href="\/papers\/2608\.00001#comment-\d+">/);
    assert.match(html, /Submitted papers \(0\)/);
    const ada = await (await app.request('/users/ada')).text();
    assert.doesNotMatch(ada, /Fixed here/, 'deleted comments are not listed');
  });

  it('refuses anonymous, cross-site, empty, oversized and misplaced comments', async () => {
    const anonymous = await post('/comments', { paper: '2608.00001', body: 'hi' });
    assert.equal(anonymous.status, 303);
    assert.equal(anonymous.headers.get('location'), '/signin');
    assert.equal(
      (await post('/comments', { paper: '2608.00001', body: 'hi' }, ada, 'https://evil.example')).status,
      403,
    );
    assert.equal((await post('/comments', { paper: '2608.00001', body: '   ' }, ada)).status, 400);
    assert.equal((await post('/comments', { paper: '2608.00001', body: '\u0000' }, ada)).status, 400);
    const withNul = await post('/comments', { paper: '2608.00001', body: 'N\u0000UL refused' }, ada);
    assert.equal(withNul.status, 400, 'PostgreSQL cannot store NUL: it is refused, not a 500');
    assert.match(await withNul.text(), /form field “body” holds a control character/);
    assert.doesNotMatch(await page(), /UL refused/, 'nothing was stored');
    assert.equal(
      (await post('/comments', { paper: '2608.00001', body: 'x'.repeat(10_001) }, ada)).status,
      400,
    );
    assert.equal((await post('/comments', { paper: '2608.99999', body: 'hi' }, ada)).status, 404);
    assert.equal(
      (await post('/comments', { paper: '2608.00001', parent: '999999', body: 'hi' }, ada)).status,
      400,
    );
    assert.equal(
      (await post('/comments', { paper: '2608.00001', parent: 'abc', body: 'hi' }, ada)).status,
      400,
    );
  });

  it('mails the comment as plain text: no Markdown marks or TeX source', async () => {
    await post(
      '/comments',
      {
        paper: '2608.00001',
        body: '@ada the bound $x_i^2 \\le 1$ is **tight**, see [the code](https://example.org/code).',
      },
      alan,
    );
    const mails = await sink.waitFor(2);
    const text = mails[1]?.mail.text ?? '';
    assert.match(text, /@ada the bound xᵢ² ≤ 1 is tight, see the code \(https:\/\/example\.org\/code\)\./);
    assert.doesNotMatch(text, /\*\*|\$|\\le/);
  });

  it('a banned reader can no longer comment', async () => {
    const { cookie, user } = await signedInReader(t, 'mallory');
    await sql`update users set banned_at = ${FIXED_NOW.toISOString()} where id = ${user.id}`.execute(t.db);
    const response = await post('/comments', { paper: '2608.00001', body: 'spam' }, cookie);
    assert.equal(response.headers.get('location'), '/signin');
  });
});
