// End to end, every page type against the bar issue 12 sets: axe-core finds no serious or critical
// violation on desktop (1366×900) and phone (390×844), light and dark, and no page is wider than a
// 320 px screen (WCAG 1.4.10). An admin (the first account) fills the site with a comment, a report,
// a reading list and a digest subscription first, so the pages audited hold what readers see.
// Screenshots at 1366, 390 and 320 px go to test-results/e2e/pages/ for a human to look at.

import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import {
  type BrowserSession,
  closeBrowserSession,
  openBrowserSession,
  SHOTS,
  standInForThumbnails,
  watchProblems,
} from '../helpers/e2e-server.js';
import { auditPage, VIEWPORTS } from '../helpers/page-audit.js';
import { type SmtpSink, startSmtpSink } from '../helpers/smtp-sink.js';

const PAGE_SHOTS = join(SHOTS, 'pages');
const ADMIN_EMAIL = 'ada@example.org';

/**
 * Signs in through the link the server emails (the `nth` mail the sink gets); the first account to
 * sign in is an admin.
 */
async function signIn(page: Page, sink: SmtpSink, email: string, nth: number): Promise<void> {
  await page.goto('/signin');
  await page.locator('#signin-email').fill(email);
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();
  const mail = (await sink.waitFor(nth, 10_000))[nth - 1];
  const link = /(http:\/\/127\.0\.0\.1:\d+\/signin\/verify\?token=[\w-]+)/.exec(mail?.mail.text ?? '')?.[1];
  assert.ok(link, `no sign-in link in ${mail?.mail.text}`);
  await page.goto(link);
  await page.getByRole('button', { name: /Sign in to/ }).click();
  await page.locator('.account-name').waitFor();
}

/** The href of the first element matching `selector` on the page. */
async function hrefOf(page: Page, selector: string): Promise<string> {
  const href = await page.locator(selector).first().getAttribute('href');
  assert.ok(href, `no ${selector} on ${page.url()}`);
  return href;
}

/** Opens `path` (expecting `status`) and audits it; returns the problems found. */
async function visitAndAudit(page: Page, name: string, path: string, status = 200): Promise<string[]> {
  const response = await page.goto(path);
  assert.equal(response?.status(), status, `${path} answered ${response?.status()}`);
  return auditPage(page, name, PAGE_SHOTS);
}

