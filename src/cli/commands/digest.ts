// `paperboard digest send|preview|unsubscribe|status`: the digest job by hand (cron, catching up, a
// test send to one address), a preview of one subscriber's digest as HTML, processing an emailed
// unsubscribe request, and what recent runs did. `serve` runs the same sending as a recurring job.

import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { normaliseEmail } from '../../accounts/email-address.js';
import type { Config } from '../../config/config.js';
import { assertSchemaCurrent } from '../../db/migrate.js';
import { type DigestRunResult, digestIdentity, digestPolicy, runDigests } from '../../digest/digest-run.js';
import { previewDigest } from '../../digest/preview.js';
import { SmtpPool } from '../../mail/smtp-pool.js';
import { parseDay } from '../../model/board-period.js';
import { countOutboxByState, nextRetryAt } from '../../store/digest-outbox.js';
import { listRecentRuns } from '../../store/digest-runs.js';
import { findSubscriberByEmail, unsubscribe } from '../../store/subscribers.js';
import { type CommandContext, createContext } from '../context.js';
import { configFrom } from '../program.js';
import { createProgressBar } from '../progress.js';
import { waitForShutdownSignal } from '../shutdown.js';

interface SendFlags {
  period: 'daily' | 'weekly';
  date?: string;
  to?: string;
  dryRun?: boolean;
}

function requireDay(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  if (!parseDay(text)) throw new Error(`--date must be a calendar date (YYYY-MM-DD), not "${text}"`);
  return text;
}

function requireEmail(text: string): string {
  const email = normaliseEmail(text);
  if (!email) throw new Error(`"${text}" is not an email address`);
  return email;
}

async function withContext<T>(program: Command, work: (ctx: CommandContext) => Promise<T>): Promise<T> {
  const ctx = createContext(configFrom(program));
  try {
    await assertSchemaCurrent(ctx.database.db, ctx.database.dialect);
    return await work(ctx);
  } finally {
    ctx.mailer.close();
    await ctx.database.close();
  }
}

export function createDigestPool(config: Config, log: CommandContext['log']): SmtpPool {
  return new SmtpPool({ url: config.smtpUrl, size: config.digestConnections, log });
}

function summarise(result: DigestRunResult, isDryRun: boolean): string {
  if (isDryRun)
    return `dry run: ${result.composed} digests would be sent, ${result.skippedEmpty} have nothing new`;
  return [
    `enqueued ${result.enqueued}`,
    `sent ${result.sent}`,
    `skipped ${result.skippedEmpty} with nothing new`,
    `retrying ${result.retried}`,
    `bounced ${result.bounced}`,
    `failed ${result.failed}`,
    `uncertain (sent again) ${result.uncertain}`,
  ].join(', ');
}

async function send(program: Command, flags: SendFlags): Promise<void> {
  const day = requireDay(flags.date);
  const email = flags.to === undefined ? undefined : requireEmail(flags.to);
  await withContext(program, async (ctx) => {
    const isDryRun = flags.dryRun ?? false;
    if (!isDryRun && ctx.config.smtpUrl === '') {
      throw new Error('digest send needs an SMTP server: set SMTP_URL (or look with --dry-run)');
    }
    if (email && !(await findSubscriberByEmail(ctx.database.db, email))) {
      throw new Error(`${email} is not a subscriber`);
    }
    const pool = isDryRun ? undefined : createDigestPool(ctx.config, ctx.log);
    const controller = new AbortController();
    // The first SIGTERM/SIGINT stops claiming; digests already on the wire finish.
    void waitForShutdownSignal().then((signal) => {
      ctx.log.info({ signal }, 'stopping the digest run after the digests in flight');
      controller.abort();
    });
    let bar: ReturnType<typeof createProgressBar> | undefined;
    try {
      const result = await runDigests(
        {
          database: ctx.database,
          log: ctx.log,
          now: ctx.now,
          identity: digestIdentity(ctx.config),
          policy: digestPolicy(ctx.config),
        },
        {
          mode: 'period',
          selection: { frequency: flags.period, ...(email ? { email } : {}) },
          ...(day ? { day } : {}),
        },
        {
          isDryRun,
          signal: controller.signal,
          ...(pool ? { pool } : {}),
          onStart: (due) => {
            bar = createProgressBar(due, 'digests');
          },
          onProgress: (counts) => {
            const done = counts.sent + counts.skippedEmpty + counts.retried + counts.bounced + counts.failed;
            bar?.update(done, { records: done });
          },
        },
      );
      bar?.stop();
      const retry = isDryRun ? undefined : await nextRetryAt(ctx.database.db);
      process.stderr.write(`${summarise(result, isDryRun)}${retry ? `; next retry at ${retry}` : ''}\n`);
    } finally {
      bar?.stop();
      await pool?.close();
    }
  });
}

