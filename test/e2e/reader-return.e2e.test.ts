// End to end, keyboard and no-JavaScript paths a reader takes (issue 12): an anonymous upvote sends
// them to sign in with the reason, and the emailed link brings them back to the card; upvoting by
// keyboard keeps the focus on the button, renames it and announces the result; without JavaScript
// a vote returns to the card, not the top of the page, and the weekly-day choice hides for daily
// digests. Screenshots go to test-results/e2e/.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  type BrowserSession,
  closeBrowserSession,
  openBrowserSession,
  screenshots,
  standInForThumbnails,
  watchProblems,
} from '../helpers/e2e-server.js';
import { type SmtpSink, startSmtpSink } from '../helpers/smtp-sink.js';

describe('e2e: sign-in keeps the reader’s place; keyboard and no-JS upvotes', () => {
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

  it('an anonymous keyboard upvote signs in and comes back to the card; the vote keeps the focus', {
    timeout: 60_000,
  }, async () => {
    assert.ok(session);
    const page = await session.context.newPage();
    const problems = watchProblems(page);
    await page.goto('/');
    const form = page.locator('ol.paper-list form.vote-form').nth(2);
    const anchor = (await form.getAttribute('id')) ?? '';
    assert.match(anchor, /^vote-/);
    await form.locator('button').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/signin');
    assert.equal(new URL(page.url()).searchParams.get('next'), `/#${anchor}`);
    await page.getByText('Sign in to upvote papers. You will come back to where you were.').waitFor();
    await screenshots(page, 'signin-with-reason');

    await page.locator('#signin-email').fill('keyboard@example.org');
    await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
    const [mail] = await sink.waitFor(1, 10_000);
    const link = /(http:\/\/127\.0\.0\.1:\d+\/signin\/verify\?token=[\w-]+)/.exec(mail?.mail.text ?? '')?.[1];
    assert.ok(link, `no link in ${mail?.mail.text}`);
    await page.goto(link);
    await page.getByRole('button', { name: /Sign in to Paperboard/ }).click();
    // A new account (the link signs up too) lands back on the card it meant to upvote.
    await page.waitForURL((url) => url.pathname === '/' && url.hash === `#${anchor}`);

    const button = page.locator(`#${anchor} button`);
    const status = page.locator(`#${anchor} [data-vote-status]`);
    const before = Number(await button.locator('.count').textContent());
    const words = (n: number) => `${n} upvote${n === 1 ? '' : 's'}`;
    assert.equal(await button.getAttribute('aria-label'), `Upvote, ${words(before)}`);
    await button.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      (el) => el?.getAttribute('data-voted') === 'true',
      await button.elementHandle(),
    );
    // The focused element's form, read in the page (no DOM types in this Node project).
    const focusedForm = () =>
      page.evaluate(() => {
        type Node = { closest(selector: string): { id: string } | null };
        const doc = (globalThis as unknown as { document: { activeElement: Node | null } }).document;
        return doc.activeElement?.closest('form')?.id ?? null;
      });
    assert.equal(await focusedForm(), anchor, 'the focus stays on the upvote button');
    assert.equal(await button.getAttribute('aria-label'), `Remove upvote, ${words(before + 1)}`);
    assert.equal(await button.getAttribute('title'), 'Remove your upvote');
    assert.equal(await button.getAttribute('aria-busy'), null);
    assert.equal(await status.textContent(), `Upvoted. ${words(before + 1)}.`);
    assert.equal(await status.getAttribute('role'), 'status');
    await screenshots(page, 'board-upvoted-by-keyboard');

    await page.keyboard.press('Space');
    await page.waitForFunction(
      (el) => el?.getAttribute('data-voted') === 'false',
      await button.elementHandle(),
    );
    assert.equal(await focusedForm(), anchor, 'still there after taking the vote back');
    assert.equal(await button.getAttribute('aria-label'), `Upvote, ${words(before)}`);
    assert.equal(await status.textContent(), `Upvote removed. ${words(before)}.`);
    // The anonymous vote's 403 is how the script learns to send the reader to sign in.
    assert.deepEqual(
      problems.filter((problem) => !/403.*\/vote$|\/vote\)$/.test(problem)),
      [],
    );
    await page.close();
  });

  it('without JavaScript a vote returns to its card, and the weekly day shows only for weekly digests', {
    timeout: 60_000,
  }, async () => {
    assert.ok(session);
    const noScript = await session.browser.newContext({
      baseURL: session.server.baseUrl,
      viewport: { width: 1280, height: 900 },
      javaScriptEnabled: false,
    });
    await standInForThumbnails(noScript);
    // Signed in as the reader of the test before (its session cookie).
    await noScript.addCookies(await session.context.cookies());
    const page = await noScript.newPage();
    await page.goto('/');
    const form = page.locator('ol.paper-list form.vote-form').nth(12);
    const anchor = (await form.getAttribute('id')) ?? '';
    await form.locator('button').click();
    await page.waitForURL((url) => url.pathname === '/' && url.hash === `#${anchor}`);
    assert.equal(await page.locator(`#${anchor} button`).getAttribute('data-voted'), 'true');
    const box = await page.locator(`#${anchor}`).boundingBox();
    assert.ok(
      box && box.y >= 0 && box.y < 900,
      `the voted card is in view, not the top of the page (${box?.y})`,
    );
    assert.ok(await page.evaluate(() => (globalThis as unknown as { scrollY: number }).scrollY > 0));
    await screenshots(page, 'board-after-no-js-vote');

    // The subscribe form is for visitors (signed-in readers subscribe from their profile).
    await noScript.clearCookies();
    await page.goto('/subscribe');
    const weeklyDay = page.locator('#prefs-weekly-day');
    assert.equal(await page.locator('input[name="frequency"][value="daily"]').isChecked(), true);
    assert.equal(await weeklyDay.isVisible(), false, 'no weekday to pick for a daily digest');
    await page.getByLabel('Once a week').check();
    assert.equal(await weeklyDay.isVisible(), true);
    await screenshots(page, 'subscribe-weekly');
    await noScript.close();
  });
});
