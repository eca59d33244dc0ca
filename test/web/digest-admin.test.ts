// /admin/digests on both databases: who may see it (anonymous → sign in, readers → 403, admins),
// the header link, and that it shows the counts of the rows in the database.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Hono } from 'hono';
import type { OutboxState, SubscriberStatus } from '../../src/db/schema.js';
import { createApp } from '../../src/web/app.js';
import { signedInReader } from '../helpers/accounts.js';
import { confirmedSubscriber, loadSampleDays } from '../helpers/digests.js';
import { FIXED_NOW, testContext } from '../helpers/test-app.js';
import { createTestDatabase, eachDialect, type TestDatabase } from '../helpers/test-db.js';

const DAY_MS = 86_400_000;
const at = (offsetMs: number) => new Date(FIXED_NOW.getTime() + offsetMs).toISOString();

eachDialect('digest admin page', (dialect) => {
  let t: TestDatabase;
  let app: Hono;
  let admin: string;
  let reader: string;
  before(async () => {
    t = await createTestDatabase(dialect);
    app = createApp(testContext(t));
    admin = (await signedInReader(t, 'admin')).cookie; // the first account is the admin
    reader = (await signedInReader(t, 'reader')).cookie;
  });
  after(async () => {
    await t.destroy();
  });

  const get = async (cookie?: string) => {
    const response = await app.request('/admin/digests', { headers: cookie ? { cookie } : {} });
    return {
      status: response.status,
      html: await response.text(),
      location: response.headers.get('location'),
    };
  };
  /** The number a section (by its heading id) shows for a status or state (the term's text). */
  const countOf = (html: string, section: string, term: string) => {
    const part = html.split(`aria-labelledby="${section}"`)[1]?.split('</section>')[0] ?? '';
    return Number(new RegExp(`>${term}(?:</span>)?</dt><dd>(\\d+)</dd>`).exec(part)?.[1]);
  };

  it('sends anonymous visitors to sign in, refuses readers, and links admins to it from the header', async () => {
    const anonymous = await get();
    assert.equal(anonymous.status, 303);
    assert.equal(anonymous.location, '/signin?reason=page&next=%2Fadmin%2Fdigests');
    const refused = await get(reader);
    assert.equal(refused.status, 403);
    assert.match(refused.html, /Only admins can do that/);
    assert.doesNotMatch(refused.html, /href="\/admin\/digests"/, 'no header link for readers');
    const page = await get(admin);
    assert.equal(page.status, 200);
    assert.match(
      page.html,
      /<div class="account-menu">[\s\S]*<a href="\/moderation">Moderation<\/a><a href="\/admin\/digests">Digests<\/a>/,
    );
    assert.match(page.html, /No digest has been sent yet\./);
    assert.equal(countOf(page.html, 'subscribers-heading', 'Active'), 0);
    assert.match(page.html, /Next retry: <span>—<\/span>/);
  });

  it('warns when SMTP_URL is unset (digests only logged), and not when it is set', async () => {
    const unset = await get(admin);
    assert.match(
      unset.html,
      /<p class="banner info" role="note"><strong>Email is not set up: digests are not being delivered\.<\/strong> SMTP_URL is unset/,
    );
    const ctx = testContext(t, FIXED_NOW, { smtpUrl: 'smtp://127.0.0.1:2525' });
    const configured = await createApp(ctx).request('/admin/digests', { headers: { cookie: admin } });
    const html = await configured.text();
    ctx.mailer.close();
    assert.equal(configured.status, 200);
    assert.doesNotMatch(html, /Email is not set up/);
  });

  it('shows subscribers by status, the last week’s outbox by state, the next retry and recent runs', async () => {
    const statuses: SubscriberStatus[] = [
      'active',
      'active',
      'active',
      'pending',
      'unsubscribed',
      'bouncing',
      'bouncing',
    ];
    const ids: number[] = [];
    for (const [i, status] of statuses.entries()) {
      const row = await t.db
        .insertInto('subscribers')
        .values({
          email: `s${i}@example.org`,
          user_id: null,
          status,
          frequency: 'daily',
          weekly_day: 1,
          send_hour: 8,
          time_zone: 'UTC',
          max_papers: 10,
          include_trending: 1,
          topics: '{"categories":[],"queries":[],"authors":[],"exclude":[]}',
          created_at: at(0),
          updated_at: at(0),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.push(row.id);
    }
    const outbox: Array<[OutboxState, number, string]> = [
      ['sent', -DAY_MS, at(-DAY_MS)],
      ['sent', -2 * DAY_MS, at(-2 * DAY_MS)],
      ['sent', -8 * DAY_MS, at(-8 * DAY_MS)], // older than the week shown
      ['pending', 0, at(3 * 3_600_000)],
      ['pending', -3_600_000, at(30 * 60_000)], // the earliest retry
      ['failed', -3 * DAY_MS, at(-3 * DAY_MS)],
      ['cancelled', -DAY_MS / 2, at(-DAY_MS / 2)],
    ];
    for (const [i, [state, createdOffset, nextAttempt]] of outbox.entries()) {
      await t.db
        .insertInto('digest_outbox')
        .values({
          subscriber_id: ids[i % ids.length] as number,
          period_key: `daily:test-${i}`,
          frequency: 'daily',
          window_from: '2026-08-20',
          window_to: '2026-08-21',
          state,
          next_attempt_at: nextAttempt,
          created_at: at(createdOffset),
          updated_at: at(createdOffset),
        })
        .execute();
    }
    await t.db
      .insertInto('digest_runs')
      .values([
        {
          frequency: 'daily',
          instance: 'web-1',
          is_dry_run: 0,
          started_at: '2026-08-21T08:00:00.000Z',
          finished_at: '2026-08-21T08:00:42.000Z',
          enqueued: 120,
          composed: 118,
          sent: 111,
          skipped_empty: 7,
          retried: 4,
          bounced: 2,
          failed: 1,
          uncertain: 3,
        },
        {
          frequency: null,
          instance: 'cron-box',
          is_dry_run: 1,
          started_at: '2026-08-21T09:30:00.000Z',
          finished_at: null,
          enqueued: 5,
          composed: 0,
          sent: 0,
          skipped_empty: 0,
          retried: 0,
          bounced: 0,
          failed: 0,
          uncertain: 0,
        },
      ])
      .execute();

    const { status, html } = await get(admin);
    assert.equal(status, 200);
    assert.deepEqual(
      ['Active', 'Waiting for confirmation', 'Unsubscribed', 'Stopped: mail bounced'].map((s) =>
        countOf(html, 'subscribers-heading', s),
      ),
      [3, 1, 1, 2],
    );
    assert.deepEqual(
      ['pending', 'claimed', 'committing', 'sent', 'skipped', 'failed', 'bounced', 'cancelled'].map((s) =>
        countOf(html, 'outbox-heading', s),
      ),
      [2, 0, 0, 2, 0, 1, 0, 1],
    );
    assert.match(
      html,
      /Next retry: <time datetime="2026-08-21T12:30:00.000Z">2026-08-21 12:30:00<\/time> UTC/,
    );
    const rows = [...html.matchAll(/<tr><td>([\s\S]*?)<\/tr>/g)].map((m) =>
      (m[1] ?? '').replace(/<[^>]+>/g, '|').replace(/\|+/g, '|'),
    );
    assert.equal(rows.length, 2);
    assert.equal(
      rows[0],
      '|2026-08-21 09:30:00|running or stopped|cron-box|all|yes|5|0|0|0|0|0|0|0|',
      'newest first',
    );
    assert.equal(rows[1], '|2026-08-21 08:00:00|2026-08-21 08:00:42|web-1|daily|no|120|118|111|7|4|2|1|3|');
  });

  it('previews a subscriber’s digest for admins only, as the email it would be, sending nothing', async () => {
    await loadSampleDays(t, ['2026-08-20', '2026-08-21']);
    await confirmedSubscriber(t, 'preview@example.org', { topics: { queries: ['agent'] } });
    const preview = (query: string, cookie?: string) =>
      app.request(`/admin/digests/preview?${query}`, { headers: cookie ? { cookie } : {} });

    assert.equal((await preview('email=preview@example.org')).status, 303);
    assert.equal((await preview('email=preview@example.org', reader)).status, 403);
    const rowsBefore = (await t.db.selectFrom('digest_outbox').select('id').execute()).length;
    const ok = await preview('email=preview@example.org&date=2026-08-21', admin);
    assert.equal(ok.status, 200);
    const html = await ok.text();
    assert.match(html, /<title>Paperboard daily digest: 5 on your topics, 5 trending \(21 Aug\)<\/title>/);
    assert.match(html, /Matches agent/);
    const outboxRows = async () => (await t.db.selectFrom('digest_outbox').select('id').execute()).length;
    assert.equal(await outboxRows(), rowsBefore, 'a preview records nothing');

    const cases: Array<[string, number, RegExp]> = [
      ['email=nobody@example.org', 404, /nobody@example\.org is not a subscriber/],
      ['email=not-an-address', 400, /subscriber’s email address/],
      ['email=preview@example.org&date=2026-02-30', 400, /calendar date/],
      ['email=preview@example.org&date=2026-8-1', 400, /calendar date/],
      ['date=2026-08-21', 400, /subscriber’s email address \(\?email=\)/],
      [`email=${'a'.repeat(300)}%40example.org`, 400, /subscriber’s email address/],
      [
        'email=preview@example.org&date=2020-01-06',
        404,
        /Nothing new for preview@example\.org .* 2020-01-01 to 2020-01-06/,
      ],
    ];
    for (const [query, status, message] of cases) {
      const response = await preview(query, admin);
      assert.equal(response.status, status, query);
      assert.match(await response.text(), message, query);
    }
  });
});
