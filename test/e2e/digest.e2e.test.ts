// End to end: a visitor in Tokyo subscribes to the digest from the footer of the board (app.js puts
// the browser's time zone in the form), confirms through the link the real binary emails (received
// by an SMTP server in this process), lands on the preferences page with Asia/Tokyo chosen, switches
// to a weekly digest, unsubscribes and resubscribes; then `paperboard digest send` mails them their
// digest, which chromium renders light, dark and without <style>. Screenshots go to test-results/e2e/.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  type BrowserSession,
  closeBrowserSession,
  openBrowserSession,
  SHOTS,
  screenshots,
  standInForThumbnails,
  watchProblems,
} from '../helpers/e2e-server.js';
import { repoRoot } from '../helpers/paths.js';
import { type SmtpSink, startSmtpSink } from '../helpers/smtp-sink.js';

describe('e2e: subscribe to the digest from the footer', () => {
  let sink: SmtpSink;
  let session: BrowserSession | undefined;
  before(
    async () => {
      sink = await startSmtpSink();
      session = await openBrowserSession({ SMTP_URL: sink.url, DIGEST_ENABLED: 'false' });
    },
    { timeout: 50_000 },
  );
  after(
    async () => {
      await closeBrowserSession(session);
      await sink.close();
    },
    { timeout: 40_000 },
  );

  it('subscribes in the browser’s time zone, confirms by the emailed link, changes preferences, unsubscribes', {
    timeout: 60_000,
  }, async () => {
    assert.ok(session);
    const context = await session.browser.newContext({
      baseURL: session.server.baseUrl,
      viewport: { width: 1280, height: 900 },
      timezoneId: 'Asia/Tokyo',
    });
    await standInForThumbnails(context);
    const page = await context.newPage();
    const problems = watchProblems(page);

    await page.goto('/');
    assert.equal(await page.locator('footer input[name="time_zone"]').inputValue(), 'Asia/Tokyo');
    await page.getByLabel('Trending papers in your inbox').fill('tokyo@example.org');
    await page.locator('footer').getByRole('button', { name: 'Get the digest' }).click();
    await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();

    const [mail] = await sink.waitFor(1, 10_000);
    const link = /(http:\/\/127\.0\.0\.1:\d+\/subscribe\/confirm\?token=[\w-]+)/.exec(
      mail?.mail.text ?? '',
    )?.[1];
    assert.ok(link, `no link in ${mail?.mail.text}`);
    await page.goto(link);
    await page.getByRole('button', { name: 'Confirm subscription' }).click();
    await page.getByText('You are subscribed.').waitFor();
    assert.equal(await page.getByLabel('Time zone').inputValue(), 'Asia/Tokyo');
    assert.match(
      (await page.locator('p', { hasText: 'Next digest' }).textContent()) ?? '',
      /08:00 \(Asia\/Tokyo\)/,
    );

    await page.getByLabel('Once a week').check();
    await page.getByLabel('Weekly digest on').selectOption({ label: 'Friday' });
    await page.getByLabel('arXiv categories').fill('cs.CL cs.LG');
    await page.getByRole('button', { name: 'Save preferences' }).click();
    await page.getByText('Your preferences are saved.').waitFor();
    assert.match(
      (await page.locator('p', { hasText: 'Next digest' }).textContent()) ?? '',
      /^Next digest: Friday /,
    );
    assert.equal(await page.getByLabel('arXiv categories').inputValue(), 'cs.CL, cs.LG');
    await screenshots(page, 'digest-preferences', { isFullPage: true });

    await page.getByRole('button', { name: 'Unsubscribe' }).click();
    await page.getByRole('heading', { name: 'You are unsubscribed' }).waitFor();
    await page.getByRole('button', { name: 'Resubscribe' }).click();
    await page.getByText('You are subscribed again').waitFor();
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('the digest the real binary sends reads well in chromium, light and dark, and with <style> stripped', {
    timeout: 60_000,
  }, async () => {
    assert.ok(session);
    const before = sink.received.length;
    // Asynchronously: the SMTP server answering it lives in this process.
    const child = spawn(
      process.execPath,
      [
        'bin/paperboard.js',
        'digest',
        'send',
        '--period',
        'weekly',
        '--date',
        '2026-08-21',
        '--to',
        'tokyo@example.org',
      ],
      {
        cwd: repoRoot,
        env: {
          ...process.env,
          SQLITE_PATH: join(session.server.dir, 'paperboard.db'),
          BASE_URL: session.server.baseUrl,
          SMTP_URL: sink.url,
          LOG_LEVEL: 'warn',
        },
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const status = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    const send = { status, stderr };
    assert.equal(send.status, 0, send.stderr);
    assert.match(send.stderr, /sent 1,/);
    const digest = (await sink.waitFor(before + 1, 10_000))[before]?.mail;
    assert.ok(digest);
    assert.match(digest.subject ?? '', /^Paperboard weekly digest: \d+ trending \(21 Aug\)$/);
    const html = String(digest.html);

    const page = await session.context.newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    const colors: Record<string, { background: string; title: string; text: string }> = {};
    for (const [variant, markup] of [
      ['light', html],
      ['dark', html],
      // Clients such as some webmails drop <style>: the inline styles alone must still read well.
      ['nostyle', html.replace(/<style>[\s\S]*?<\/style>/, '')],
    ] as const) {
      await page.emulateMedia({ colorScheme: variant === 'dark' ? 'dark' : 'light' });
      await page.setContent(markup);
      await page.screenshot({ path: join(SHOTS, `digest-email-${variant}.png`), fullPage: true });
      colors[variant] = (await page.evaluate(`(() => {
        const style = (selector) => getComputedStyle(document.querySelector(selector));
        return {
          background: style('.pb-card').backgroundColor,
          title: style('.pb-title').color,
          text: style('.pb-text').color,
        };
      })()`)) as { background: string; title: string; text: string };
    }
    assert.deepEqual(colors.light, {
      background: 'rgb(255, 255, 255)',
      title: 'rgb(29, 78, 216)',
      text: 'rgb(17, 24, 39)',
    });
    assert.deepEqual(colors.nostyle, colors.light);
    assert.deepEqual(colors.dark, {
      background: 'rgb(21, 25, 34)',
      title: 'rgb(147, 197, 253)',
      text: 'rgb(229, 231, 235)',
    });
    // Nothing to fetch (no images, fonts or scripts): it reads the same offline and leaks no opens.
    assert.deepEqual(requests, []);
    const links = await page
      .locator('a.pb-title')
      .evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href') ?? ''));
    assert.ok(links.length > 0);
    for (const link of links) assert.ok(link.startsWith(`${session.server.baseUrl}/papers/`), link);
    await page.close();
  });
});
