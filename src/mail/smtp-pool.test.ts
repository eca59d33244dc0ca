import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { type SmtpSink, startSmtpSink } from '../../test/helpers/smtp-sink.js';
import { silentLogger } from '../lib/logger.js';
import { SmtpPool } from './smtp-pool.js';

function rawMessage(to: string, subject: string): Buffer {
  return Buffer.from(
    [
      'From: Paperboard <digest@paperboard.test>',
      `To: ${to}`,
      `Subject: ${subject}`,
      'Message-ID: <test@paperboard.test>',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Hello.',
      '.a line that starts with a dot survives dot-stuffing',
      '',
    ].join('\r\n'),
  );
}

describe('SMTP pool', () => {
  const sinks: SmtpSink[] = [];
  const pools: SmtpPool[] = [];
  async function setUp(options: Parameters<typeof startSmtpSink>[0] = {}, size = 2) {
    const sink = await startSmtpSink(options);
    const pool = new SmtpPool({ url: sink.url, size, log: silentLogger() });
    sinks.push(sink);
    pools.push(pool);
    return { sink, pool };
  }
  after(async () => {
    for (const pool of pools) await pool.close();
    for (const sink of sinks) await sink.close();
  });

  it('delivers many messages over a few reused connections', async () => {
    const { sink, pool } = await setUp({}, 3);
    const outcomes = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        pool.send({
          from: 'digest@paperboard.test',
          to: `r${i}@example.org`,
          raw: rawMessage(`r${i}@example.org`, `n${i}`),
        }),
      ),
    );
    assert.ok(
      outcomes.every((o) => o.ok),
      JSON.stringify(outcomes.find((o) => !o.ok)),
    );
    await sink.waitFor(40);
    const subjects = new Set(sink.received.map((r) => r.mail.subject));
    assert.equal(subjects.size, 40);
    assert.match(sink.received[0]?.mail.text ?? '', /^\.a line that starts with a dot/m);
  });

  it('runs the commit step after the server took the envelope and before it has the message', async () => {
    const { sink, pool } = await setUp();
    let receivedAtCommit = -1;
    const outcome = await pool.send({
      from: 'digest@paperboard.test',
      to: 'gate@example.org',
      raw: rawMessage('gate@example.org', 'gated'),
      commit: async (writeDot) => {
        await new Promise((resolve) => setTimeout(resolve, 50));
        receivedAtCommit = sink.received.length;
        writeDot();
        return true;
      },
    });
    assert.equal(outcome.ok, true);
    assert.equal(receivedAtCommit, 0, 'the server must not have the message before the commit');
    await sink.waitFor(1);
  });

  it('an abandoned message never reaches the server, and the pool keeps working', async () => {
    const { sink, pool } = await setUp({}, 1);
    const abandoned = await pool.send({
      from: 'digest@paperboard.test',
      to: 'nope@example.org',
      raw: rawMessage('nope@example.org', 'abandoned'),
      commit: () => false,
    });
    assert.equal(abandoned.ok, false);
    assert.equal(!abandoned.ok && abandoned.kind, 'abandoned');
    const next = await pool.send({
      from: 'digest@paperboard.test',
      to: 'yes@example.org',
      raw: rawMessage('yes@example.org', 'after'),
    });
    assert.equal(next.ok, true);
    await sink.waitFor(1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.deepEqual(
      sink.received.map((r) => r.mail.subject),
      ['after'],
    );
  });

  it('tells transient (4xx) from permanent (5xx) refusals, with the server reply', async () => {
    const { pool } = await setUp({
      replyTo: (to) =>
        to.startsWith('soft')
          ? { code: 451, message: 'try again later' }
          : to.startsWith('hard')
            ? { code: 550, message: 'no such user' }
            : undefined,
    });
    const soft = await pool.send({
      from: 'd@paperboard.test',
      to: 'soft@example.org',
      raw: rawMessage('soft@example.org', 's'),
    });
    const hard = await pool.send({
      from: 'd@paperboard.test',
      to: 'hard@example.org',
      raw: rawMessage('hard@example.org', 'h'),
    });
    const fine = await pool.send({
      from: 'd@paperboard.test',
      to: 'fine@example.org',
      raw: rawMessage('fine@example.org', 'f'),
    });
    assert.deepEqual(
      [soft, hard].map((o) => (o.ok ? 'ok' : `${o.kind} ${o.responseCode} ${o.isInDoubt}`)),
      ['transient 451 false', 'permanent 550 false'],
    );
    assert.match(!hard.ok ? hard.message : '', /no such user/);
    assert.equal(fine.ok, true);
  });

  it('an unreachable server is a transient failure, not a crash', async () => {
    const pool = new SmtpPool({ url: 'smtp://127.0.0.1:1', size: 1, log: silentLogger() });
    const outcome = await pool.send({
      from: 'd@paperboard.test',
      to: 'x@example.org',
      raw: rawMessage('x@example.org', 'x'),
    });
    assert.equal(outcome.ok, false);
    assert.equal(!outcome.ok && outcome.kind, 'transient');
    assert.match(!outcome.ok ? outcome.message : '', /ECONNREFUSED|connect/i);
    await pool.close();
  });
});
