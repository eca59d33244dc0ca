// Digest delivery end to end on both databases: real board days, confirmed subscribers, a real SMTP
// server in the process that parses what arrives; retries, bounces, crash recovery and concurrency.

import assert from 'node:assert/strict';
import { after, before, beforeEach, it } from 'node:test';
import type { ParsedMail } from 'mailparser';
import { runDigests } from '../../src/digest/digest-run.js';
import { silentLogger } from '../../src/lib/logger.js';
import { SmtpPool } from '../../src/mail/smtp-pool.js';
import { commitDigest, DotMarks } from '../../src/store/digest-dot-marks.js';
import { enqueueDueDigests } from '../../src/store/digest-enqueue.js';
import { claimDigests, insertDigests } from '../../src/store/digest-outbox.js';
import { getSubscriber, type Subscriber, unsubscribe } from '../../src/store/subscribers.js';
import { confirmedSubscriber, digestDeps, loadSampleDays, TestClock } from '../helpers/digests.js';
import { boardRecord } from '../helpers/factories.js';
import { type SmtpSink, type SmtpSinkOptions, startSmtpSink } from '../helpers/smtp-sink.js';
import { createTestDatabase, eachDialect, type TestDatabase } from '../helpers/test-db.js';
import { appFor, loadRecords } from '../web/web-fixtures.js';

const FRIDAY = '2026-08-21T12:00:00.000Z';
/** Friday's daily digest for a UTC subscriber: Thursday's and Friday's board. */
const FRIDAY_PERIOD = {
  key: 'daily:2026-08-21',
  frequency: 'daily' as const,
  windowFrom: '2026-08-20',
  windowTo: '2026-08-21',
};

function rawHeader(mail: ParsedMail, name: string): string | undefined {
  const line = mail.headerLines.find((h) => h.key === name.toLowerCase())?.line;
  return line
    ?.slice(name.length + 1)
    .replace(/\r?\n\s+/g, ' ')
    .trim();
}

