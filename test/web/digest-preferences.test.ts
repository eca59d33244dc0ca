// A subscriber's pages behind the signed link, on both databases: the prefilled preferences form,
// validation (messages, input kept, nothing saved), saving (next digest moves), bad signatures and
// other subscribers' ids, unsubscribe (GET asks, POST unsubscribes and cancels waiting digests),
// RFC 8058 one-click without Origin or cookies, resubscribe, and CSRF on everything else.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Hono } from 'hono';
import { hashSecret, newSecret } from '../../src/accounts/secrets.js';
import type { OutboxState } from '../../src/db/schema.js';
import { type DigestLinks, digestLinksFor } from '../../src/digest/signed-links.js';
import { DEFAULT_PREFERENCES, type DigestPreferences } from '../../src/model/digest-preferences.js';
import {
  confirmSubscription,
  getSubscriber,
  requestSubscription,
  type Subscriber,
} from '../../src/store/subscribers.js';
import { createApp } from '../../src/web/app.js';
import { isCsrfExempt } from '../../src/web/csrf.js';
import { FIXED_NOW, testContext } from '../helpers/test-app.js';
import { createTestDatabase, eachDialect, type TestDatabase } from '../helpers/test-db.js';
import { postForm } from './web-fixtures.js';

const FORM = {
  frequency: 'daily',
  weekly_day: '1',
  send_hour: '8',
  time_zone: 'UTC',
  max_papers: '10',
  has_trending: '1',
  include_trending: 'on',
  categories: '',
  queries: '',
  authors: '',
  exclude: '',
};

