// End to end: a new reader signs in by emailed link, meets the "For you" cold start, saves three of
// the sample board's papers to a list, sees a For-you board whose cards say why ("Like … in your list
// …"), marks one "Not interested" and it is gone. Phone and desktop screenshots go to test-results/e2e/.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import {
  type BrowserSession,
  closeBrowserSession,
  openBrowserSession,
  screenshots,
} from '../helpers/e2e-server.js';
import { type SmtpSink, startSmtpSink } from '../helpers/smtp-sink.js';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

async function bothSizes(page: Page, name: string): Promise<void> {
  await page.setViewportSize(PHONE);
  await screenshots(page, `${name}-phone`);
  await page.setViewportSize(DESKTOP);
  await screenshots(page, `${name}-desktop`);
}

const cardTitles = (page: Page) =>
  page.locator('ol.paper-list article.paper-card .paper-title a').allTextContents();

describe('e2e: For you', () => {
  let sink: SmtpSink;
  let session: BrowserSession | undefined;
  before(
    async () => {
      sink = await startSmtpSink();
      session = await openBrowserSession({ SMTP_URL: sink.url });
    },
    { timeout: 50_000 },
  );
  after(async () => {
    await closeBrowserSession(session);
    await sink?.close();
  });

  it('a new reader saves three papers, sees For you with reasons, and "Not interested" removes a card', {
    timeout: 120_000,
  }, async () => {
    assert.ok(session);
    const page = await session.context.newPage();

    await page.goto('/signin');
    await page.locator('#signin-email').fill('reader@example.org');
    await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();
    const [mail] = await sink.waitFor(1, 10_000);
    const link = /(http:\/\/127\.0\.0\.1:\d+\/signin\/verify\?token=[\w-]+)/.exec(mail?.mail.text ?? '')?.[1];
    assert.ok(link, `no link in ${mail?.mail.text}`);
    await page.goto(link);
    await page.getByRole('button', { name: /Sign in to Paperboard/ }).click();
    await page.waitForURL((url) => url.pathname === '/');

    // The nav leads to the cold start.
    await page.getByRole('link', { name: 'For you' }).click();
    await page.getByRole('heading', { name: 'Tell us what you read' }).waitFor();
    await bothSizes(page, 'for-you-cold-start');

    // Save three of the latest board's papers to a new private list.
    await page.goto('/');
    const hrefs = (
      await page
        .locator('ol.paper-list .paper-title a')
        .evaluateAll((links) => links.slice(0, 3).map((a) => a.getAttribute('href') ?? ''))
    ).filter(Boolean);
    assert.equal(hrefs.length, 3);
    for (const [i, href] of hrefs.entries()) {
      await page.goto(href);
      await page.locator('.save-menu summary').click();
      if (i === 0) {
        await page.getByLabel('New list').fill('Agents to read');
        await page.getByRole('button', { name: 'Create and add' }).click();
      } else {
        await page.getByRole('button', { name: 'Add', exact: true }).click();
      }
      await page.locator('.save-menu.saved summary', { hasText: 'Saved in 1' }).waitFor();
    }

    await page.goto('/for-you');
    await page.getByRole('link', { name: 'Month', exact: true }).click();
    await page.locator('ol.paper-list article.paper-card').first().waitFor();
    const reasons = await page.locator('ol.paper-list .reasons li').allTextContents();
    assert.ok(reasons.length > 0, 'cards explain themselves');
    assert.ok(
      reasons.some((r) => /^Like .+ in your list Agents to read$/.test(r.trim())),
      `a reason names the list: ${reasons.slice(0, 3).join(' | ')}`,
    );
    await bothSizes(page, 'for-you-board');

    const before = await cardTitles(page);
    const first = page.locator('ol.paper-list article.paper-card').first();
    const gone = ((await first.locator('.paper-title a').textContent()) ?? '').trim();
    await first.getByRole('button', { name: 'Not interested' }).click();
    await page.getByRole('heading', { name: 'Your recent feedback' }).waitFor();
    const afterTitles = (await cardTitles(page)).map((t) => t.trim());
    assert.ok(!afterTitles.includes(gone), `${gone} is gone from the board`);
    assert.ok(afterTitles.length >= Math.min(before.length - 1, 1));
    // Undo lives under "Your recent feedback".
    assert.equal(await page.locator('.for-you-feedback li', { hasText: gone }).count(), 1);
    await screenshots(page, 'for-you-not-interested');

    // On the public board the same buttons answer without a reload.
    await page.goto('/');
    await page.evaluate(() => {
      (globalThis as unknown as { stayed: boolean }).stayed = true;
    });
    const card = page.locator('ol.paper-list article.paper-card').nth(4);
    await card.getByRole('button', { name: 'More like this' }).click();
    await card.getByRole('status').filter({ hasText: 'Noted: more like this in For you.' }).waitFor();
    assert.equal(await page.evaluate(() => (globalThis as unknown as { stayed?: boolean }).stayed), true);
    await bothSizes(page, 'board-with-feedback');
  });
});
