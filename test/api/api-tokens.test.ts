// The token API on both databases: tokens made on the account page authorise `Authorization: Bearer`
// requests (whoami-v2, submit, comment and reply, upvote), are stored hashed, scoped, revocable and
// record their last use; bans, the web forms' rate limits and malformed bodies are refused before
// anything is written; cookies never authorise an API write.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Hono } from 'hono';
import { hashSecret } from '../../src/accounts/secrets.js';
import { RATE_LIMITS } from '../../src/community/limits.js';
import { getPaper } from '../../src/store/paper-reads.js';
import { signedInReader } from '../helpers/accounts.js';
import { apiRequest, makeToken } from '../helpers/api-tokens.js';
import { arxivRecord, boardRecord } from '../helpers/factories.js';
import { FIXED_NOW } from '../helpers/test-app.js';
import { createTestDatabase, eachDialect, type TestDatabase } from '../helpers/test-db.js';
import { appFor, loadRecords } from '../web/web-fixtures.js';

const json = async (response: Response) => (await response.json()) as Record<string, unknown>;

eachDialect('API tokens', (dialect) => {
  let t: TestDatabase;
  let app: Hono;
  let cookie: string;
  let userId: number;
  let writeToken: string;
  let readToken: string;
  before(async () => {
    t = await createTestDatabase(dialect);
    await loadRecords(t, [
      boardRecord({ arxivId: '2608.00001', community: { upvotes: 5 } }),
      // Known to the store, not on the board, published recently: submittable without asking arXiv.
      arxivRecord({ arxivId: '2608.00002', publishedAt: '2026-08-19T10:00:00Z' }),
      arxivRecord({ arxivId: '2608.00003', publishedAt: '2026-08-19T10:00:00Z' }),
    ]);
    app = appFor(t);
    const reader = await signedInReader(t, 'ada');
    cookie = reader.cookie;
    userId = reader.user.id;
    writeToken = await makeToken(app, cookie, 'my agent', 'write');
    readToken = await makeToken(app, cookie, 'my reader', 'read');
  });
  after(async () => {
    await t.destroy();
  });

  it('stores only the hash of a token, never the secret', async () => {
    const rows = await t.db.selectFrom('api_tokens').selectAll().where('user_id', '=', userId).execute();
    assert.deepEqual(rows.map((r) => [r.name, r.scope]).sort(), [
      ['my agent', 'write'],
      ['my reader', 'read'],
    ]);
    const stored = JSON.stringify(rows);
    assert.ok(!stored.includes(writeToken.slice(3)) && !stored.includes(readToken.slice(3)));
    assert.ok(rows.some((r) => r.token_hash === hashSecret(writeToken)));
  });

  it('whoami-v2 answers in HF shape for a read token, and records the last use', async () => {
    const response = await apiRequest(app, 'GET', '/api/whoami-v2', { token: readToken });
    assert.equal(response.status, 200);
    const body = await json(response);
    assert.equal(body.type, 'user');
    assert.equal(body.name, 'ada');
    assert.equal(body.fullname, 'ada');
    assert.deepEqual(body.auth, {
      type: 'access_token',
      accessToken: { displayName: 'my reader', role: 'read', createdAt: FIXED_NOW.toISOString() },
    });
    const row = await t.db
      .selectFrom('api_tokens')
      .select('last_used_at')
      .where('token_hash', '=', hashSecret(readToken))
      .executeTakeFirstOrThrow();
    assert.equal(row.last_used_at, FIXED_NOW.toISOString());
  });

  it('refuses missing, malformed and unknown tokens with 401 and HF’s error shape', async () => {
    const cases: Array<Record<string, string>> = [
      {},
      { authorization: 'Basic abc' },
      { authorization: 'Bearer pb_nope' },
    ];
    for (const headers of cases) {
      const response = await apiRequest(app, 'GET', '/api/whoami-v2', { headers });
      assert.equal(response.status, 401, JSON.stringify(headers));
      assert.equal(response.headers.get('www-authenticate'), 'Bearer realm="api"');
      const body = await json(response);
      assert.equal(body.code, 'unauthorized');
      assert.equal(typeof body.error, 'string');
    }
  });

  it('a read token cannot write (403) and changes nothing', async () => {
    const response = await apiRequest(app, 'POST', '/api/papers/2608.00001/upvote', { token: readToken });
    assert.equal(response.status, 403);
    assert.match(String((await json(response)).error), /read-only/);
    assert.equal((await getPaper(t.db, '2608.00001'))?.upvotes, 5);
  });

  it('upvotes and removes the upvote, idempotently', async () => {
    const up = await apiRequest(app, 'POST', '/api/papers/2608.00001/upvote', { token: writeToken });
    assert.equal(up.status, 200);
    assert.deepEqual(await json(up), { paper: '2608.00001', upvotes: 6, voted: true });
    const again = await apiRequest(app, 'POST', '/api/papers/2608.00001/upvote', { token: writeToken });
    assert.equal((await json(again)).upvotes, 6);
    const down = await apiRequest(app, 'DELETE', '/api/papers/2608.00001/upvote', { token: writeToken });
    assert.deepEqual(await json(down), { paper: '2608.00001', upvotes: 5, voted: false });
    const missing = await apiRequest(app, 'POST', '/api/papers/2608.09999/upvote', { token: writeToken });
    assert.equal(missing.status, 404);
  });

  it('comments and replies; refuses empty, oversized and misplaced ones', async () => {
    const posted = await apiRequest(app, 'POST', '/api/papers/2608.00001/comment', {
      token: writeToken,
      body: { comment: '  Nice **result**  ' },
    });
    assert.equal(posted.status, 201);
    const comment = await json(posted);
    assert.equal(comment.body, 'Nice **result**');
    assert.equal(comment.parentId, null);
    assert.deepEqual(comment.author, { name: 'ada', fullname: 'ada' });
    const reply = await apiRequest(app, 'POST', `/api/papers/2608.00001/comment/${comment.id}/reply`, {
      token: writeToken,
      body: { comment: 'And a reply' },
    });
    assert.equal(reply.status, 201);
    assert.equal((await json(reply)).parentId, comment.id);
    const stored = await t.db.selectFrom('comments').select(['body', 'parent_id']).orderBy('id').execute();
    assert.deepEqual(
      stored.map((r) => [r.body, r.parent_id === null ? null : String(r.parent_id)]),
      [
        ['Nice **result**', null],
        ['And a reply', comment.id],
      ],
    );
    const refusals: Array<[string, unknown, number]> = [
      ['/api/papers/2608.00001/comment', { comment: '   ' }, 400],
      ['/api/papers/2608.00001/comment', { comment: 'x'.repeat(10_001) }, 400],
      ['/api/papers/2608.00001/comment', { body: 'wrong field' }, 400],
      ['/api/papers/2608.00001/comment', '{"comment": ', 400],
      ['/api/papers/2608.00001/comment', [1, 2], 400],
      ['/api/papers/2608.00002/comment/1/reply', { comment: 'wrong paper' }, 400],
      ['/api/papers/2608.00001/comment/99999999999/reply', { comment: 'huge id' }, 400],
      ['/api/papers/2608.09999/comment', { comment: 'no such paper' }, 404],
    ];
    for (const [path, body, status] of refusals) {
      const response = await apiRequest(app, 'POST', path, { token: writeToken, body });
      assert.equal(response.status, status, `${path} ${JSON.stringify(body).slice(0, 40)}`);
      assert.equal(typeof (await json(response)).error, 'string');
    }
    const count = await t.db
      .selectFrom('comments')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 2);
  });

  it('submits a paper to the board (201), answers 409 for one already placed, 400 for a non-id', async () => {
    const placed = await apiRequest(app, 'POST', '/api/daily_papers', {
      token: writeToken,
      body: { arxiv_id: '2608.00002' },
    });
    assert.equal(placed.status, 201);
    const item = await json(placed);
    assert.equal((item.paper as { id: string }).id, '2608.00002');
    assert.equal((await getPaper(t.db, '2608.00002'))?.board?.submittedBy, 'ada');
    const again = await apiRequest(app, 'POST', '/api/daily_papers', {
      token: writeToken,
      body: { arxiv_id: '2608.00002' },
    });
    assert.equal(again.status, 409);
    const bad = await apiRequest(app, 'POST', '/api/daily_papers', {
      token: writeToken,
      body: { arxiv_id: 'hello' },
    });
    assert.equal(bad.status, 400);
    const wrongType = await apiRequest(app, 'POST', '/api/daily_papers', {
      token: writeToken,
      body: { arxiv_id: 7 },
    });
    assert.equal(wrongType.status, 400);
  });

  it('cookies never authorise API writes; a cookie with a token still needs our origin', async () => {
    const cookieOnly = await apiRequest(app, 'POST', '/api/papers/2608.00003/upvote', {
      headers: { cookie, origin: 'http://paperboard.test' },
    });
    assert.equal(cookieOnly.status, 401);
    const crossSite = await apiRequest(app, 'POST', '/api/papers/2608.00003/upvote', {
      headers: { cookie, origin: 'https://evil.example' },
    });
    assert.equal(crossSite.status, 403);
    const both = await apiRequest(app, 'POST', '/api/papers/2608.00003/upvote', {
      token: writeToken,
      headers: { cookie, origin: 'https://evil.example' },
    });
    assert.equal(both.status, 403);
    const votes = await t.db
      .selectFrom('votes')
      .selectAll()
      .where('paper_id', '=', (await getPaper(t.db, '2608.00003'))?.id ?? 0)
      .execute();
    assert.equal(votes.length, 0);
    const bothSameSite = await apiRequest(app, 'POST', '/api/papers/2608.00003/upvote', {
      token: writeToken,
      headers: { cookie, origin: 'http://paperboard.test' },
    });
    assert.equal(bothSameSite.status, 200);
  });

  describe('limits, bans and revocation', () => {
    it('shares the web form’s per-minute comment limit (429 with Retry-After)', async () => {
      const limited = await signedInReader(t, 'chatty');
      const token = await makeToken(app, limited.cookie, 'bot', 'write');
      const statuses: number[] = [];
      for (let i = 0; i <= RATE_LIMITS.comment.max; i += 1) {
        const response = await apiRequest(app, 'POST', '/api/papers/2608.00001/comment', {
          token,
          body: { comment: `comment ${i}` },
        });
        statuses.push(response.status);
        if (response.status === 429) {
          assert.ok(Number(response.headers.get('retry-after')) > 0);
          assert.equal((await json(response)).code, 'rate_limited');
        }
      }
      assert.deepEqual(statuses, [...Array(RATE_LIMITS.comment.max).fill(201), 429]);
    });

    it('a banned reader’s tokens answer 403', async () => {
      const banned = await signedInReader(t, 'troll');
      const token = await makeToken(app, banned.cookie, 'bot', 'write');
      await t.db
        .updateTable('users')
        .set({ banned_at: FIXED_NOW.toISOString() })
        .where('id', '=', banned.user.id)
        .execute();
      const whoami = await apiRequest(app, 'GET', '/api/whoami-v2', { token });
      assert.equal(whoami.status, 403);
      const write = await apiRequest(app, 'POST', '/api/papers/2608.00001/comment', {
        token,
        body: { comment: 'hi' },
      });
      assert.equal(write.status, 403);
    });

    it('a revoked token answers 401', async () => {
      const reader = await signedInReader(t, 'leaver');
      const token = await makeToken(app, reader.cookie, 'old', 'write');
      const row = await t.db
        .selectFrom('api_tokens')
        .select('id')
        .where('token_hash', '=', hashSecret(token))
        .executeTakeFirstOrThrow();
      const revoke = await app.request(`/account/tokens/${row.id}/revoke`, {
        method: 'POST',
        headers: { origin: 'http://paperboard.test', cookie: reader.cookie },
      });
      assert.equal(revoke.status, 303);
      assert.equal((await apiRequest(app, 'GET', '/api/whoami-v2', { token })).status, 401);
    });
  });
});
