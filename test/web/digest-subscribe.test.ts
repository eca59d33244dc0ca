// Subscribing to the email digest through the pages, with the mail received by a real SMTP server:
// double opt-in (the link's GET only shows a button), the same answer for subscribed addresses,
// expired and reused links, malformed input, CSRF, rate limits, the footer form and subscribing
// from one's profile; on both databases.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Hono } from 'hono';
import { sql } from 'kysely';
import { RATE_LIMITS } from '../../src/community/limits.js';
import { CONFIRM_LINK_HOURS } from '../../src/digest/subscriptions.js';
import { findSubscriberByEmail } from '../../src/store/subscribers.js';
import { createApp } from '../../src/web/app.js';
import { signedInReader } from '../helpers/accounts.js';
import { type SmtpSink, startSmtpSink } from '../helpers/smtp-sink.js';
import { FIXED_NOW, testContext } from '../helpers/test-app.js';
import { createTestDatabase, eachDialect, type TestDatabase } from '../helpers/test-db.js';
import { postForm } from './web-fixtures.js';

const ORIGIN = 'http://paperboard.test';

function confirmToken(text: string | undefined): string {
  const match = /http:\/\/paperboard\.test\/subscribe\/confirm\?token=([A-Za-z0-9_-]+)/.exec(text ?? '');
  assert.ok(match, `no confirmation link in: ${text}`);
  return match[1] as string;
}