function paperLinks(text: string): string[] {
  return [...text.matchAll(/http:\/\/paperboard\.test\/papers\/([^\s"<]+)/g)].map((m) => m[1] as string);
}

eachDialect('digest delivery', (dialect) => {
  let t: TestDatabase;
  let sink: SmtpSink;
  let pool: SmtpPool;
  let clock: TestClock;

  async function useSink(options: SmtpSinkOptions = {}) {
    await pool?.close();
    await sink?.close();
    sink = await startSmtpSink(options);
    pool = new SmtpPool({ url: sink.url, size: 2, log: silentLogger() });
  }

  function send(
    policy = {},
    request: Parameters<typeof runDigests>[1] = { mode: 'period', selection: { frequency: 'daily' } },
  ) {
    return runDigests(digestDeps(t, clock, policy), request, { pool });
  }

  async function outbox() {
    return t.db.selectFrom('digest_outbox').selectAll().orderBy('id').execute();
  }

  before(async () => {
    t = await createTestDatabase(dialect);
    await loadSampleDays(t, ['2026-08-20', '2026-08-21']);
    // A paper with formulas on Friday's board, so the digest's TeX handling shows.
    await loadRecords(t, [
      boardRecord({
        arxivId: '2608.99001',
        title: '$\\Psi$-Agents: planning in $\\mathbb{R}^n$ with $O(n\\log n)$ memory',
        abstract: 'An agent with $\\frac{1}{\\sqrt{d}}$ scaling reaches 72.6\\% on $\\alpha$-tasks.',
        community: { upvotes: 500, numComments: 0 },
        board: { date: '2026-08-21', submittedBy: 'ada', submittedAt: '2026-08-21T09:00:00Z' },
      }),
    ]);
  });
  after(async () => {
    await pool?.close();
    await sink?.close();
    await t.destroy();
  });
  beforeEach(async () => {
    clock = new TestClock(new Date(FRIDAY));
    await t.db.deleteFrom('digest_outbox').execute();
    await t.db.deleteFrom('digest_runs').execute();
    await t.db.deleteFrom('subscribers').execute();
    await useSink();
  });

  it('sends each subscriber one digest: headers, both bodies, links, topics, exclusions, formulas as text, one-click unsubscribe', async () => {
    const topical = await confirmedSubscriber(t, 'ada@example.org', {
      topics: { queries: ['agent'], exclude: ['benchmark'] },
    });
    await confirmedSubscriber(t, 'alan@example.org', { maxPapers: 5 });
    const result = await send();
    assert.deepEqual(
      {
        enqueued: result.enqueued,
        composed: result.composed,
        sent: result.sent,
        skipped: result.skippedEmpty,
      },
      { enqueued: 2, composed: 2, sent: 2, skipped: 0 },
    );
    const received = await sink.waitFor(2);
    const ada = received.find((r) => r.to[0] === 'ada@example.org')?.mail;
    assert.ok(ada, 'ada got a digest');
    const rows = await outbox();
    const adaRow = rows.find((r) => r.subscriber_id === topical.id);
    assert.equal(adaRow?.state, 'sent');

    assert.deepEqual(ada.from?.value, [{ address: 'digest@paperboard.test', name: 'Paperboard' }]);
    assert.equal(ada.messageId, `<digest.${adaRow?.id}.daily-2026-08-21@paperboard.test>`);
    assert.equal(ada.date?.toISOString(), FRIDAY);
    assert.match(ada.subject ?? '', /^Paperboard daily digest: 5 on your topics, 5 trending \(21 Aug\)$/);
    const unsubscribeHeader = rawHeader(ada, 'List-Unsubscribe') ?? '';
    const [https, mailto] = unsubscribeHeader.split(/,\s*/);
    assert.match(
      https ?? '',
      new RegExp(`^<http://paperboard\\.test/subscription/${topical.id}/[\\w-]{32}/unsubscribe>$`),
    );
    assert.match(
      mailto ?? '',
      new RegExp(`^<mailto:digest@paperboard\\.test\\?subject=unsubscribe%20${topical.id}-[\\w-]{32}>$`),
    );
    assert.equal(rawHeader(ada, 'List-Unsubscribe-Post'), 'List-Unsubscribe=One-Click');
    assert.equal(rawHeader(ada, 'Auto-Submitted'), 'auto-generated');

    const html = String(ada.html);
    const text = ada.text ?? '';
    // Both bodies list the same papers in the same order, linking to their pages here.
    const fromHtml = [...new Set(paperLinks(html))];
    assert.equal(fromHtml.length, 10);
    assert.deepEqual([...new Set(paperLinks(text))], fromHtml);
    assert.deepEqual(JSON.parse(adaRow?.paper_ids ?? '[]').length, 10);
    // The formula paper is first (most upvoted agent paper) and reads as text in both bodies.
    assert.equal(fromHtml[0], '2608.99001');
    for (const body of [html, text]) {
      assert.ok(body.includes('Ψ-Agents: planning in ℝⁿ with O(n log n) memory'), body.slice(0, 400));
      assert.doesNotMatch(body, /\$\\|\\frac|\\mathbb/);
    }
    assert.ok(text.includes('1/√d scaling reaches 72.6% on α-tasks.'), text.slice(0, 800));
    // Topic papers mention the saved search, none the excluded keyword.
    const topicSection = text.slice(text.indexOf('ON YOUR TOPICS'), text.indexOf('ALSO TRENDING'));
    assert.equal((topicSection.match(/Matches agent/g) ?? []).length, 5);
    assert.doesNotMatch(topicSection, /benchmark/i);
    // Footer links: preferences and unsubscribe, in both bodies.
    assert.ok(html.includes(`/subscription/${topical.id}/`), 'preferences link in the HTML');
    assert.match(
      text,
      new RegExp(`Unsubscribe: http://paperboard\\.test/subscription/${topical.id}/[\\w-]{32}/unsubscribe`),
    );

    // The one-click unsubscribe (RFC 8058) a mail client sends to the header's https link: a bare
    // form POST from elsewhere, no cookies, no Origin.
    const oneClick = new URL((https ?? '').slice(1, -1));
    const response = await appFor(t).request(oneClick.pathname, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    assert.equal(response.status, 200);
    assert.equal((await getSubscriber(t.db, topical.id))?.status, 'unsubscribed');

    const alan = received.find((r) => r.to[0] === 'alan@example.org')?.mail;
    assert.match(alan?.subject ?? '', /: 5 trending \(21 Aug\)$/);

    const [run] = await t.db.selectFrom('digest_runs').selectAll().execute();
    assert.deepEqual(
      [run?.enqueued, run?.composed, run?.sent, run?.skipped_empty, run?.is_dry_run],
      [2, 2, 2, 0, 0],
    );
    assert.ok(run?.finished_at, 'the run is finished');
  });

  it('one digest per period however often it runs, and no paper twice across digests', async () => {
    const alan = await confirmedSubscriber(t, 'alan@example.org', { maxPapers: 8 });
    await send();
    const again = await send();
    assert.deepEqual([again.enqueued, again.sent], [0, 0]);
    await sink.waitFor(1);
    assert.equal(sink.received.length, 1);
    // Monday's digest covers Friday to Monday: Friday's papers that Friday's digest showed stay out.
    clock.set('2026-08-24T12:00:00.000Z');
    const monday = await send();
    assert.equal(monday.sent, 1);
    const [friday, mondayMail] = (await sink.waitFor(2)).map((r) => paperLinks(r.mail.text ?? ''));
    assert.equal(friday?.length, 8);
    assert.ok((mondayMail?.length ?? 0) > 0);
    assert.deepEqual(
      mondayMail?.filter((id) => friday?.includes(id)),
      [],
    );
    const keys = (await outbox()).filter((r) => r.subscriber_id === alan.id).map((r) => r.period_key);
    assert.deepEqual(keys, ['daily:2026-08-21', 'daily:2026-08-24']);
  });

  it('a dry run composes and counts, and sends and enqueues nothing', async () => {
    await confirmedSubscriber(t, 'dry@example.org', { topics: { queries: ['agent'] } });
    await confirmedSubscriber(t, 'empty@example.org', {
      includeTrending: false,
      topics: { queries: ['xylophone'] },
    });
    const result = await runDigests(
      digestDeps(t, clock),
      { mode: 'period', selection: { frequency: 'daily' } },
      { isDryRun: true },
    );
    assert.deepEqual([result.composed, result.skippedEmpty, result.enqueued, result.sent], [1, 1, 0, 0]);
    assert.deepEqual(await outbox(), []);
    const [run] = await t.db.selectFrom('digest_runs').selectAll().execute();
    assert.deepEqual([run?.is_dry_run, run?.composed, run?.skipped_empty], [1, 1, 1]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(sink.received.length, 0);
  });

  it('a digest with nothing new is not sent', async () => {
    await confirmedSubscriber(t, 'quiet@example.org', {
      includeTrending: false,
      topics: { queries: ['xylophone orchestration'] },
    });
    const result = await send();
    assert.deepEqual([result.composed, result.skippedEmpty, result.sent], [0, 1, 0]);
    assert.equal((await outbox())[0]?.state, 'skipped');
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(sink.received.length, 0);
  });

  it('a transient refusal (451) is retried after the backoff and then delivered once', async () => {
    await useSink({
      replyTo: (_to, attempt) => (attempt === 1 ? { code: 451, message: '4.3.0 try later' } : undefined),
    });
    await confirmedSubscriber(t, 'retry@example.org');
    const first = await send({ retryBaseMs: 60_000 });
    assert.deepEqual([first.sent, first.retried], [0, 1]);
    const [row] = await outbox();
    assert.equal(row?.state, 'pending');
    assert.equal(row?.next_attempt_at, '2026-08-21T12:01:00.000Z');
    assert.match(row?.last_error ?? '', /451|try later/);
    // Not yet due: nothing happens.
    clock.advance(30_000);
    assert.equal((await send({ retryBaseMs: 60_000 })).sent, 0);
    clock.advance(30_000);
    const second = await send({ retryBaseMs: 60_000 });
    assert.deepEqual([second.sent, second.enqueued], [1, 0]);
    await sink.waitFor(1);
    assert.equal(sink.received.length, 1);
    assert.deepEqual(sink.refused, [{ to: 'retry@example.org', code: 451 }]);
    const [done] = await outbox();
    assert.deepEqual([done?.state, done?.attempts], ['sent', 2]);
  });

  it('permanent refusals (550) mark the address bouncing after the limit, and it gets no more digests', async () => {
    await useSink({ replyTo: () => ({ code: 550, message: '5.1.1 no such user' }) });
    const bouncer = await confirmedSubscriber(t, 'gone@example.org');
    const policy = { bounceLimit: 2, retryBaseMs: 1000 };
    const first = await send(policy);
    assert.deepEqual([first.retried, first.bounced], [1, 0]);
    assert.equal((await getSubscriber(t.db, bouncer.id))?.bounceCount, 1);
    clock.advance(1000);
    const second = await send(policy);
    assert.deepEqual([second.retried, second.bounced], [0, 1]);
    const after = await getSubscriber(t.db, bouncer.id);
    assert.deepEqual([after?.status, after?.nextDueAt], ['bouncing', null]);
    assert.equal((await outbox())[0]?.state, 'bounced');
    clock.set('2026-08-24T12:00:00.000Z');
    const monday = await send(policy);
    assert.equal(monday.enqueued, 0);
    assert.equal(sink.received.length, 0);
    assert.equal(sink.refused.length, 2);
  });

  it('gives a digest up after the maximum transient attempts', async () => {
    await useSink({ replyTo: () => ({ code: 421, message: '4.7.0 closing' }) });
    await confirmedSubscriber(t, 'flaky@example.org');
    assert.equal((await send({ maxAttempts: 2, retryBaseMs: 1000 })).retried, 1);
    clock.advance(1000);
    const last = await send({ maxAttempts: 2, retryBaseMs: 1000 });
    assert.equal(last.failed, 1);
    const [row] = await outbox();
    assert.deepEqual([row?.state, row?.attempts], ['failed', 2]);
  });

  it('after a sender died: a digest it had not finished goes out, one it stopped at the very end goes out again with the same Message-ID, a finished one does not', async () => {
    const claimedOnly = await confirmedSubscriber(t, 'claimed@example.org');
    const atTheDot = await confirmedSubscriber(t, 'uncertain@example.org');
    const finished = await confirmedSubscriber(t, 'finished@example.org');
    await insertDigests(
      t.db,
      [claimedOnly, atTheDot, finished].map((s) => ({ subscriberId: s.id, period: FRIDAY_PERIOD })),
      clock.now(),
    );
    // The dead sender claimed all three; it died writing one dot, and had finished another.
    const claims = await claimDigests(t, {
      token: 'dead-sender',
      limit: 10,
      leaseMs: 60_000,
      now: clock.now(),
    });
    const commit = (subscriberId: number, writeDot: () => void) => {
      const claim = claims.find((c) => c.subscriberId === subscriberId);
      assert.ok(claim);
      const messageId = `<digest.${claim.id}.daily-2026-08-21@paperboard.test>`;
      return commitDigest(
        t,
        {
          id: claim.id,
          claimToken: 'dead-sender',
          messageId,
          paperIds: [1],
          now: clock.now(),
          leaseMs: 60_000,
        },
        writeDot,
      );
    };
    await assert.rejects(
      commit(atTheDot.id, () => {
        throw new Error('killed at the dot');
      }),
    );
    let dots = 0;
    assert.equal(await commit(finished.id, () => dots++), true);
    assert.equal(dots, 1);
    const states = async () =>
      Object.fromEntries((await outbox()).map((r) => [r.subscriber_id, r.state] as const));
    assert.deepEqual(await states(), {
      [claimedOnly.id]: 'claimed',
      [atTheDot.id]: 'committing',
      [finished.id]: 'sent',
    });
    // While their lease holds, nobody else touches them.
    const early = await send();
    assert.deepEqual([early.sent, early.uncertain], [0, 0]);
    clock.advance(60_001);
    const later = await send();
    assert.deepEqual([later.sent, later.uncertain], [2, 1]);
    await sink.waitFor(2);
    assert.deepEqual(sink.received.map((r) => r.to[0]).sort(), [
      'claimed@example.org',
      'uncertain@example.org',
    ]);
    const resent = sink.received.find((r) => r.to[0] === 'uncertain@example.org')?.mail;
    const uncertainRow = (await outbox()).find((r) => r.subscriber_id === atTheDot.id);
    assert.equal(resent?.messageId, `<digest.${uncertainRow?.id}.daily-2026-08-21@paperboard.test>`);
    assert.deepEqual(await states(), {
      [claimedOnly.id]: 'sent',
      [atTheDot.id]: 'sent',
      [finished.id]: 'sent',
    });
  });

  it('a sender that dies in the middle of a group of marks: dots that went out are sent or sent again with their Message-ID, none twice in a mailbox, none lost', async () => {
    const readers: Subscriber[] = [];
    for (let i = 0; i < 6; i++) readers.push(await confirmedSubscriber(t, `group${i}@example.org`));
    await insertDigests(
      t.db,
      readers.map((s) => ({ subscriberId: s.id, period: FRIDAY_PERIOD })),
      clock.now(),
    );
    const claims = await claimDigests(t, {
      token: 'dead-sender',
      limit: 10,
      leaseMs: 60_000,
      now: clock.now(),
    });
    const claimOf = (i: number) => {
      const claim = claims.find((c) => c.subscriberId === readers[i]?.id);
      assert.ok(claim);
      return claim;
    };
    // Reader 4's claim lapsed and another sender holds it now.
    await t.db
      .updateTable('digest_outbox')
      .set({ claim_token: 'other-sender' })
      .where('id', '=', claimOf(4).id)
      .execute();
    let statements = 0;
    const counted = t.postgres
      ? {
          ...t,
          postgres: new Proxy(t.postgres, {
            get: (pool, name) =>
              name === 'query'
                ? (...args: Parameters<typeof pool.query>) => {
                    statements++;
                    return (pool.query as (...a: unknown[]) => unknown).apply(pool, args);
                  }
                : Reflect.get(pool, name),
          }),
        }
      : t;
    const marks = new DotMarks(counted, { claimToken: 'dead-sender', leaseMs: 60_000, now: clock.now });
    const dots: number[] = [];
    // All six reach their dot at once; the sender dies writing the dots of readers 2 and 3.
    const outcomes = await Promise.allSettled(
      readers.map((_, i) =>
        marks.markAroundDot(
          {
            id: claimOf(i).id,
            messageId: `<digest.${claimOf(i).id}.daily-2026-08-21@paperboard.test>`,
            paperIds: [1],
          },
          () => {
            if (i === 2 || i === 3) throw new Error('killed at the dot');
            dots.push(i);
          },
        ),
      ),
    );
    assert.deepEqual(
      outcomes.map((o) => (o.status === 'fulfilled' ? o.value : 'died')),
      [true, true, 'died', 'died', false, true],
    );
    assert.deepEqual(dots.sort(), [0, 1, 5], 'no dot for a claim another sender holds');
    // PostgreSQL: one statement marks the whole group committing, one marks it sent.
    if (t.postgres) assert.equal(statements, 2);
    const states = async () => {
      const rows = await outbox();
      return readers.map((r) => rows.find((row) => row.subscriber_id === r.id)?.state);
    };
    assert.deepEqual(await states(), ['sent', 'sent', 'committing', 'committing', 'claimed', 'sent']);

    clock.advance(60_001);
    const later = await send();
    // 2 and 3 again (their dots may have reached the server), 4 from the lapsed claim; 0, 1, 5 never.
    assert.deepEqual([later.sent, later.uncertain], [3, 2]);
    await sink.waitFor(3);
    assert.deepEqual(sink.received.map((r) => r.to[0]).sort(), [
      'group2@example.org',
      'group3@example.org',
      'group4@example.org',
    ]);
    for (const i of [2, 3]) {
      const mail = sink.received.find((r) => r.to[0] === `group${i}@example.org`)?.mail;
      assert.equal(mail?.messageId, `<digest.${claimOf(i).id}.daily-2026-08-21@paperboard.test>`);
    }
    assert.deepEqual(
      await states(),
      readers.map(() => 'sent'),
    );
  });

  it('a group whose marking statement fails writes no dot, and its digests go out later, once each', async () => {
    const readers: Subscriber[] = [];
    for (let i = 0; i < 4; i++) readers.push(await confirmedSubscriber(t, `failing${i}@example.org`));
    await insertDigests(
      t.db,
      readers.map((s) => ({ subscriberId: s.id, period: FRIDAY_PERIOD })),
      clock.now(),
    );
    const claims = await claimDigests(t, { token: 'unlucky', limit: 10, leaseMs: 60_000, now: clock.now() });
    // The connection breaks under the marks: PostgreSQL's group statement, SQLite's update.
    const broken = t.postgres
      ? { ...t, postgres: { query: () => Promise.reject(new Error('connection terminated')) } as never }
      : {
          ...t,
          sqlite: {
            inTransaction: false,
            prepare: () => ({
              run: () => {
                throw new Error('disk I/O error');
              },
            }),
          } as never,
        };
    const marks = new DotMarks(broken, { claimToken: 'unlucky', leaseMs: 60_000, now: clock.now });
    let dots = 0;
    const outcomes = await Promise.allSettled(
      claims.map((claim) =>
        marks.markAroundDot({ id: claim.id, messageId: '<m@x>', paperIds: [] }, () => dots++),
      ),
    );
    assert.deepEqual(
      outcomes.map((o) => o.status),
      claims.map(() => 'rejected'),
    );
    assert.equal(dots, 0);
    assert.ok((await outbox()).every((r) => r.state === 'claimed'));
    clock.advance(60_001);
    const later = await send();
    assert.deepEqual([later.sent, later.uncertain], [4, 0]);
    await sink.waitFor(4);
    assert.deepEqual(sink.received.map((r) => r.to[0]).sort(), readers.map((r) => r.email).sort());
  });

  it('a server that refuses our sender address stops the run; nobody is counted as bouncing, nothing is used up', async () => {
    await useSink({ refuseSender: { code: 550, message: '5.7.1 sender rejected' } });
    const readers = [];
    for (const name of ['one', 'two', 'three', 'four', 'five'])
      readers.push(await confirmedSubscriber(t, `${name}@example.org`));
    const result = await send({ bounceLimit: 1, retryBaseMs: 60_000 });
    assert.deepEqual([result.sent, result.bounced, result.failed, result.retried], [0, 0, 0, 0]);
    const rows = await outbox();
    assert.deepEqual(
      rows.map((r) => [r.state, r.attempts, r.next_attempt_at]),
      rows.map(() => ['pending', 0, '2026-08-21T12:01:00.000Z']),
    );
    for (const reader of readers) assert.equal((await getSubscriber(t.db, reader.id))?.status, 'active');
  });

  it('a stopping run finishes the digests on the wire and hands the queued ones back untried', async () => {
    await useSink({ delayMs: 40 });
    for (let i = 0; i < 12; i++) await confirmedSubscriber(t, `queued${i}@example.org`);
    const controller = new AbortController();
    const slowPool = new SmtpPool({ url: sink.url, size: 1, log: silentLogger() });
    const running = runDigests(
      digestDeps(t, clock),
      { mode: 'period', selection: { frequency: 'daily' } },
      { pool: slowPool, signal: controller.signal },
    );
    await sink.waitFor(1, 5000);
    controller.abort();
    const result = await running;
    await slowPool.close();
    const rows = await outbox();
    const sent = rows.filter((r) => r.state === 'sent');
    const waiting = rows.filter((r) => r.state === 'pending');
    assert.equal(sent.length, result.sent);
    assert.ok(result.sent >= 1 && result.sent < 12, `sent ${result.sent}`);
    assert.equal(sent.length + waiting.length, 12, JSON.stringify(rows.map((r) => r.state)));
    assert.ok(
      waiting.every((r) => r.attempts === 0 && r.next_attempt_at <= FRIDAY && r.claim_token === null),
    );
  });

  it('a digest whose end is never confirmed is given up after the maximum attempts', async () => {
    const reader = await confirmedSubscriber(t, 'unconfirmed@example.org');
    await insertDigests(t.db, [{ subscriberId: reader.id, period: FRIDAY_PERIOD }], clock.now());
    await t.db
      .updateTable('digest_outbox')
      .set({ state: 'committing', attempts: 3, lease_until: FRIDAY })
      .execute();
    clock.advance(1);
    const result = await send({ maxAttempts: 3 });
    assert.deepEqual([result.failed, result.uncertain, result.sent], [1, 0, 0]);
    assert.equal((await outbox())[0]?.state, 'failed');
  });

  it('a sender whose claim lapsed cannot commit a digest another sender has claimed since', async () => {
    const s = await confirmedSubscriber(t, 'race@example.org');
    const period = FRIDAY_PERIOD;
    await insertDigests(t.db, [{ subscriberId: s.id, period }], clock.now());
    const [slow] = await claimDigests(t, { token: 'slow', limit: 1, leaseMs: 1000, now: clock.now() });
    clock.advance(1001);
    const [fast] = await claimDigests(t, { token: 'fast', limit: 1, leaseMs: 1000, now: clock.now() });
    assert.equal(fast?.id, slow?.id);
    let dots = 0;
    const commit = (token: string) =>
      commitDigest(
        t,
        {
          id: slow?.id ?? 0,
          claimToken: token,
          messageId: '<m@x>',
          paperIds: [],
          now: clock.now(),
          leaseMs: 1000,
        },
        () => dots++,
      );
    assert.equal(await commit('slow'), false);
    assert.equal(dots, 0, 'no dot for a claim another sender holds');
    assert.equal(await commit('fast'), true);
    assert.equal(dots, 1);
  });

  it('three runs at once send each subscriber exactly one digest', async () => {
    const emails = Array.from({ length: 30 }, (_, i) => `reader${i}@example.org`);
    for (const email of emails) await confirmedSubscriber(t, email, { maxPapers: 3 });
    const pools = [1, 2, 3].map(() => new SmtpPool({ url: sink.url, size: 2, log: silentLogger() }));
    const results = await Promise.all(
      pools.map((p) =>
        runDigests(digestDeps(t, clock), { mode: 'period', selection: { frequency: 'daily' } }, { pool: p }),
      ),
    );
    await Promise.all(pools.map((p) => p.close()));
    assert.equal(
      results.reduce((n, r) => n + r.sent, 0),
      30,
    );
    await sink.waitFor(30);
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.deepEqual(sink.received.map((r) => r.to[0]).sort(), [...emails].sort());
  });

  it('the recurring job enqueues a digest when the subscriber’s local send time comes, once', async () => {
    const berlin = await confirmedSubscriber(
      t,
      'berlin@example.org',
      { timeZone: 'Europe/Berlin', sendHour: 8 },
      new Date('2026-08-20T12:00:00Z'),
    );
    assert.equal(berlin.nextDueAt, '2026-08-21T06:00:00.000Z');
    clock.set('2026-08-21T05:59:00.000Z');
    assert.equal(await enqueueDueDigests(t, clock.now()), 0);
    clock.set('2026-08-21T06:00:00.000Z');
    assert.equal(await enqueueDueDigests(t, clock.now()), 1);
    assert.equal(await enqueueDueDigests(t, clock.now()), 0);
    // Friday's digest is out of the way; the next is Monday 08:00 Berlin.
    assert.equal((await getSubscriber(t.db, berlin.id))?.nextDueAt, '2026-08-24T06:00:00.000Z');
    const result = await send({}, { mode: 'due' });
    assert.equal(result.sent, 1);
    // After two weeks of downtime, only the latest missed digest goes out.
    clock.set('2026-09-07T09:00:00.000Z');
    assert.equal(await enqueueDueDigests(t, clock.now()), 1);
    const keys = (await outbox()).map((r) => r.period_key);
    assert.deepEqual(keys, ['daily:2026-08-21', 'daily:2026-09-07']);
  });

  it('an unsubscribed reader’s waiting digest is cancelled, not sent', async () => {
    const leaver = await confirmedSubscriber(t, 'leaver@example.org');
    const period = FRIDAY_PERIOD;
    await insertDigests(t.db, [{ subscriberId: leaver.id, period }], clock.now());
    await unsubscribe(t.db, leaver.id, clock.now());
    const result = await send({}, { mode: 'due' });
    assert.equal(result.sent, 0);
    assert.equal((await outbox())[0]?.state, 'cancelled');
  });
});
