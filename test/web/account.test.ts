// Sign-in by emailed link through app.request(), with the mail received by a real SMTP server:
// the whole flow, single use, expiry, browser binding, CSRF, rate limits, sessions and sign-out.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { sql } from 'kysely';
import { RATE_LIMITS } from '../../src/community/limits.js';
import { createApp } from '../../src/web/app.js';
import { type SmtpSink, startSmtpSink } from '../helpers/smtp-sink.js';
import { FIXED_NOW, testContext } from '../helpers/test-app.js';
import { createTestDatabase, eachDialect, type TestDatabase } from '../helpers/test-db.js';

const ORIGIN = 'http://paperboard.test';

/** A browser: keeps cookies per name, sends our Origin on POSTs. */
class Browser {
  cookies = new Map<string, string>();
  constructor(private readonly app: ReturnType<typeof createApp>) {}

  private remember(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const [name = '', value = ''] = pair.split('=');
      if (/Max-Age=0/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  private cookieHeader(): Record<string, string> {
    return this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {};
  }

  async get(path: string): Promise<Response> {
    const response = await this.app.request(path, { headers: this.cookieHeader() });
    this.remember(response);
    return response;
  }

  async post(
    path: string,
    form: Record<string, string>,
    headers: Record<string, string> = { origin: ORIGIN },
  ) {
    const response = await this.app.request(path, {
      method: 'POST',
      body: new URLSearchParams(form),
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers, ...this.cookieHeader() },
    });
    this.remember(response);
    return response;
  }
}

function linkToken(text: string | undefined): string {
  const match = /\/signin\/verify\?token=([A-Za-z0-9_-]+)/.exec(text ?? '');
  assert.ok(match, `no sign-in link in: ${text}`);
  return match[1] as string;
}

eachDialect('sign-in by emailed link', (dialect) => {
  let t: TestDatabase;
  let sink: SmtpSink;
  let now = FIXED_NOW;
  let app: ReturnType<typeof createApp>;
  let ctx: ReturnType<typeof testContext>;
  before(async () => {
    t = await createTestDatabase(dialect);
    sink = await startSmtpSink();
    ctx = testContext(t, FIXED_NOW, { smtpUrl: sink.url });
    app = createApp({ ...ctx, now: () => now });
  });
  after(async () => {
    // The pooled transport keeps connections open; the server waits for them to go.
    ctx.mailer.close();
    await sink.close();
    await t.destroy();
  });

  async function askForLink(browser: Browser, email: string): Promise<string> {
    const before = sink.received.length;
    const response = await browser.post('/signin', { email });
    assert.equal(response.status, 200, await response.clone().text());
    const [mail] = (await sink.waitFor(before + 1)).slice(before);
    assert.deepEqual(mail?.to, [email.toLowerCase()]);
    return linkToken(mail?.mail.text);
  }

  it('emails a link; following it in the same browser creates the account, signs in, first user is admin', async () => {
    const browser = new Browser(app);
    const response = await browser.post('/signin', { email: '  Ada.Lovelace@Example.ORG ' });
    assert.equal(response.status, 200);
    assert.match(await response.text(), /Check your inbox[\s\S]*ada\.lovelace@example\.org/);
    const setCookie = response.headers.getSetCookie().find((c) => c.startsWith('pb_signin='));
    assert.match(setCookie ?? '', /HttpOnly/);
    assert.match(setCookie ?? '', /SameSite=Lax/);
    assert.match(setCookie ?? '', /Path=\/signin/);
    assert.doesNotMatch(setCookie ?? '', /Secure/, 'plain http site: no Secure flag');

    const [mail] = await sink.waitFor(1);
    assert.equal(mail?.mail.subject, 'Sign in to Paperboard');
    const token = linkToken(mail?.mail.text);
    assert.match(
      String(mail?.mail.html),
      new RegExp(`href="http://paperboard.test/signin/verify\\?token=${token}"`),
    );

    // Opening the link only shows a button: a mail scanner's GET uses nothing.
    const landing = await browser.get(`/signin/verify?token=${token}`);
    assert.equal(landing.status, 200);
    assert.match(await landing.text(), /Continue signing in/);

    const done = await browser.post('/signin/verify', { token });
    assert.equal(done.status, 303);
    const session = done.headers.getSetCookie().find((c) => c.startsWith('pb_session='));
    assert.match(session ?? '', /HttpOnly/);
    assert.match(session ?? '', /SameSite=Lax/);
    assert.ok(!browser.cookies.has('pb_signin'), 'the link cookie is cleared');

    const home = await (await browser.get('/users/ada-lovelace')).text();
    assert.match(home, /@ada-lovelace/);
    assert.match(home, /admin/);
    assert.match(home, /Sign out on every device/);
    // The session secret is stored only as a hash.
    const rows = await sql<{ id_hash: string }>`select id_hash from sessions`.execute(t.db);
    assert.equal(rows.rows.length, 1);
    assert.notEqual(rows.rows[0]?.id_hash, browser.cookies.get('pb_session'));
  });

  it('a link works once: a second use and a second look are refused', async () => {
    const browser = new Browser(app);
    const token = await askForLink(browser, 'grace@example.org');
    assert.equal((await browser.post('/signin/verify', { token })).status, 303);
    const second = new Browser(app);
    second.cookies.set('pb_signin', browser.cookies.get('pb_signin') ?? 'x');
    const again = await browser.post('/signin/verify', { token });
    assert.equal(again.status, 400);
    const look = await browser.get(`/signin/verify?token=${token}`);
    assert.equal(look.status, 400);
    assert.match(await look.text(), /already used/);
    // A token that is not one (overlong, other characters, broken encoding, none) is the same 400,
    // never looked up (NUL is refused at the request edge, before any route).
    assert.equal((await browser.get('/signin/verify?token=%00')).status, 400);
    for (const bad of ['x'.repeat(300), `${token}.x`, '%E0%A4%A', '']) {
      const refused = await browser.get(`/signin/verify?token=${bad}`);
      assert.equal(refused.status, 400, bad);
      assert.match(await refused.text(), /Ask for a new sign-in link/, bad);
    }
  });

  it('keeps the reader’s place: /signin?next= says why, and the link (a new account too) lands back there', async () => {
    const browser = new Browser(app);
    const page = await browser.get('/signin?reason=vote&next=%2Fdate%2F2026-08-21%3Fp%3D1%23vote-2608-00001');
    const html = await page.text();
    assert.match(html, /Sign in to upvote papers\. You will come back to where you were\./);
    assert.equal(
      (
        html.match(/<input type="hidden" name="next" value="\/date\/2026-08-21\?p=1#vote-2608-00001"\/>/g) ??
        []
      ).length,
      2,
      'both the link form and the password form carry it',
    );
    const before = sink.received.length;
    const asked = await browser.post('/signin', {
      email: 'newcomer@example.org',
      next: '/date/2026-08-21?p=1#vote-2608-00001',
    });
    assert.equal(asked.status, 200);
    assert.match(
      asked.headers.getSetCookie().find((c) => c.startsWith('pb_next=')) ?? '',
      /HttpOnly.*Path=\/signin|Path=\/signin.*HttpOnly/,
    );
    const [mail] = (await sink.waitFor(before + 1)).slice(before);
    const done = await browser.post('/signin/verify', { token: linkToken(mail?.mail.text) });
    assert.equal(done.status, 303);
    assert.equal(done.headers.get('location'), '/date/2026-08-21?p=1#vote-2608-00001');
    assert.ok(!browser.cookies.has('pb_next'), 'the place is forgotten once used');
    // Signed in already: /signin goes straight there.
    const again = await browser.get('/signin?next=%2Ftrending');
    assert.equal(again.headers.get('location'), '/trending');
  });

  it('sends a next that is not a path on this site home, and refuses a reason it does not know', async () => {
    for (const next of [
      '//evil.example/x',
      'https://evil.example',
      '/\\evil.example',
      '/a\r\nSet-Cookie: x=1',
      'javascript:alert(1)',
    ]) {
      const response = await app.request(`/signin?reason=vote&next=${encodeURIComponent(next)}`);
      assert.equal(response.status, 200, JSON.stringify(next));
      const page = await response.text();
      assert.doesNotMatch(page, /name="next"/, JSON.stringify(next));
      assert.match(page, /class="form-note">Sign in to upvote papers\./);
    }
    // NUL never gets this far: the request edge refuses it in any query parameter.
    assert.equal((await app.request('/signin?next=%2F%00x')).status, 400);
    // Only the reasons this site's links write; `toString` and `__proto__` are not table entries.
    for (const reason of ['nonsense', 'toString', '__proto__', 'hasOwnProperty']) {
      const refused = await app.request(`/signin?reason=${reason}&next=%2Ftrending`);
      assert.equal(refused.status, 400, reason);
      assert.match(await refused.text(), /The sign-in reason \(\?reason=\) must be one of vote, save/);
    }
    const plain = await (await app.request('/signin?reason=&next=')).text();
    assert.doesNotMatch(plain, /class="form-note"/, 'an empty reason is none');
    // Through the emailed link too (one address: the per-IP link limit is shared with the other tests).
    const browser = new Browser(app);
    const before = sink.received.length;
    const asked = await browser.post('/signin', { email: 'wanderer@example.org', next: '//evil.example/x' });
    assert.equal(asked.status, 200);
    assert.ok(!browser.cookies.has('pb_next'));
    const [mail] = (await sink.waitFor(before + 1)).slice(before);
    const done = await browser.post('/signin/verify', { token: linkToken(mail?.mail.text) });
    assert.equal(done.headers.get('location'), '/');
  });

  it('a second account is not an admin and gets a free username', async () => {
    const browser = new Browser(app);
    const token = await askForLink(browser, 'ada.lovelace@other.example');
    assert.equal((await browser.post('/signin/verify', { token })).status, 303);
    const profile = await (await browser.get('/users/ada-lovelace-2')).text();
    assert.match(profile, /@ada-lovelace-2/);
    assert.doesNotMatch(profile, /admin/);
  });

  it('asking twice in one browser leaves either link working there', async () => {
    for (const pick of [0, 1]) {
      const browser = new Browser(app);
      const links = [
        await askForLink(browser, 'twice@example.org'),
        await askForLink(browser, 'twice@example.org'),
      ];
      assert.notEqual(links[0], links[1]);
      assert.equal((await browser.post('/signin/verify', { token: links[pick] as string })).status, 303);
    }
  });

  it('a link expires after 15 minutes', async () => {
    const browser = new Browser(app);
    const token = await askForLink(browser, 'late@example.org');
    now = new Date(FIXED_NOW.getTime() + 15 * 60_000 + 1000);
    try {
      const look = await browser.get(`/signin/verify?token=${token}`);
      assert.equal(look.status, 400);
      assert.match(await look.text(), /expired/);
      assert.equal((await browser.post('/signin/verify', { token })).status, 400);
    } finally {
      now = FIXED_NOW;
    }
  });

  it('another browser cannot use the link, and does not burn it for the right one', async () => {
    const asker = new Browser(app);
    const token = await askForLink(asker, 'bound@example.org');
    const other = new Browser(app);
    const stolen = await other.post('/signin/verify', { token });
    assert.equal(stolen.status, 400);
    assert.match(await stolen.text(), /in the browser where you asked for it/);
    other.cookies.set('pb_signin', 'a-nonce-of-its-own');
    assert.equal((await other.post('/signin/verify', { token })).status, 400);
    assert.equal((await asker.post('/signin/verify', { token })).status, 303);
  });

  it('refuses a cross-site form POST (CSRF) and sends no email', async () => {
    const browser = new Browser(app);
    const sent = sink.received.length;
    const forged = await browser.post(
      '/signin',
      { email: 'victim@example.org' },
      { origin: 'https://evil.example' },
    );
    assert.equal(forged.status, 403);
    assert.match(await forged.text(), /another site/);
    const noOrigin = await browser.post('/signin', { email: 'victim@example.org' }, {});
    assert.equal(noOrigin.status, 403);
    const sameOriginFetch = await browser.post(
      '/signin',
      { email: 'victim@example.org' },
      { 'sec-fetch-site': 'same-origin' },
    );
    assert.equal(sameOriginFetch.status, 200);
    await sink.waitFor(sent + 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(sink.received.length, sent + 1);
  });

  it('rejects a malformed address with a message', async () => {
    const response = await new Browser(app).post('/signin', { email: 'not an address' });
    assert.equal(response.status, 400);
    assert.match(await response.text(), /does not look like an email address/);
  });

  it('limits links per address: the next one is a 429 with Retry-After', async () => {
    const browser = new Browser(app);
    for (let i = 0; i < RATE_LIMITS['sign-in-link-email'].max; i += 1) {
      assert.equal((await browser.post('/signin', { email: 'flood@example.org' })).status, 200);
    }
    const refused = await browser.post('/signin', { email: 'FLOOD@example.org' });
    assert.equal(refused.status, 429);
    assert.equal(refused.headers.get('retry-after'), String(15 * 60));
    // The window passes: links again.
    now = new Date(FIXED_NOW.getTime() + 15 * 60_000 + 1);
    try {
      assert.equal((await browser.post('/signin', { email: 'flood@example.org' })).status, 200);
    } finally {
      now = FIXED_NOW;
    }
  });

  it(`limits links per client IP (${RATE_LIMITS['sign-in-link-ip'].max} per 15 minutes), by X-Forwarded-For only behind a trusted proxy`, async () => {
    const proxied = createApp({
      ...ctx,
      config: { ...ctx.config, trustProxy: true },
      now: () => new Date(FIXED_NOW.getTime() + 3_600_000),
    });
    const send = (ip: string, n: number) =>
      proxied.request('/signin', {
        method: 'POST',
        body: new URLSearchParams({ email: `ip${n}@example.org` }),
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin: ORIGIN,
          'x-forwarded-for': `${ip}, 10.0.0.1`,
        },
      });
    for (let i = 0; i < RATE_LIMITS['sign-in-link-ip'].max; i += 1)
      assert.equal((await send('203.0.113.7', i)).status, 200);
    const refused = await send('203.0.113.7', 99);
    assert.equal(refused.status, 429);
    assert.ok(Number(refused.headers.get('retry-after')) > 0);
    assert.equal((await send('198.51.100.2', 100)).status, 200, 'another client is not limited');
  });

  it('signing in again rotates the session; sign out ends it; sign out everywhere ends them all', async () => {
    const laptop = new Browser(app);
    assert.equal(
      (await laptop.post('/signin/verify', { token: await askForLink(laptop, 'rot@example.org') })).status,
      303,
    );
    const first = laptop.cookies.get('pb_session');
    assert.equal(
      (await laptop.post('/signin/verify', { token: await askForLink(laptop, 'rot@example.org') })).status,
      303,
    );
    const second = laptop.cookies.get('pb_session');
    assert.notEqual(first, second);
    const stale = new Browser(app);
    stale.cookies.set('pb_session', first ?? '');
    assert.doesNotMatch(await (await stale.get('/search')).text(), /@rot/, 'the old session is gone');

    const phone = new Browser(app);
    assert.equal(
      (await phone.post('/signin/verify', { token: await askForLink(phone, 'rot@example.org') })).status,
      303,
    );
    assert.match(await (await phone.get('/search')).text(), /@rot/);

    assert.equal((await laptop.post('/signout', {})).status, 303);
    assert.ok(!laptop.cookies.has('pb_session'));
    const replay = new Browser(app);
    replay.cookies.set('pb_session', second ?? '');
    assert.doesNotMatch(await (await replay.get('/search')).text(), /@rot/, 'a signed-out cookie is dead');
    assert.match(await (await phone.get('/search')).text(), /@rot/, 'other devices stay signed in');

    const tablet = new Browser(app);
    assert.equal(
      (await tablet.post('/signin/verify', { token: await askForLink(tablet, 'rot@example.org') })).status,
      303,
    );
    assert.equal((await tablet.post('/signout/everywhere', {})).status, 303);
    assert.doesNotMatch(await (await phone.get('/search')).text(), /@rot/);
    assert.equal((await new Browser(app).post('/signout/everywhere', {})).status, 403);
  });

  it('a banned account cannot sign in, and its sessions stop working', async () => {
    const browser = new Browser(app);
    assert.equal(
      (await browser.post('/signin/verify', { token: await askForLink(browser, 'mallory@example.org') }))
        .status,
      303,
    );
    await sql`update users set banned_at = ${FIXED_NOW.toISOString()} where email = 'mallory@example.org'`.execute(
      t.db,
    );
    assert.doesNotMatch(await (await browser.get('/search')).text(), /@mallory/);
    const token = await askForLink(browser, 'mallory@example.org');
    const refused = await browser.post('/signin/verify', { token });
    assert.equal(refused.status, 403);
    assert.equal((await browser.get('/users/mallory')).status, 404);
  });
});

eachDialect('sign-in cookies on an HTTPS site', (dialect) => {
  let t: TestDatabase;
  before(async () => {
    t = await createTestDatabase(dialect);
  });
  after(async () => {
    await t.destroy();
  });

  it('are Secure', async () => {
    const ctx = testContext(t);
    const app = createApp({ ...ctx, config: { ...ctx.config, baseUrl: 'https://papers.example' } });
    const response = await app.request('/signin', {
      method: 'POST',
      body: new URLSearchParams({ email: 'sec@example.org' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://papers.example' },
    });
    assert.equal(response.status, 200);
    assert.match(response.headers.getSetCookie().join('\n'), /pb_signin=[^;]+;.*Secure/);
  });
});