eachDialect('digest preferences and unsubscribe', (dialect) => {
  let t: TestDatabase;
  let app: Hono;
  let links: DigestLinks;
  before(async () => {
    t = await createTestDatabase(dialect);
    const ctx = testContext(t);
    app = createApp(ctx);
    links = await digestLinksFor(t, ctx.config.baseUrl, FIXED_NOW);
  });
  after(async () => {
    await t.destroy();
  });

  /** A subscriber who confirmed by email, as the double opt-in leaves them. */
  async function confirmed(
    email: string,
    prefs: DigestPreferences = DEFAULT_PREFERENCES,
  ): Promise<Subscriber> {
    const token = newSecret();
    await requestSubscription(t.db, {
      email,
      prefs,
      tokenHash: hashSecret(token),
      expiresAt: '2026-08-23T12:00:00.000Z',
      now: FIXED_NOW,
    });
    const subscriber = await confirmSubscription(t.db, hashSecret(token), FIXED_NOW);
    assert.ok(subscriber);
    return subscriber;
  }
  const get = async (path: string) => {
    const response = await app.request(path);
    return { status: response.status, html: await response.text() };
  };
  const post = (path: string, form: Record<string, string>, origin?: string) =>
    postForm(app, path, form, origin ? { origin } : {});

  it('shows the preferences prefilled, with the status and the next digest in the subscriber’s zone', async () => {
    const subscriber = await confirmed('prefill@example.org', {
      ...DEFAULT_PREFERENCES,
      frequency: 'weekly',
      weeklyDay: 5,
      sendHour: 18,
      timeZone: 'Asia/Tokyo',
      maxPapers: 7,
      includeTrending: false,
      topics: {
        categories: ['cs.CL', 'cs.*'],
        queries: ['sparse attention'],
        authors: ['Yann LeCun'],
        exclude: ['survey'],
      },
    });
    const { status, html } = await get(links.preferencesPath(subscriber));
    assert.equal(status, 200);
    assert.match(
      html,
      /<strong>prefill@example\.org<\/strong> <span class="status-badge status-active">Active<\/span>/,
    );
    // Friday 2026-08-21 12:00 UTC is 21:00 in Tokyo, past 18:00: the next Friday.
    assert.equal(subscriber.nextDueAt, '2026-08-28T09:00:00.000Z');
    assert.match(
      html,
      /Next digest: <time datetime="2026-08-28T09:00:00.000Z">Friday 28 August 2026, 18:00<\/time>/,
    );
    assert.match(html, /<input type="radio" name="frequency" value="weekly" checked=""\/>/);
    assert.match(html, /<option value="5" selected="">Friday<\/option>/);
    assert.match(html, /<option value="18" selected="">18:00<\/option>/);
    assert.match(html, /<option value="Asia\/Tokyo" selected="">Asia\/Tokyo<\/option>/);
    assert.match(html, /name="max_papers"[^>]*value="7"/);
    assert.doesNotMatch(html, /name="include_trending" checked/);
    assert.match(html, /name="categories" value="cs\.CL, cs\.\*"/);
    assert.match(html, /name="authors"[^>]*>Yann LeCun<\/textarea>/);
    assert.match(html, /<form method="post" action="\/subscription\/\d+\/[\w-]{32}\/unsubscribe"/);
    assert.doesNotMatch(html, /Resubscribe/);
    assert.match(html, /<meta name="robots" content="noindex"\/>/);
  });

  it('refuses bad preferences with every message and the typed input, saving nothing', async () => {
    const subscriber = await confirmed('picky@example.org');
    const path = links.preferencesPath(subscriber);
    const { include_trending: _, ...withoutTrending } = FORM;
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ ...FORM, time_zone: 'Mars/Olympus_Mons' }, /Unknown time zone: Mars\/Olympus_Mons\./],
      [{ ...FORM, categories: 'cs.CL quantum!' }, /&quot;quantum!&quot; is not an arXiv category/],
      [{ ...FORM, max_papers: '51' }, /A digest holds from 1 to 50 papers\./],
      [{ ...FORM, max_papers: '1e3' }, /A digest holds from 1 to 50 papers\./],
      [{ ...FORM, queries: 'attention\n-only' }, /The saved search &quot;-only&quot; cannot be searched/],
      [{ ...FORM, queries: 'cat:' }, /The saved search &quot;cat:&quot; cannot be searched/],
      [withoutTrending, /Choose some topics or the trending papers/],
      [
        { ...FORM, frequency: 'hourly', send_hour: '-1', weekly_day: '9' },
        /Choose a daily or a weekly digest\.[\s\S]*day of the week[\s\S]*from 0 to 23/,
      ],
      [
        { ...FORM, queries: Array.from({ length: 11 }, (_, i) => `topic ${i}`).join('\n') },
        /At most 10 saved searches\./,
      ],
      [{ ...FORM, exclude: 'x'.repeat(201) }, /Each of the excluded keywords is at most 200 characters\./],
    ];
    for (const [form, message] of cases) {
      const response = await post(path, form);
      assert.equal(response.status, 400, JSON.stringify(form).slice(0, 120));
      const html = await response.text();
      assert.match(html, message);
      assert.match(html, /<div class="form-error" role="alert">/);
    }
    const kept = await (
      await post(path, {
        ...FORM,
        time_zone: 'Mars/Olympus_Mons',
        categories: 'cs.CL quantum!',
        queries: 'typed\nlines',
      })
    ).text();
    assert.match(
      kept,
      /<option value="Mars\/Olympus_Mons" selected="">Mars\/Olympus_Mons \(not a known choice\)<\/option>/,
    );
    assert.match(kept, /name="categories" value="cs\.CL quantum!"/);
    assert.match(kept, /name="queries"[^>]*>typed\nlines<\/textarea>/);
    assert.deepEqual(await getSubscriber(t.db, subscriber.id), subscriber, 'nothing saved');
  });

  it('saves preferences: the next digest moves to the new schedule', async () => {
    const subscriber = await confirmed('mover@example.org');
    assert.equal(subscriber.nextDueAt, '2026-08-24T08:00:00.000Z', 'daily 08:00 UTC: Monday');
    const path = links.preferencesPath(subscriber);
    const saved = await post(path, {
      ...FORM,
      frequency: 'weekly',
      weekly_day: '6',
      send_hour: '9',
      time_zone: 'america/new_york',
      max_papers: '3',
      categories: 'cs.LG,  stat.ML',
      queries: 'diffusion models\n\n  ti:transformer  ',
      authors: 'Geoffrey Hinton; Yoshua Bengio',
      exclude: 'survey, benchmark',
    });
    assert.equal(saved.status, 303);
    assert.equal(saved.headers.get('location'), `${path}?notice=saved`);
    const after = await getSubscriber(t.db, subscriber.id);
    assert.equal(after?.frequency, 'weekly');
    assert.equal(after?.timeZone, 'America/New_York', 'saved under its canonical name');
    assert.deepEqual(after?.topics, {
      categories: ['cs.LG', 'stat.ML'],
      queries: ['diffusion models', 'ti:transformer'],
      authors: ['Geoffrey Hinton', 'Yoshua Bengio'],
      exclude: ['survey', 'benchmark'],
    });
    // Saturday 2026-08-22 09:00 in New York (EDT, UTC−4).
    assert.equal(after?.nextDueAt, '2026-08-22T13:00:00.000Z');
    const page = await get(`${path}?notice=saved`);
    assert.match(page.html, /Your preferences are saved\./);
    assert.match(page.html, /Saturday 22 August 2026, 09:00/);
    const unknown = await get(`${path}?notice=<script>`);
    assert.equal(unknown.status, 400, 'a notice no redirect writes is refused');
    assert.match(unknown.html, /The notice \(\?notice=\) must be one of saved, subscribed, resubscribed\./);
    assert.doesNotMatch(unknown.html, /<script>/);
    assert.equal((await get(`${path}?notice=`)).status, 200, 'an empty notice is none');
  });

  it('answers 404 to a bad signature, another subscriber’s id, a voided link and malformed ids', async () => {
    const mine = await confirmed('mine@example.org');
    const theirs = await confirmed('theirs@example.org');
    const token = links.token(mine);
    const forged = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    const paths = [
      `/subscription/${mine.id}/${forged}`,
      `/subscription/${theirs.id}/${token}`,
      `/subscription/${mine.id}/${token.slice(0, 31)}`,
      `/subscription/${mine.id}/${token}x`,
      `/subscription/${mine.id}/%00%FF`,
      `/subscription/abc/${token}`,
      `/subscription/99999999999999999999/${token}`,
      `/subscription/2147483648/${token}`,
      `/subscription/0/${token}`,
      `/subscription/-1/${token}`,
      // Signed correctly, for nobody.
      `/subscription/999999/${links.token({ id: 999_999, linkVersion: 1 })}`,
    ];
    for (const path of paths) {
      const page = await get(path);
      assert.equal(page.status, 404, path);
      assert.match(page.html, /This digest link is not valid/, path);
      for (const action of ['', '/unsubscribe', '/resubscribe']) {
        assert.equal((await post(`${path}${action}`, FORM)).status, 404, `POST ${path}${action}`);
      }
      assert.equal((await get(`${path}/unsubscribe`)).status, 404, `GET ${path}/unsubscribe`);
    }
    assert.equal((await getSubscriber(t.db, theirs.id))?.status, 'active', 'untouched');
    assert.equal((await getSubscriber(t.db, mine.id))?.status, 'active', 'untouched');
    // A new link version voids the old links.
    await t.db.updateTable('subscribers').set({ link_version: 2 }).where('id', '=', mine.id).execute();
    assert.equal((await get(`/subscription/${mine.id}/${token}`)).status, 404);
    assert.equal((await get(links.preferencesPath({ id: mine.id, linkVersion: 2 }))).status, 200);
  });

  async function outbox(subscriberId: number, state: OutboxState, periodKey: string): Promise<void> {
    await t.db
      .insertInto('digest_outbox')
      .values({
        subscriber_id: subscriberId,
        period_key: periodKey,
        frequency: 'daily',
        window_from: '2026-08-20',
        window_to: '2026-08-21',
        state,
        next_attempt_at: FIXED_NOW.toISOString(),
        created_at: FIXED_NOW.toISOString(),
        updated_at: FIXED_NOW.toISOString(),
      })
      .execute();
  }
  const outboxStates = async (subscriberId: number) =>
    (
      await t.db
        .selectFrom('digest_outbox')
        .select(['period_key', 'state'])
        .where('subscriber_id', '=', subscriberId)
        .orderBy('period_key')
        .execute()
    ).map((r) => `${r.period_key}=${r.state}`);

  it('unsubscribes: the GET only asks; the POST stops digests and cancels waiting ones', async () => {
    const subscriber = await confirmed('leaver@example.org');
    await outbox(subscriber.id, 'sent', 'daily:2026-08-20');
    await outbox(subscriber.id, 'pending', 'daily:2026-08-21');
    await outbox(subscriber.id, 'claimed', 'daily:2026-08-22');
    const path = links.preferencesPath(subscriber);

    const ask = await get(`${path}/unsubscribe`);
    assert.equal(ask.status, 200);
    assert.match(ask.html, /Unsubscribe\?[\s\S]*leaver@example\.org/);
    assert.match(ask.html, new RegExp(`<form method="post" action="${path}/unsubscribe"`));
    assert.equal((await getSubscriber(t.db, subscriber.id))?.status, 'active', 'a GET changes nothing');
    assert.deepEqual(await outboxStates(subscriber.id), [
      'daily:2026-08-20=sent',
      'daily:2026-08-21=pending',
      'daily:2026-08-22=claimed',
    ]);

    const done = await post(`${path}/unsubscribe`, {});
    assert.equal(done.status, 200);
    const html = await done.text();
    assert.match(html, /You are unsubscribed/);
    assert.match(html, new RegExp(`<form method="post" action="${path}/resubscribe"`));
    const after = await getSubscriber(t.db, subscriber.id);
    assert.equal(after?.status, 'unsubscribed');
    assert.equal(after?.nextDueAt, null);
    assert.deepEqual(await outboxStates(subscriber.id), [
      'daily:2026-08-20=sent',
      'daily:2026-08-21=cancelled',
      'daily:2026-08-22=cancelled',
    ]);
    // Twice is fine; the page of an unsubscribed address offers to resubscribe, not to unsubscribe.
    assert.equal((await post(`${path}/unsubscribe`, {})).status, 200);
    const again = await get(`${path}/unsubscribe`);
    assert.match(again.html, /You are unsubscribed/);
    const prefs = await get(path);
    assert.match(prefs.html, /status-unsubscribed[\s\S]*No digests are sent[\s\S]*Resubscribe/);
    assert.doesNotMatch(prefs.html, /action="[^"]*\/unsubscribe"/);
  });

  it('takes an RFC 8058 one-click POST without Origin or cookies, and answers 200', async () => {
    const subscriber = await confirmed('oneclick@example.org');
    await outbox(subscriber.id, 'pending', 'daily:2026-08-24');
    const url = links.unsubscribeUrl(subscriber);
    assert.match(url, /^http:\/\/paperboard\.test\/subscription\/\d+\/[\w-]{32}\/unsubscribe$/);
    const response = await app.request(url, {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(response.status, 200);
    assert.equal((await getSubscriber(t.db, subscriber.id))?.status, 'unsubscribed');
    assert.deepEqual(await outboxStates(subscriber.id), ['daily:2026-08-24=cancelled']);
    // From a provider's servers (cross-site), the same.
    const other = await confirmed('oneclick2@example.org');
    const crossSite = await app.request(links.unsubscribeUrl(other), {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://mail.example' },
    });
    assert.equal(crossSite.status, 200);
    assert.equal((await getSubscriber(t.db, other.id))?.status, 'unsubscribed');
  });

  it('keeps the CSRF origin check on every other route, this one’s siblings included', async () => {
    const subscriber = await confirmed('guarded@example.org');
    const path = links.preferencesPath(subscriber);
    const forged = await post(path, { ...FORM, max_papers: '50' }, 'https://evil.example');
    assert.equal(forged.status, 403);
    assert.match(await forged.text(), /another site/);
    const noOrigin = await app.request(path, {
      method: 'POST',
      body: new URLSearchParams({ ...FORM, max_papers: '50' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(noOrigin.status, 403);
    assert.equal((await getSubscriber(t.db, subscriber.id))?.maxPapers, 10, 'nothing saved');
    await post(`${path}/unsubscribe`, {});
    assert.equal((await post(`${path}/resubscribe`, {}, 'https://evil.example')).status, 403);
    assert.equal((await getSubscriber(t.db, subscriber.id))?.status, 'unsubscribed');

    const token = links.token(subscriber);
    assert.equal(isCsrfExempt('POST', `/subscription/${subscriber.id}/${token}/unsubscribe`), true);
    for (const [method, path] of [
      ['GET', `/subscription/1/${token}/unsubscribe`],
      ['PUT', `/subscription/1/${token}/unsubscribe`],
      ['POST', `/subscription/1/${token}`],
      ['POST', `/subscription/1/${token}/resubscribe`],
      ['POST', `/subscription/1/${token}/unsubscribe/`],
      ['POST', `/subscription/1/${token}/unsubscribe/x`],
      ['POST', `/x/subscription/1/${token}/unsubscribe`],
      ['POST', `/subscription/1/${token.slice(1)}/unsubscribe`],
      ['POST', `/subscription/a/${token}/unsubscribe`],
      ['POST', '/subscribe'],
      ['POST', '/signin'],
    ] as const) {
      assert.equal(isCsrfExempt(method, path), false, `${method} ${path}`);
    }
  });

  it('resubscribes an address that confirmed before, with its preferences; not one that never did', async () => {
    const prefs = {
      ...DEFAULT_PREFERENCES,
      sendHour: 6,
      topics: { ...DEFAULT_PREFERENCES.topics, categories: ['cs.RO'] },
    };
    const subscriber = await confirmed('returner@example.org', prefs);
    const path = links.preferencesPath(subscriber);
    assert.equal((await post(`${path}/unsubscribe`, {})).status, 200);
    const back = await post(`${path}/resubscribe`, {});
    assert.equal(back.status, 303);
    assert.equal(back.headers.get('location'), `${path}?notice=resubscribed`);
    const after = await getSubscriber(t.db, subscriber.id);
    assert.equal(after?.status, 'active');
    assert.deepEqual(after?.topics.categories, ['cs.RO']);
    assert.equal(after?.nextDueAt, '2026-08-24T06:00:00.000Z', 'recomputed: Monday 06:00 UTC');
    assert.match((await get(`${path}?notice=resubscribed`)).html, /You are subscribed again/);

    // A bounced address may come back too.
    await t.db
      .updateTable('subscribers')
      .set({ status: 'bouncing', next_due_at: null, bounce_count: 3 })
      .where('id', '=', subscriber.id)
      .execute();
    assert.match((await get(path)).html, /kept bouncing[\s\S]*Resubscribe/);
    assert.equal((await post(`${path}/resubscribe`, {})).status, 303);
    assert.equal((await getSubscriber(t.db, subscriber.id))?.bounceCount, 0);

    // Never confirmed: the link cannot stand in for the opt-in.
    await requestSubscription(t.db, {
      email: 'unconfirmed@example.org',
      prefs: DEFAULT_PREFERENCES,
      tokenHash: hashSecret(newSecret()),
      expiresAt: '2026-08-23T12:00:00.000Z',
      now: FIXED_NOW,
    });
    const pending = await t.db
      .selectFrom('subscribers')
      .select('id')
      .where('email', '=', 'unconfirmed@example.org')
      .executeTakeFirstOrThrow();
    const pendingPath = links.preferencesPath({ id: pending.id, linkVersion: 1 });
    const pendingPage = await get(pendingPath);
    assert.match(pendingPage.html, /Waiting for confirmation[\s\S]*open the link in the confirmation email/);
    assert.doesNotMatch(pendingPage.html, /Resubscribe/);
    const refused = await post(`${pendingPath}/resubscribe`, {});
    assert.equal(refused.status, 409);
    assert.equal((await getSubscriber(t.db, pending.id))?.status, 'pending');
  });
});
