// End to end: a reader signs in through the link the real binary emails (received by an SMTP
// server in this process), upvotes a paper on the board without a reload, finds it on /trending
// with the vote counted, and signs out. Screenshots (light and dark) go to test-results/e2e/.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import {
  type BrowserSession,
  closeBrowserSession,
  openBrowserSession,
  SHOTS,
  watchProblems,
} from '../helpers/e2e-server.js';
import { type SmtpSink, startSmtpSink } from '../helpers/smtp-sink.js';

async function screenshots(page: Page, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: join(SHOTS, `${name}-${scheme}.png`), fullPage: false });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

describe('e2e: sign in by emailed link, upvote, trending', () => {
  let sink: SmtpSink;
  let session: BrowserSession | undefined;
  before(
    async () => {
      sink = await startSmtpSink();
      session = await openBrowserSession({ SMTP_URL: sink.url });
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

  it('signs in, upvotes without a reload, sees the vote on /trending, signs out', {
    timeout: 60_000,
  }, async () => {
    assert.ok(session);
    const page = await session.context.newPage();
    const problems = watchProblems(page);

    await page.goto('/');
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.getByLabel('Email address').fill('ada@example.org');
    await screenshots(page, 'signin');
    await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();

    const [mail] = await sink.waitFor(1, 10_000);
    const link = /(http:\/\/127\.0\.0\.1:\d+\/signin\/verify\?token=[\w-]+)/.exec(mail?.mail.text ?? '')?.[1];
    assert.ok(link, `no link in ${mail?.mail.text}`);
    await page.goto(link);
    await page.getByRole('button', { name: /Sign in to Paperboard/ }).click();
    await page.waitForURL((url) => url.pathname === '/');
    assert.equal(await page.locator('.account-name').textContent(), '@ada');

    const firstCard = page.locator('ol.paper-list article.paper-card').first();
    const title = (await firstCard.locator('.paper-title a').textContent())?.trim() ?? '';
    const button = firstCard.locator('button.vote-box');
    const before = Number(await button.locator('.count').textContent());
    assert.equal(await button.getAttribute('aria-pressed'), 'false');
    // A marker on the window survives only if the page is not reloaded.
    await page.evaluate(() => {
      (globalThis as unknown as { stayed: boolean }).stayed = true;
    });
    await button.click();
    await page.waitForFunction(
      (el) => el?.getAttribute('aria-pressed') === 'true',
      await button.elementHandle(),
    );
    assert.equal(Number(await button.locator('.count').textContent()), before + 1);
    assert.equal(await page.evaluate(() => (globalThis as unknown as { stayed?: boolean }).stayed), true);
    await screenshots(page, 'board-signed-in');

    await page.getByRole('link', { name: 'Trending' }).click();
    await page.getByRole('heading', { name: 'Trending papers' }).waitFor();
    const trendingCard = page.locator('article.paper-card', {
      has: page.locator('.paper-title a', { hasText: title }),
    });
    assert.equal(await trendingCard.locator('button.vote-box').getAttribute('aria-pressed'), 'true');
    assert.equal(Number(await trendingCard.locator('.count').textContent()), before + 1);
    await trendingCard.locator('.why-ranked summary').click();
    assert.match(
      (await trendingCard.locator('.why-ranked p').textContent()) ?? '',
      new RegExp(`${before + 1} upvotes`),
    );
    await screenshots(page, 'trending');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('link', { name: 'Sign in' }).waitFor();
    assert.deepEqual(problems, []);
  });
});