describe('e2e: every page type passes axe-core and reflows at 320 px', () => {
  let sink: SmtpSink;
  let session: BrowserSession | undefined;
  let admin: BrowserContext;
  /** Paths found while preparing, audited by the signed-in test. */
  const found = { paper: '', author: '', list: '', preferences: '' };

  before(
    async () => {
      await mkdir(PAGE_SHOTS, { recursive: true });
      sink = await startSmtpSink();
      session = await openBrowserSession({ SMTP_URL: sink.url, DIGEST_ENABLED: 'false' });
      admin = session.context;
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

  it('an admin comments, a reader reports it, the admin saves to a list and subscribes', {
    timeout: 60_000,
  }, async () => {
    assert.ok(session);
    const page = await admin.newPage();
    const problems = watchProblems(page);
    await signIn(page, sink, ADMIN_EMAIL, 1);

    await page.goto('/');
    found.paper = await hrefOf(page, 'article.paper-card .paper-title a');
    await page.goto(found.paper);
    found.author = await hrefOf(page, '.author-list a');
    // A link in running text, a formula, and one KaTeX cannot read (its error colour is checked).
    await page
      .locator('#new-comment')
      .fill(
        'The bound $\\sum_{i=1}^n x_i^2 \\le 1$ is **tight** (not $\\nosuchmacro{x}$), see [the code](https://example.org).',
      );
    await page.getByRole('button', { name: 'Comment', exact: true }).click();
    await page.locator('li.comment').first().waitFor();

    // Another reader reports it, so the moderation page has a report to show.
    const other = await session.browser.newContext({ baseURL: session.server.baseUrl });
    await standInForThumbnails(other);
    const otherPage = await other.newPage();
    await signIn(otherPage, sink, 'bob@example.org', 2);
    await otherPage.goto(found.paper);
    await otherPage.locator('li.comment details summary', { hasText: 'Report' }).first().click();
    await otherPage
      .locator('li.comment textarea[name="reason"]')
      .first()
      .fill('Testing the moderation queue.');
    await otherPage.getByRole('button', { name: 'Send report' }).first().click();
    await otherPage.waitForLoadState();
    await other.close();

    await page.goto(found.paper);
    await page.locator('.save-menu summary').click();
    await page.getByLabel('New list').fill('Kernels to read');
    await page.getByRole('button', { name: 'Create and add' }).click();
    await page.locator('.save-menu.saved summary').waitFor();
    await page.locator('.save-menu summary').click();
    found.list = await hrefOf(page, '.saved-in a[href^="/collections/"]');

    await page.goto('/users/ada');
    await page.getByRole('button', { name: 'Subscribe', exact: true }).click();
    await page.waitForLoadState();
    await page.goto('/users/ada');
    found.preferences = await hrefOf(page, 'a[href^="/subscription/"]');
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('lays the header, cards and admin counts out for the screen', { timeout: 60_000 }, async () => {
    const page = await admin.newPage();
    /** A number or numbers measured in the page (an expression: tsconfig has no DOM types). */
    const measure = async <T>(expression: string) => (await page.evaluate(expression)) as T;
    const headerHeight = () => measure<number>("document.querySelector('.site-header').offsetHeight");
    const signOutRight = () =>
      measure<number>("document.querySelector('.account-menu .link-button').getBoundingClientRect().right");

    await page.goto('/week');
    // Desktop: the signed-in admin's header is one row.
    assert.ok((await headerHeight()) < 70, `header ${await headerHeight()} px tall at 1366`);
    // Every card says when the paper came out; the board's cards keep their upvote buttons.
    const cards = await page.locator('article.paper-card').count();
    assert.ok(cards > 10);
    assert.equal(await page.locator('article.paper-card .paper-meta time[datetime]').count(), cards);
    // Wide screens: the list grows past the text column and lays cards out in two columns.
    await page.setViewportSize(VIEWPORTS.wide);
    assert.ok((await measure<number>("document.querySelector('main').offsetWidth")) > 1200);
    const [first, second] = await measure<number[]>(
      "[...document.querySelectorAll('ol.paper-list > li')].slice(0, 2).map((li) => li.getBoundingClientRect().top)",
    );
    assert.equal(first, second, 'the first two cards share a row');
    // Phones: nothing in the header is cut off, "Sign out" included.
    for (const viewport of [VIEWPORTS.phone, VIEWPORTS.narrow]) {
      await page.setViewportSize(viewport);
      assert.ok((await signOutRight()) <= viewport.width, `Sign out cut off at ${viewport.width} px`);
      const rights = await measure<number[]>(
        "[...document.querySelectorAll('.site-header a, .site-header button, .site-header input')].map((el) => el.getBoundingClientRect().right)",
      );
      assert.ok(Math.max(...rights) <= viewport.width, `header wider than ${viewport.width} px`);
    }

    // The admin digest counts stay inside their cards on a phone.
    await page.goto('/admin/digests');
    const spill =
      await measure<number>(`Math.max(...[...document.querySelectorAll('.stat-card')].flatMap((card) =>
      [...card.querySelectorAll('dt, dd')].map((el) => el.getBoundingClientRect().right - card.getBoundingClientRect().right)))`);
    assert.ok(spill <= 0, `digest counts spill ${spill} px out of their card`);

    // Search results: the count as text, not a box like the upvote button; a date on every card.
    await page.setViewportSize(VIEWPORTS.desktop);
    await page.goto('/search?q=agents');
    const hits = await page.locator('article.paper-card').count();
    assert.ok(hits > 0);
    assert.equal(await page.locator('article.paper-card .vote-box').count(), 0);
    assert.equal(await page.locator('article.paper-card .upvote-count').count(), hits);
    assert.equal(await page.locator('article.paper-card .paper-meta time[datetime]').count(), hits);
    await page.close();
  });

  it('anonymous pages', { timeout: 240_000 }, async () => {
    assert.ok(session && found.paper, 'the preparing test ran');
    const context = await session.browser.newContext({
      baseURL: session.server.baseUrl,
      viewport: VIEWPORTS.desktop,
    });
    await standInForThumbnails(context);
    const page = await context.newPage();
    const problems: string[] = [];
    const pages: [string, string, number?][] = [
      ['day', '/'],
      ['week', '/week'],
      ['month', '/month'],
      ['trending', '/trending'],
      ['day-newest', '/?sort=newest'],
      ['paper', found.paper],
      ['author', found.author],
      ['search', '/search?q=diffusion%20models%20for%20video%20generation%20with%20long%20context'],
      ['search-empty', '/search'],
      ['signin', '/signin'],
      ['subscribe', '/subscribe'],
      ['not-found', '/papers/2401.99999', 404],
    ];
    for (const [name, path, status] of pages)
      problems.push(...(await visitAndAudit(page, name, path, status)));
    await context.close();
    assert.deepEqual(problems, []);
  });

  it('signed-in and admin pages', { timeout: 240_000 }, async () => {
    assert.ok(found.list && found.preferences, 'the preparing test ran');
    const page = await admin.newPage();
    const problems: string[] = [];
    const pages: [string, string][] = [
      ['day-signed-in', '/'],
      ['week-signed-in', '/week'],
      ['paper-signed-in', found.paper],
      ['submit', '/submit'],
      ['account', '/users/ada'],
      ['upvotes', '/users/ada/upvotes'],
      ['collections', '/collections'],
      ['collection', found.list],
      ['preferences', found.preferences],
      ['admin-digests', '/admin/digests'],
      ['digest-preview', `/admin/digests/preview?email=${encodeURIComponent(ADMIN_EMAIL)}&date=2026-08-21`],
      ['moderation', '/moderation'],
    ];
    for (const [name, path] of pages) problems.push(...(await visitAndAudit(page, name, path)));
    await page.close();
    assert.deepEqual(problems, []);
  });
});