async function preview(
  program: Command,
  flags: { email: string; date?: string; out?: string; text?: boolean },
) {
  const email = requireEmail(flags.email);
  const day = requireDay(flags.date);
  await withContext(program, async (ctx) => {
    const preview = await previewDigest(ctx.database, digestIdentity(ctx.config), {
      email,
      now: ctx.now(),
      ...(day ? { day } : {}),
    });
    if (preview.kind === 'not_subscribed') throw new Error(`${email} is not a subscriber`);
    const { period, digest } = preview;
    if (!digest) {
      process.stderr.write(
        `nothing new for ${email} on the board from ${period.windowFrom} to ${period.windowTo}: no digest would be sent\n`,
      );
      return;
    }
    const path = resolve(
      flags.out ?? `digest-preview-${preview.subscriber.id}.${flags.text ? 'txt' : 'html'}`,
    );
    await writeFile(path, flags.text ? digest.rendered.text : digest.rendered.html);
    process.stderr.write(`${digest.rendered.subject}\nwritten to ${path}\n`);
  });
}

async function unsubscribeAddress(program: Command, address: string): Promise<void> {
  const email = requireEmail(address);
  await withContext(program, async (ctx) => {
    const subscriber = await findSubscriberByEmail(ctx.database.db, email);
    if (!subscriber) throw new Error(`${email} is not a subscriber`);
    const changed = await unsubscribe(ctx.database.db, subscriber.id, ctx.now());
    ctx.log.info(
      { subscriber_id: subscriber.id, changed },
      changed ? 'unsubscribed' : 'already unsubscribed',
    );
  });
}

async function status(program: Command): Promise<void> {
  await withContext(program, async (ctx) => {
    const week = new Date(ctx.now().getTime() - 7 * 86_400_000);
    const [runs, states, retry] = await Promise.all([
      listRecentRuns(ctx.database.db, 10),
      countOutboxByState(ctx.database.db, week),
      nextRetryAt(ctx.database.db),
    ]);
    process.stdout.write(
      `${JSON.stringify({ outbox_last_7_days: states, next_retry_at: retry ?? null, runs }, null, 2)}\n`,
    );
  });
}

export function registerDigestCommand(program: Command): void {
  const digest = program.command('digest').description('email digests: send, preview, unsubscribe, status');
  digest
    .command('send')
    .description(
      "send the current period's digest to every active subscriber of a frequency (each gets one per period, however often this runs)",
    )
    .requiredOption('--period <period>', 'daily or weekly subscribers')
    .option(
      '--date <YYYY-MM-DD>',
      "the digest of this day instead of today's (each subscriber's send hour that day)",
    )
    .option('--to <email>', 'only this subscriber')
    .option('--dry-run', 'compose and count, send and record nothing')
    .action((flags: SendFlags) => {
      if (flags.period !== 'daily' && flags.period !== 'weekly') {
        throw new Error(`--period must be daily or weekly, not "${flags.period}"`);
      }
      return send(program, flags);
    });
  digest
    .command('preview')
    .description("write a subscriber's digest as it would be sent now, without sending it")
    .requiredOption('--email <email>', "the subscriber's address")
    .option('--date <YYYY-MM-DD>', 'as it would be sent on this day')
    .option('--out <file>', 'where to write it (default: digest-preview-<id>.html)')
    .option('--text', 'the plain-text alternative instead of the HTML')
    .action((flags: { email: string; date?: string; out?: string; text?: boolean }) =>
      preview(program, flags),
    );
  digest
    .command('unsubscribe')
    .description('unsubscribe an address (for requests sent to the List-Unsubscribe mailto address)')
    .argument('<email>', "the subscriber's address")
    .action((email: string) => unsubscribeAddress(program, email));
  digest
    .command('status')
    .description('recent digest runs and the outbox of the last 7 days, as JSON')
    .action(() => status(program));
}
