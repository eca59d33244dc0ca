// Reports and moderation through the forms: who may do what (anonymous, reader, banned, admin) on
// every moderation route, hiding/restoring comments with counts and the log, bans that end
// sessions and hide all comments, removing submissions; on both databases.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Hono } from 'hono';
import { getPaper } from '../../src/store/paper-reads.js';
import { upsertPapers } from '../../src/store/paper-writes.js';
import { createApp } from '../../src/web/app.js';
import { signedInReader } from '../helpers/accounts.js';
import { boardRecord } from '../helpers/factories.js';
import { FIXED_NOW, testContext } from '../helpers/test-app.js';
import { createTestDatabase, eachDialect, type TestDatabase } from '../helpers/test-db.js';
import { postForm } from './web-fixtures.js';

eachDialect('moderation', (dialect) => {
  let t: TestDatabase;
  let app: Hono;
  let admin: string;
  let reader: string;
  let troll: { cookie: string; id: number };
  before(async () => {
    t = await createTestDatabase(dialect);
    app = createApp(testContext(t));
    admin = (await signedInReader(t, 'admin')).cookie;
    reader = (await signedInReader(t, 'reader')).cookie;
    const signedIn = await signedInReader(t, 'troll');
    troll = { cookie: signedIn.cookie, id: signedIn.user.id };
    await upsertPapers(
      t,
      [
        boardRecord({ arxivId: '2608.00001', community: { upvotes: 1, numComments: 0 } }),
        {
          ...boardRecord({ arxivId: '2608.00002', community: { upvotes: 0, numComments: 0 } }),
          source: 'submission',
          board: { date: '2026-08-21', submittedBy: 'troll', submittedAt: FIXED_NOW.toISOString() },
        },
      ],
      FIXED_NOW.toISOString(),
    );
  });
  after(async () => {
    await t.destroy();
  });

  const post = (path: string, form: Record<string, string>, cookie?: string, origin?: string) =>
    postForm(app, path, form, { cookie, ...(origin ? { origin } : {}) });
  const comment = async (body: string, cookie: string) =>
    Number(
      /#comment-(\d+)$/.exec(
        (await post('/comments', { paper: '2608.00001', body }, cookie)).headers.get('location') ?? '',
      )?.[1],
    );
  const paperHtml = async () => (await app.request('/papers/2608.00001')).text();

  it('lets only admins near moderation: anonymous → sign in, readers → 403, cross-site → 403', async () => {
    const id = await comment('hello', reader);
    const routes: Array<[string, Record<string, string>]> = [
      [`/moderation/comments/${id}/hide`, {}],
      [`/moderation/comments/${id}/restore`, {}],
      [`/moderation/users/${troll.id}/ban`, {}],
      [`/moderation/users/${troll.id}/unban`, {}],
      ['/moderation/submissions', { paper: '2608.00002' }],
    ];
    for (const [path, form] of routes) {
      const anonymous = await post(path, form);
      assert.equal(anonymous.status, 303, path);
      assert.equal(anonymous.headers.get('location'), '/signin', path);
      assert.equal((await post(path, form, reader)).status, 403, path);
      assert.equal((await post(path, form, admin, 'https://evil.example')).status, 403, `${path} cross-site`);
    }
    assert.equal((await app.request('/moderation', { headers: { cookie: reader } })).status, 403);
    assert.equal((await app.request('/moderation', { headers: { cookie: admin } })).status, 200);
    assert.match(
      await (await app.request('/moderation', { headers: { cookie: admin } })).text(),
      /No actions yet/,
    );
    assert.match(await paperHtml(), /hello/, 'nothing changed');
  });

  it('a reported comment appears for admins; hiding it updates the page, the count, the report and the log', async () => {
    const id = await comment('You are all **wrong**', troll.cookie);
    assert.equal(
      (await post('/reports', { type: 'comment', target: String(id), reason: 'rude' }, reader)).status,
      303,
    );
    assert.equal(
      (await post('/reports', { type: 'comment', target: String(id), reason: '' }, reader)).status,
      400,
    );
    assert.equal(
      (await post('/reports', { type: 'comment', target: '999999', reason: 'x' }, reader)).status,
      404,
    );
    assert.equal(
      (await post('/reports', { type: 'comment', target: String(id), reason: '\u0000' }, reader)).status,
      400,
      'a reason of only NUL is empty (and NUL never reaches PostgreSQL)',
    );
    const queue = await (await app.request('/moderation', { headers: { cookie: admin } })).text();
    assert.match(queue, /Open reports \(1\)/);
    assert.match(queue, /reported by @reader: “rude”/);
    assert.match(queue, /You are all \*\*wrong\*\*/);

    const before = (await getPaper(t.db, '2608.00001'))?.numComments ?? 0;
    assert.equal((await post(`/moderation/comments/${id}/hide`, { reason: 'rude' }, admin)).status, 303);
    assert.equal((await getPaper(t.db, '2608.00001'))?.numComments, before - 1);
    const html = await paperHtml();
    assert.doesNotMatch(html, /You are all/);
    assert.match(html, /\[hidden by a moderator\]/);
    const after = await (await app.request('/moderation', { headers: { cookie: admin } })).text();
    assert.match(after, /Open reports \(0\)/);
    assert.match(after, /<td>@admin<\/td><td>hide-comment<\/td><td>comment:\d+<\/td><td>rude<\/td>/);
    assert.equal((await post(`/moderation/comments/${id}/hide`, {}, admin)).status, 409, 'already hidden');

    assert.equal((await post(`/moderation/comments/${id}/restore`, {}, admin)).status, 303);
    assert.match(await paperHtml(), /You are all/);
    assert.equal((await getPaper(t.db, '2608.00001'))?.numComments, before);
  });

  it('a ban ends the reader’s sessions and can hide all their comments in one action', async () => {
    await comment('spam one', troll.cookie);
    await comment('spam two', troll.cookie);
    const response = await post(
      `/moderation/users/${troll.id}/ban`,
      { reason: 'spam', hide_comments: 'on' },
      admin,
    );
    assert.equal(response.status, 303);
    const html = await paperHtml();
    assert.doesNotMatch(html, /spam one|spam two|You are all/);
    assert.equal(
      (await post('/comments', { paper: '2608.00001', body: 'back!' }, troll.cookie)).headers.get('location'),
      '/signin',
    );
    assert.equal((await app.request('/users/troll')).status, 404);
    const asAdmin = await (await app.request('/users/troll', { headers: { cookie: admin } })).text();
    assert.match(asAdmin, /Unban @troll/);
    const log = await (await app.request('/moderation', { headers: { cookie: admin } })).text();
    assert.match(log, /<td>ban<\/td><td>user:\d+<\/td><td>spam<\/td>/);
    assert.match(log, /<td>hide-all-comments<\/td>/);
    assert.equal((await post(`/moderation/users/${troll.id}/unban`, {}, admin)).status, 303);
    assert.equal((await app.request('/users/troll')).status, 200);
    assert.equal((await post('/moderation/users/1/ban', {}, admin)).status, 400, 'no banning oneself');
  });

  it('a reported submission can be taken off the board', async () => {
    const page = await (await app.request('/papers/2608.00002', { headers: { cookie: reader } })).text();
    assert.match(page, /<span class="muted">Submitted by troll<\/span>/);
    assert.equal(
      (await post('/reports', { type: 'submission', target: '2608.00002', reason: 'off-topic' }, reader))
        .status,
      303,
    );
    assert.equal(
      (await post('/reports', { type: 'submission', target: '2608.00001', reason: 'x' }, reader)).status,
      404,
      'not a submission',
    );
    assert.equal(
      (await post('/moderation/submissions', { paper: '2608.00002', reason: 'off-topic' }, admin)).status,
      303,
    );
    assert.equal((await getPaper(t.db, '2608.00002'))?.board, null);
    assert.equal((await post('/moderation/submissions', { paper: '2608.00002' }, admin)).status, 409);
    assert.match(
      await (await app.request('/moderation', { headers: { cookie: admin } })).text(),
      /remove-submission<\/td><td>submission:2608\.00002/,
    );
  });
});
