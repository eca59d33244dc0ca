// End to end: a signed-in reader types a comment with Markdown and a formula, presses Preview and sees
// it rendered by the server (bold text, KaTeX), then keeps typing and the preview follows; a reader
// without script gets no Preview button at all.

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

describe('e2e: comment preview', () => {
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

  it('previews Markdown and LaTeX while typing, without posting', { timeout: 60_000 }, async () => {
    assert.ok(session);
    const page = await session.context.newPage();
    const problems = watchProblems(page);
    await page.goto('/signin');
    await page.locator('#signin-email').fill('ada@example.org');
    await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
    const [mail] = await sink.waitFor(1, 10_000);
    const link = /(http:\/\/127\.0\.0\.1:\d+\/signin\/verify\?token=[\w-]+)/.exec(mail?.mail.text ?? '')?.[1];
    assert.ok(link, `no link in ${mail?.mail.text}`);
    await page.goto(link);
    await page.getByRole('button', { name: /Sign in to Paperboard/ }).click();
    await page.waitForURL((url) => url.pathname === '/');

    await page.locator('ol.paper-list .paper-title a').first().click();
    await page.waitForURL(/\/papers\//);
    const form = page.locator('form.comment-form[action="/comments"]').first();
    const field = form.locator('textarea[name="body"]');
    await field.fill('**Bold** and $\\frac{a}{b}$');
    const output = form.locator('[data-preview-output]');
    assert.equal(await output.isVisible(), false);
    await form.getByRole('button', { name: 'Preview' }).click();
    await output.locator('strong', { hasText: 'Bold' }).waitFor();
    assert.equal(await output.locator('.katex').count(), 1);
    // The preview follows the text after a pause in typing.
    await field.fill('Now *italic* instead');
    await output.locator('em', { hasText: 'italic' }).waitFor({ timeout: 5000 });
    assert.equal(await output.locator('strong').count(), 0);
    // Nothing was posted: the discussion is still empty of it.
    assert.equal(await page.locator('.comment-body:not(.comment-preview)', { hasText: 'italic' }).count(), 0);
    await screenshots(page, 'comment-preview');
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('offers no Preview button without script', { timeout: 30_000 }, async () => {
    assert.ok(session);
    const state = await session.context.storageState();
    const noScript = await session.browser.newContext({
      baseURL: session.server.baseUrl,
      javaScriptEnabled: false,
      storageState: state,
    });
    await standInForThumbnails(noScript);
    const page = await noScript.newPage();
    await page.goto('/');
    await page.locator('ol.paper-list .paper-title a').first().click();
    await page.waitForURL(/\/papers\//);
    assert.ok(
      (await page.locator('form.comment-form textarea').count()) > 0,
      'signed in: comment form shown',
    );
    assert.equal(await page.getByRole('button', { name: 'Preview' }).count(), 0);
    await noScript.close();
  });
});
