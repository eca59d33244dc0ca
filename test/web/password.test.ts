// The optional password: set from one's profile (signed in), then sign in with it; wrong
// passwords and unknown accounts get the same answer; attempts are limited; banned readers refused.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Hono } from 'hono';
import { sql } from 'kysely';
import { hashPassword, verifyPassword } from '../../src/accounts/passwords.js';
import { RATE_LIMITS } from '../../src/community/limits.js';
import { signedInReader } from '../helpers/accounts.js';
import { createTestDatabase, eachDialect, type TestDatabase } from '../helpers/test-db.js';
import { appFor, postForm } from './web-fixtures.js';

describe('password hashing', () => {
  it('verifies the right password only, with a fresh salt each time', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    assert.notEqual(a, b);
    assert.match(a, /^scrypt\$32768\$8\$1\$[\w-]+\$[\w-]+$/);
    assert.equal(await verifyPassword('correct horse battery', a), true);
    assert.equal(await verifyPassword('correct horse batterz', a), false);
    assert.equal(await verifyPassword('x', 'not-a-hash'), false);
  });
});

eachDialect('password sign-in', (dialect) => {
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

  it('is set from a signed-in session only, at least 10 characters', async () => {
    assert.equal(
      (await postForm(app, '/account/password', { password: 'long enough pw' })).headers.get('location'),
      '/signin',
    );
    const short = await postForm(app, '/account/password', { password: 'short' }, { cookie });
    assert.equal(short.status, 400);
    assert.match(await short.text(), /10 to 200 characters/);
    const set = await postForm(app, '/account/password', { password: 'long enough pw' }, { cookie });
    assert.equal(set.status, 303);
    const row = await sql<{
      password_hash: string;
    }>`select password_hash from users where username = 'ada'`.execute(t.db);
    assert.match(row.rows[0]?.password_hash ?? '', /^scrypt\$/);
  });

  it('signs in with the right password (a new session), and answers wrong ones alike', async () => {
    const ok = await postForm(app, '/signin/password', {
      email: 'ADA@example.org',
      password: 'long enough pw',
    });
    assert.equal(ok.status, 303);
    const session = ok.headers.getSetCookie().find((c) => c.startsWith('pb_session='));
    assert.match(session ?? '', /HttpOnly/);
    assert.equal(ok.headers.get('location'), '/');
    const back = await postForm(app, '/signin/password', {
      email: 'ada@example.org',
      password: 'long enough pw',
      next: '/papers/2608.00001#new-comment',
    });
    assert.equal(
      back.headers.get('location'),
      '/papers/2608.00001#new-comment',
      'lands where the reader was',
    );
    const offSite = await postForm(app, '/signin/password', {
      email: 'ada@example.org',
      password: 'long enough pw',
      next: '//evil.example',
    });
    assert.equal(offSite.headers.get('location'), '/');
    // A wrong password keeps the place for the next try.
    const wrong = await postForm(app, '/signin/password', {
      email: 'ada@example.org',
      password: 'wrong password!',
      next: '/trending',
    });
    assert.match(await wrong.text(), /<input type="hidden" name="next" value="\/trending"\/>/);
    for (const [email, password] of [
      ['ada@example.org', 'wrong password!'],
      ['nobody@example.org', 'long enough pw'],
      ['not an email', 'x'],
    ]) {
      const refused = await postForm(app, '/signin/password', {
        email: email as string,
        password: password as string,
      });
      assert.equal(refused.status, 400);
      assert.match(await refused.text(), /The email address or password is wrong\./);
    }
    assert.equal(
      (
        await postForm(
          app,
          '/signin/password',
          { email: 'ada@example.org', password: 'long enough pw' },
          { origin: 'https://evil.example' },
        )
      ).status,
      403,
    );
  });

  it(`limits attempts per address (${RATE_LIMITS['password-email'].max} per 15 minutes)`, async () => {
    const { cookie: other } = await signedInReader(t, 'grace');
    await postForm(app, '/account/password', { password: 'grace password 1' }, { cookie: other });
    for (let i = 0; i < RATE_LIMITS['password-email'].max; i += 1) {
      await postForm(app, '/signin/password', { email: 'grace@example.org', password: `guess ${i}` });
    }
    const limited = await postForm(app, '/signin/password', {
      email: 'grace@example.org',
      password: 'grace password 1',
    });
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers.get('retry-after')) > 0);
  });

  it('refuses a banned reader', async () => {
    const { cookie: mallory, user } = await signedInReader(t, 'mallory');
    await postForm(app, '/account/password', { password: 'mallory password' }, { cookie: mallory });
    await sql`update users set banned_at = ${'2026-08-21T12:00:00.000Z'} where id = ${user.id}`.execute(t.db);
    const refused = await postForm(app, '/signin/password', {
      email: 'mallory@example.org',
      password: 'mallory password',
    });
    assert.equal(refused.status, 403);
  });
});
