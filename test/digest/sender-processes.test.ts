// The real binary's `digest send` as separate processes: killed with SIGKILL at random points and
// restarted, every subscriber still gets exactly one digest — one Message-ID in their mailbox, and a
// second copy on the wire only where the restarted sender reported a digest as uncertain (the kill
// fell between the marks around its dot); three senders at once against one database send each
// digest once, none missed. The SMTP server is in this process and reads what arrives.

import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { after, before, it } from 'node:test';
import { confirmedSubscriber, loadSampleDays } from '../helpers/digests.js';
import { childEnv, ensureBuilt } from '../helpers/e2e-server.js';
import { repoRoot } from '../helpers/paths.js';
import { type SmtpSink, startSmtpSink } from '../helpers/smtp-sink.js';
import { createTestDatabase, eachDialect, type TestDatabase } from '../helpers/test-db.js';

const SUBSCRIBERS = 40;
/** DIGEST_KILL_TRIALS raises it for a longer soak. */
const TRIALS = Number(process.env.DIGEST_KILL_TRIALS ?? 10);
const LEASE_SECONDS = 1;

interface Sender {
  child: ChildProcess;
  exit: Promise<number | null>;
  output(): string;
}

function startSender(t: TestDatabase, sink: SmtpSink): Sender {
  const child = spawn(
    process.execPath,
    ['bin/paperboard.js', 'digest', 'send', '--period', 'daily', '--date', '2026-08-21'],
    {
      cwd: repoRoot,
      env: childEnv({
        ...(t.dialect === 'sqlite' ? { SQLITE_PATH: t.url } : { DATABASE_URL: t.url }),
        SMTP_URL: sink.url,
        BASE_URL: 'http://paperboard.test',
        DIGEST_CONNECTIONS: '4',
        DIGEST_LEASE_SECONDS: String(LEASE_SECONDS),
        LOG_LEVEL: 'warn',
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exit, output: () => output };
}

/** The distinct Message-IDs each recipient got: what their mailbox shows (providers drop repeats). */
function perRecipient(sink: SmtpSink): Map<string, Set<string>> {
  const ids = new Map<string, Set<string>>();
  for (const { to, mail } of sink.received) {
    for (const address of to) ids.set(address, (ids.get(address) ?? new Set()).add(mail.messageId ?? ''));
  }
  return ids;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

eachDialect('digest sender processes', (dialect) => {
  let t: TestDatabase;
  const emails = Array.from(
    { length: SUBSCRIBERS },
    (_, i) => `reader${String(i).padStart(2, '0')}@example.org`,
  );

  before(async () => {
    ensureBuilt();
    t = await createTestDatabase(dialect);
    await loadSampleDays(t, ['2026-08-20', '2026-08-21']);
    for (const email of emails) await confirmedSubscriber(t, email, { maxPapers: 5 });
  });
  after(async () => {
    await t.destroy();
  });

  async function resetOutbox() {
    await t.db.deleteFrom('digest_outbox').execute();
    await t.db.deleteFrom('digest_runs').execute();
  }

  it(`SIGKILL at ${TRIALS} random points, then a restart: every subscriber gets exactly one digest`, async () => {
    const uncertain: number[] = [];
    const repeats: number[] = [];
    const killedAfter: number[] = [];
    for (let trial = 0; trial < TRIALS; trial++) {
      await resetOutbox();
      // Kill once the server has accepted k messages (k random), a random moment later; with
      // k = 0, at a random moment after start (startup, composing, the first transactions).
      const k = Math.floor(Math.random() * SUBSCRIBERS);
      let sender: Sender | undefined;
      const kill = () => setTimeout(() => sender?.child.kill('SIGKILL'), Math.random() * 15);
      // A server that takes a few milliseconds per message, like a real relay, spreads the run out.
      const sink = await startSmtpSink({
        delayMs: 3,
        onAccepted: (count) => {
          if (count === k && k > 0) kill();
        },
      });
      try {
        sender = startSender(t, sink);
        if (k === 0) setTimeout(() => sender?.child.kill('SIGKILL'), 200 + Math.random() * 800);
        await sender.exit;
        killedAfter.push(sink.acceptedCount());
        // Claims of the killed sender free themselves after the lease.
        await sleep(LEASE_SECONDS * 1000 + 100);
        const restart = startSender(t, sink);
        const code = await restart.exit;
        assert.equal(code, 0, restart.output());
        const reported = Number(/uncertain \(sent again\) (\d+)/.exec(restart.output())?.[1] ?? 0);
        uncertain.push(reported);
        const ids = perRecipient(sink);
        const wrong = emails
          .filter((e) => ids.get(e)?.size !== 1)
          .map((e) => `${e}: ${[...(ids.get(e) ?? [])]}`);
        assert.deepEqual(wrong, [], `trial ${trial} (killed after ${k} messages): ${restart.output()}`);
        const copies = sink.received.length - SUBSCRIBERS;
        repeats.push(copies);
        assert.ok(
          copies <= reported,
          `trial ${trial}: ${copies} repeated deliveries, ${reported} reported uncertain`,
        );
        const states = await t.db.selectFrom('digest_outbox').select('state').execute();
        assert.deepEqual(
          states.filter((s) => s.state !== 'sent'),
          [],
        );
      } finally {
        await sink.close();
      }
    }
    // Not an assertion of luck, a record of what the trials covered.
    console.log(
      `kill trials [${dialect}]: accepted before the kill ${killedAfter.join(', ')}; uncertain ${uncertain.join(', ')}; repeated deliveries ${repeats.join(', ')}`,
    );
  });

  it('three senders at once send each subscriber one digest, none missed', async () => {
    await resetOutbox();
    const sink = await startSmtpSink({ delayMs: 2 });
    try {
      const senders = [1, 2, 3].map(() => startSender(t, sink));
      const codes = await Promise.all(senders.map((s) => s.exit));
      assert.deepEqual(codes, [0, 0, 0], senders.map((s) => s.output()).join('\n'));
      const ids = perRecipient(sink);
      assert.deepEqual(
        emails.filter((e) => ids.get(e)?.size !== 1),
        [],
      );
      // No crash, so no copy either: exactly one delivery each on the wire.
      assert.equal(sink.received.length, SUBSCRIBERS);
      const sent = senders.map((s) => Number(/sent (\d+)/.exec(s.output())?.[1] ?? 0));
      assert.equal(
        sent.reduce((a, b) => a + b, 0),
        SUBSCRIBERS,
        `per sender: ${sent.join(', ')}`,
      );
    } finally {
      await sink.close();
    }
  });
});
