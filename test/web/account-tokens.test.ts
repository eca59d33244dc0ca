// The API tokens page on both databases: linked from the reader's own profile, sign-in required, a
// new token's secret shown once and never cached, names and scopes checked, last use shown, revoking
// one's own tokens only, and the origin check on its forms.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Hono } from 'hono';
import { MAX_TOKENS_PER_READER } from '../../src/store/api-tokens.js';
import { signedInReader } from '../helpers/accounts.js';
import { apiRequest, makeToken } from '../helpers/api-tokens.js';
import { createTestDatabase, eachDialect, type TestDatabase } from '../helpers/test-db.js';
import { appFor, postForm } from './web-fixtures.js';

eachDialect('/account/tokens', (dialect) => {
  let t: TestDatabase;
  let app: Hono;
  let cookie: string;
  before(async () => {
    t = await createTestDatabase(dialect);
    app = appFor(t);
    cookie = (await signedInReader(t, 'ada')).cookie;
  });
  after(async () => {
    await t.destroy();
  });

  const page = async (who = cookie) => {
    const response = await app.request('/account/tokens', { headers: { cookie: who } });
    assert.equal(response.status, 200);
    return response.text();
  };

  it('is linked from the reader’s own profile only, and needs a signed-in reader', async () => {
    const own = await (await app.request('/users/ada', { headers: { cookie } })).text();
    assert.match(own, /<a href="\/account\/tokens">API tokens<\/a>/);
    const other = await (await app.request('/users/ada')).text();
    assert.doesNotMatch(other, /\/account\/tokens/);
    const anonymous = await app.request('/account/tokens');
    assert.equal(anonymous.status, 303);
    assert.equal(anonymous.headers.get('location'), '/signin?reason=page&next=%2Faccount%2Ftokens');
    assert.equal((await postForm(app, '/account/tokens', { name: 'x', scope: 'read' })).status, 303);
  });

  it('shows a new token once, in a response no cache keeps, then lists it with its last use', async () => {
    const created = await postForm(
      app,
      '/account/tokens',
      { name: 'laptop <script>', scope: 'write' },
      { cookie },
    );
    assert.equal(created.status, 201);
    assert.equal(created.headers.get('cache-control'), 'private, no-store');
    const html = await created.text();
    const secret = /<code id="new-token-secret">(pb_[A-Za-z0-9_-]{43})<\/code>/.exec(html)?.[1];
    assert.ok(secret);
    assert.match(html, /laptop &lt;script&gt;/);
    let listed = await page();
    assert.ok(!listed.includes(secret), 'the secret is not shown again');
    assert.match(listed, /<td>laptop &lt;script&gt;<\/td><td>write<\/td>.*?<td>never<\/td>/s);
    assert.equal((await apiRequest(app, 'GET', '/api/whoami-v2', { token: secret })).status, 200);
    listed = await page();
    assert.match(
      listed,
      /<td>write<\/td><td><time[^>]*>2026-08-21 12:00 UTC<\/time><\/td><td><time datetime="2026-08-21T12:00:00.000Z">/,
    );
  });

  it('refuses empty, multi-line or long names and unknown scopes, making nothing', async () => {
    const before = (await t.db.selectFrom('api_tokens').selectAll().execute()).length;
    for (const form of [
      { name: '   ', scope: 'read' },
      { name: 'a\u0085b', scope: 'read' },
      { name: 'n'.repeat(101), scope: 'read' },
      { name: 'ok', scope: 'admin' },
    ]) {
      const response = await postForm(app, '/account/tokens', form, { cookie });
      assert.equal(response.status, 400, JSON.stringify(form).slice(0, 50));
      assert.doesNotMatch(await response.text(), /new-token-secret/);
    }
    const crossSite = await postForm(
      app,
      '/account/tokens',
      { name: 'x', scope: 'read' },
      { cookie, origin: 'https://evil.example' },
    );
    assert.equal(crossSite.status, 403);
    assert.equal((await t.db.selectFrom('api_tokens').selectAll().execute()).length, before);
  });

  it('revokes one’s own tokens only; a revoked token stays listed as revoked', async () => {
    const secret = await makeToken(app, cookie, 'to revoke', 'read');
    const id = (
      await t.db
        .selectFrom('api_tokens')
        .select('id')
        .where('name', '=', 'to revoke')
        .executeTakeFirstOrThrow()
    ).id;
    const bob = await signedInReader(t, 'bob');
    const byBob = await postForm(app, `/account/tokens/${id}/revoke`, {}, { cookie: bob.cookie });
    assert.equal(byBob.status, 400);
    assert.equal((await apiRequest(app, 'GET', '/api/whoami-v2', { token: secret })).status, 200);
    const revoked = await postForm(app, `/account/tokens/${id}/revoke`, {}, { cookie });
    assert.equal(revoked.status, 303);
    assert.equal((await apiRequest(app, 'GET', '/api/whoami-v2', { token: secret })).status, 401);
    assert.match(await page(), new RegExp(`<tr id="token-${id}"><td>to revoke</td>.*?revoked `, 's'));
    assert.equal((await postForm(app, `/account/tokens/${id}/revoke`, {}, { cookie })).status, 400);
    assert.equal((await postForm(app, '/account/tokens/99999999999/revoke', {}, { cookie })).status, 404);
  });

  it(`holds at most ${MAX_TOKENS_PER_READER} live tokens a reader`, async () => {
    const reader = await signedInReader(t, 'many');
    for (let i = 0; i < MAX_TOKENS_PER_READER; i += 1) await makeToken(app, reader.cookie, `t${i}`, 'read');
    const over = await postForm(
      app,
      '/account/tokens',
      { name: 'one more', scope: 'read' },
      { cookie: reader.cookie },
    );
    assert.equal(over.status, 400);
    assert.match(await over.text(), /at most 20 tokens/);
  });
});