eachDialect('subscribing to the digest', (dialect) => {
  let t: TestDatabase;
  let sink: SmtpSink;
  let ctx: ReturnType<typeof testContext>;
  let app: Hono;
  let now = FIXED_NOW;
  // Behind a trusted proxy, so each test can be its own client (the per-IP limit is tested alone).
  let clientNumber = 0;
  before(async () => {
    t = await createTestDatabase(dialect);
    sink = await startSmtpSink();
    ctx = testContext(t, FIXED_NOW, { smtpUrl: sink.url });
    app = createApp({ ...ctx, config: { ...ctx.config, trustProxy: true }, now: () => now });
  });
  after(async () => {
    ctx.mailer.close();
    await sink.close();
    await t.destroy();
  });

  const subscribe = (form: Record<string, string>, headers: Record<string, string> = {}) =>
    app.request('/subscribe', {
      method: 'POST',
      body: new URLSearchParams(form),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: ORIGIN,
        'x-forwarded-for': `198.51.100.${++clientNumber}`,
        ...headers,
      },
    });
  const post = (path: string, form: Record<string, string>, cookie?: string) =>
    postForm(app, path, form, { cookie });
  const page = async (path: string, cookie?: string) => {
    const response = await app.request(path, { headers: cookie ? { cookie } : {} });
    return {
      status: response.status,
      html: await response.text(),
      location: response.headers.get('location'),
    };
  };
  /** Waits for the next mail and returns it. */
  const nextMail = async (sentBefore: number) => {
    const [mail] = (await sink.waitFor(sentBefore + 1)).slice(sentBefore);
    assert.ok(mail);
    return mail;
  };
  const statusOf = async (email: string) => (await findSubscriberByEmail(t.db, email))?.status;
  /** An address subscribed the whole way: form, email, confirmation. */
  const subscribeConfirmed = async (email: string) => {
    const sent = sink.received.length;
    assert.equal((await subscribe({ email })).status, 200);
    const token = confirmToken((await nextMail(sent)).mail.text);
    assert.equal((await post('/subscribe/confirm', { token })).status, 303);
  };

  it('subscribes by emailed link: the GET shows a button, its POST activates and opens the preferences', async () => {
    const sent = sink.received.length;
    const response = await subscribe({
      email: '  Ada.Lovelace@Example.ORG ',
      frequency: 'weekly',
      weekly_day: '3',
      send_hour: '7',
      time_zone: 'Europe/Berlin',
      max_papers: '5',
      has_trending: '1',
      categories: 'cs.CL, cs.LG',
      queries: 'sparse attention',
      authors: 'Ada Lovelace',
      exclude: 'survey',
    });
    assert.equal(response.status, 200);
    assert.match(await response.text(), /Check your inbox[\s\S]*ada\.lovelace@example\.org/);
    const mail = await nextMail(sent);
    assert.deepEqual(mail.to, ['ada.lovelace@example.org']);
    assert.equal(mail.mail.subject, 'Confirm your Paperboard digest');
    const token = confirmToken(mail.mail.text);
    assert.match(String(mail.mail.html), new RegExp(`href="${ORIGIN}/subscribe/confirm\\?token=${token}"`));

    const pending = await findSubscriberByEmail(t.db, 'ada.lovelace@example.org');
    assert.equal(pending?.status, 'pending');
    assert.deepEqual(
      { ...pending?.topics, zone: pending?.timeZone, day: pending?.weeklyDay, max: pending?.maxPapers },
      {
        categories: ['cs.CL', 'cs.LG'],
        queries: ['sparse attention'],
        authors: ['Ada Lovelace'],
        exclude: ['survey'],
        zone: 'Europe/Berlin',
        day: 3,
        max: 5,
      },
    );
    assert.equal(pending?.includeTrending, false, 'has_trending without the box: trending left out');

    // A mail scanner fetching the link changes nothing.
    const landing = await page(`/subscribe/confirm?token=${token}`);
    assert.equal(landing.status, 200);
    assert.match(landing.html, /<h1[^>]*>Confirm subscription<\/h1>/);
    assert.match(landing.html, new RegExp(`<input type="hidden" name="token" value="${token}"/>`));
    assert.equal(await statusOf('ada.lovelace@example.org'), 'pending');
    assert.equal((await page(`/subscribe/confirm?token=${token}%00`)).status, 400);
    for (const bad of [`${token}.`, 'x'.repeat(300), '%E0%A4%A', '']) {
      const refused = await page(`/subscribe/confirm?token=${bad}`);
      assert.equal(refused.status, 400, bad);
      assert.match(refused.html, /Subscribe again/, bad);
    }

    const confirmed = await post('/subscribe/confirm', { token });
    assert.equal(confirmed.status, 303);
    const location = confirmed.headers.get('location') ?? '';
    assert.match(
      location,
      new RegExp(`^/subscription/${pending?.id}/[A-Za-z0-9_-]{32}\\?notice=subscribed$`),
    );
    const active = await findSubscriberByEmail(t.db, 'ada.lovelace@example.org');
    assert.equal(active?.status, 'active');
    // Friday 2026-08-21 12:00 UTC → the next Wednesday, 07:00 in Berlin (CEST, UTC+2).
    assert.equal(active?.nextDueAt, '2026-08-26T05:00:00.000Z');

    const preferences = await page(location);
    assert.equal(preferences.status, 200);
    assert.match(preferences.html, /You are subscribed\./);
    assert.match(
      preferences.html,
      /Wednesday 26 August 2026, 07:00<\/time> <span class="muted">\(Europe\/Berlin\)/,
    );
  });

  it('refuses a used confirmation link, and an expired one, with a way to subscribe again', async () => {
    const sent = sink.received.length;
    assert.equal((await subscribe({ email: 'used@example.org' })).status, 200);
    const token = confirmToken((await nextMail(sent)).mail.text);
    assert.equal((await post('/subscribe/confirm', { token })).status, 303);
    for (const response of [
      await post('/subscribe/confirm', { token }),
      await app.request(`/subscribe/confirm?token=${token}`),
    ]) {
      assert.equal(response.status, 400);
      const html = await response.text();
      assert.match(html, /already used/);
      assert.match(html, /<a href="\/subscribe">Subscribe again<\/a>/);
    }

    const sentLate = sink.received.length;
    assert.equal((await subscribe({ email: 'late@example.org' })).status, 200);
    const lateToken = confirmToken((await nextMail(sentLate)).mail.text);
    now = new Date(FIXED_NOW.getTime() + CONFIRM_LINK_HOURS * 3_600_000 + 1000);
    try {
      const look = await page(`/subscribe/confirm?token=${lateToken}`);
      assert.equal(look.status, 400);
      assert.match(look.html, /has expired/);
      const use = await post('/subscribe/confirm', { token: lateToken });
      assert.equal(use.status, 400);
      assert.match(await use.text(), /has expired/);
      assert.equal(await statusOf('late@example.org'), 'pending');
    } finally {
      now = FIXED_NOW;
    }
    for (const bad of ['', 'nonsense', 'x'.repeat(5000)]) {
      assert.equal((await page(`/subscribe/confirm?token=${bad}`)).status, 400, bad.slice(0, 10));
      assert.equal((await post('/subscribe/confirm', { token: bad })).status, 400, bad.slice(0, 10));
    }
  });

  it('answers an already subscribed address exactly like a new one, and emails it its preferences link', async () => {
    await subscribeConfirmed('grace@example.org');
    const before = await findSubscriberByEmail(t.db, 'grace@example.org');
    const sent = sink.received.length;
    const again = await subscribe({ email: 'grace@example.org', frequency: 'weekly', max_papers: '50' });
    const fresh = await subscribe({ email: 'newcomer@example.org' });
    assert.equal(again.status, 200);
    assert.equal(
      (await again.text()).replaceAll('grace@example.org', 'ADDRESS'),
      (await fresh.text()).replaceAll('newcomer@example.org', 'ADDRESS'),
    );
    const mails = (await sink.waitFor(sent + 2)).slice(sent);
    const toGrace = mails.find((m) => m.to[0] === 'grace@example.org');
    assert.equal(toGrace?.mail.subject, 'You already get the Paperboard digest');
    assert.match(
      toGrace?.mail.text ?? '',
      new RegExp(`${ORIGIN}/subscription/${before?.id}/[A-Za-z0-9_-]{32}`),
    );
    assert.doesNotMatch(toGrace?.mail.text ?? '', /subscribe\/confirm/);
    assert.deepEqual(await findSubscriberByEmail(t.db, 'grace@example.org'), before, 'nothing changed');
  });

  it('rejects malformed input with messages, keeping what was typed, and sends nothing', async () => {
    const sent = sink.received.length;
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ email: 'not an address' }, /does not look like an email address/],
      [{ email: `${'a'.repeat(250)}@example.org` }, /does not look like an email address/],
      [{}, /does not look like an email address/],
      [{ email: 'tz@example.org', time_zone: 'Mars/Olympus_Mons' }, /Unknown time zone: Mars\/Olympus_Mons/],
      [{ email: 'cat@example.org', categories: 'cs.CL, not a category!' }, /is not an arXiv category/],
      [{ email: 'many@example.org', max_papers: '500' }, /A digest holds from 1 to 50 papers/],
      [{ email: 'many@example.org', max_papers: 'ten' }, /A digest holds from 1 to 50 papers/],
      [{ email: 'freq@example.org', frequency: 'monthly' }, /Choose a daily or a weekly digest/],
      [{ email: 'hour@example.org', send_hour: '24' }, /an hour from 0 to 23/],
      [{ email: 'day@example.org', weekly_day: '0' }, /must be a day of the week/],
      [
        { email: 'query@example.org', queries: 'year:abc' },
        /The saved search &quot;year:abc&quot; cannot be searched/,
      ],
      [{ email: 'empty@example.org', has_trending: '1' }, /Choose some topics or the trending papers/],
    ];
    for (const [form, message] of cases) {
      const response = await subscribe(form);
      assert.equal(response.status, 400, JSON.stringify(form));
      const html = await response.text();
      assert.match(html, message, JSON.stringify(form));
      assert.match(html, /role="alert"/);
      if (form.email && form.email.length < 100)
        assert.ok(html.includes(`value="${form.email}"`), 'typed address kept');
    }
    // PostgreSQL text cannot hold NUL: such an address must be refused before anything is written.
    const nul = await subscribe({ email: 'nul\u0000@example.org' });
    assert.equal(nul.status, 400);
    assert.match(await nul.text(), /form field “email” holds a control character/);
    const typedZone = await (
      await subscribe({ email: 'tz@example.org', time_zone: 'Mars/Olympus_Mons' })
    ).text();
    assert.match(typedZone, /<option value="Mars\/Olympus_Mons" selected="">/, 'the typed zone stays chosen');
    const typedQuery = await (
      await subscribe({ email: 'q@example.org', queries: 'year:abc\nkept line' })
    ).text();
    assert.match(typedQuery, /<textarea[^>]*name="queries"[^>]*>year:abc\nkept line<\/textarea>/);

    // A file where the address should be, a JSON body: still a 400, never a 500.
    const multipart = new FormData();
    multipart.append('email', new Blob(['x@example.org']), 'email.txt');
    const file = await app.request('/subscribe', {
      method: 'POST',
      body: multipart,
      headers: { origin: ORIGIN },
    });
    assert.equal(file.status, 400);
    const json = await app.request('/subscribe', {
      method: 'POST',
      body: '{"email":"x@example.org"}',
      headers: { 'content-type': 'application/json', origin: ORIGIN },
    });
    assert.equal(json.status, 400);

    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(sink.received.length, sent, 'no email for a refused form');
    const rows = await t.db
      .selectFrom('subscribers')
      .select('email')
      .where('email', 'like', '%@example.org')
      .execute();
    for (const email of ['tz@example.org', 'cat@example.org', 'many@example.org', 'query@example.org']) {
      assert.ok(!rows.some((r) => r.email === email), `${email} not stored`);
    }
  });

  it('refuses a cross-site POST (CSRF) and sends no email', async () => {
    const sent = sink.received.length;
    const forged = await subscribe({ email: 'victim@example.org' }, { origin: 'https://evil.example' });
    assert.equal(forged.status, 403);
    assert.match(await forged.text(), /another site/);
    const noOrigin = await app.request('/subscribe', {
      method: 'POST',
      body: new URLSearchParams({ email: 'victim@example.org' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(noOrigin.status, 403);
    const confirm = await app.request('/subscribe/confirm', {
      method: 'POST',
      body: new URLSearchParams({ token: 'whatever' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
    });
    assert.equal(confirm.status, 403);
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(sink.received.length, sent);
    assert.equal(await statusOf('victim@example.org'), undefined);
  });

  it(`limits emails per address (${RATE_LIMITS['digest-email'].max} a day): the next is a 429 with Retry-After`, async () => {
    for (let i = 0; i < RATE_LIMITS['digest-email'].max; i += 1) {
      assert.equal((await subscribe({ email: 'flood@example.org' })).status, 200);
    }
    const refused = await subscribe({ email: 'FLOOD@example.org' });
    assert.equal(refused.status, 429);
    assert.equal(refused.headers.get('retry-after'), String(24 * 3600));
    assert.match(await refused.text(), /Too many subscription requests/);
    now = new Date(FIXED_NOW.getTime() + RATE_LIMITS['digest-email'].windowMs + 1);
    try {
      assert.equal(
        (await subscribe({ email: 'flood@example.org' })).status,
        200,
        'a day later: allowed again',
      );
    } finally {
      now = FIXED_NOW;
    }
  });

  it(`limits requests per client IP (${RATE_LIMITS['digest-ip'].max} an hour)`, async () => {
    const from = (ip: string) => ({ 'x-forwarded-for': `${ip}, 10.0.0.1` });
    for (let i = 0; i < RATE_LIMITS['digest-ip'].max; i += 1) {
      assert.equal((await subscribe({ email: `ip${i}@example.org` }, from('203.0.113.9'))).status, 200);
    }
    const refused = await subscribe({ email: 'ip-last@example.org' }, from('203.0.113.9'));
    assert.equal(refused.status, 429);
    assert.ok(Number(refused.headers.get('retry-after')) > 0);
    assert.equal(await statusOf('ip-last@example.org'), undefined, 'refused before anything is stored');
    assert.equal((await subscribe({ email: 'ip-other@example.org' }, from('192.0.2.1'))).status, 200);
  });

  it('shows the footer form to visitors on every page, and a link to their settings to readers', async () => {
    const home = await page('/search');
    assert.match(
      home.html,
      /<footer[\s\S]*<form method="post" action="\/subscribe" class="footer-digest">[\s\S]*<label for="footer-digest-email">[\s\S]*<input id="footer-digest-email" type="email" name="email"/,
    );
    const reader = await signedInReader(t, 'footer');
    const signedIn = await page('/search', reader.cookie);
    assert.match(signedIn.html, /<footer[\s\S]*href="\/users\/footer#digest" class="button">Get the digest</);
    assert.doesNotMatch(signedIn.html, /footer-digest-email/);
    const subscribePage = await page('/subscribe');
    assert.equal(subscribePage.status, 200);
    assert.match(subscribePage.html, /<label for="subscribe-email">Email address<\/label>/);
    assert.match(
      subscribePage.html,
      /<select id="prefs-time-zone" name="time_zone" data-browser-time-zone="">/,
    );
    assert.match(subscribePage.html, /<option value="UTC" selected="">UTC<\/option>/);
    assert.match(subscribePage.html, /<option value="Europe\/Berlin">Europe\/Berlin<\/option>/);
  });

  it('lets a signed-in reader subscribe at once from their profile, with no email', async () => {
    const { user, cookie } = await signedInReader(t, 'reader');
    const sent = sink.received.length;
    const redirected = await page('/subscribe', cookie);
    assert.equal(redirected.status, 303);
    assert.equal(redirected.location, '/users/reader#digest');
    const viaForm = await post('/subscribe', { email: 'someone-else@example.org' }, cookie);
    assert.equal(viaForm.status, 303);
    assert.equal(viaForm.headers.get('location'), '/users/reader#digest');

    const before = await page('/users/reader', cookie);
    assert.match(before.html, /<section id="digest"[\s\S]*Email digest[\s\S]*reader@example\.org/);
    assert.match(before.html, /<form method="post" action="\/account\/digest"/);
    assert.doesNotMatch((await page('/users/reader')).html, /id="digest"/, 'only on one’s own profile');

    const done = await post('/account/digest', { time_zone: 'America/New_York' }, cookie);
    assert.equal(done.status, 303);
    const subscriber = await findSubscriberByEmail(t.db, 'reader@example.org');
    assert.equal(subscriber?.status, 'active');
    assert.equal(subscriber?.userId, user.id);
    assert.equal(subscriber?.timeZone, 'America/New_York');
    // Friday 12:00 UTC is 08:00 in New York, the default send hour: so Monday 08:00 EDT.
    assert.equal(subscriber?.nextDueAt, '2026-08-24T12:00:00.000Z');
    assert.match(
      done.headers.get('location') ?? '',
      new RegExp(`^/subscription/${subscriber?.id}/[A-Za-z0-9_-]{32}\\?notice=subscribed$`),
    );

    const after = await page('/users/reader', cookie);
    assert.match(after.html, /status-active/);
    assert.match(
      after.html,
      /Monday 24 August 2026, 08:00<\/time> <span class="muted">\(America\/New York\)/,
    );
    assert.ok(after.html.includes(`href="${(done.headers.get('location') ?? '').replace(/\?.*/, '')}"`));
    assert.doesNotMatch(after.html, /action="\/account\/digest"/, 'no subscribe button while active');
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(sink.received.length, sent, 'a verified address needs no confirmation email');

    const anonymous = await post('/account/digest', {});
    assert.equal(anonymous.status, 303);
    assert.equal(anonymous.headers.get('location'), '/signin');
    const forged = await postForm(app, '/account/digest', {}, { cookie, origin: 'https://evil.example' });
    assert.equal(forged.status, 403);
    const badZone = await post('/account/digest', { time_zone: 'Nowhere/Else' }, cookie);
    assert.equal(badZone.status, 400);
  });

  it('shows a reader the subscription their address confirmed before they had an account', async () => {
    await subscribeConfirmed('early@example.org');
    const { cookie } = await signedInReader(t, 'early');
    const profile = await page('/users/early', cookie);
    assert.match(profile.html, /<section id="digest"[\s\S]*status-active/);
    await sql`update subscribers set status = 'unsubscribed', next_due_at = null where email = 'early@example.org'`.execute(
      t.db,
    );
    const again = await page('/users/early', cookie);
    assert.match(again.html, /status-unsubscribed[\s\S]*Subscribe again/);
    assert.equal((await post('/account/digest', {}, cookie)).status, 303);
    assert.equal(await statusOf('early@example.org'), 'active');
  });
});
