// End to end: a reader signs in through the link the real binary emails (received by an SMTP
// server in this process), upvotes a paper on the board without a reload, submits a paper (arXiv
// answered by a local server replaying a recorded exchange), upvotes it, comments with a formula, saves
// it to a new reading list and opens the list, finds it on /trending, and signs out. Screenshots
// (light and dark) go to test-results/e2e/.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  type BrowserSession,
  closeBrowserSession,
  openBrowserSession,
  screenshots,
  watchProblems,
} from '../helpers/e2e-server.js';
import { type ReplayServer, recordedExchange, startReplayServer } from '../helpers/replay-server.js';
import { type SmtpSink, startSmtpSink } from '../helpers/smtp-sink.js';

const RECORDED_PAPER =
  'arxiv-api-atom/lukasschwab-arxiv.py/recorded-2026/id_1707.08567_s0_m100_6a1afebfc6a3.json';

describe('e2e: sign in by emailed link, upvote, trending', () => {
  let sink: SmtpSink;
  let arxiv: ReplayServer;
  let session: BrowserSession | undefined;
  before(
    async () => {
      sink = await startSmtpSink();
      arxiv = await startReplayServer(() => recordedExchange(RECORDED_PAPER));
      session = await openBrowserSession({
        SMTP_URL: sink.url,
        ARXIV_API_URL: `${arxiv.origin}/api/query`,
        ARXIV_DELAY_MS: '0',
        // The recorded paper is from 2017; readers may submit papers up to this many days old.
        SUBMIT_MAX_AGE_DAYS: '10000',
      });
    },
    { timeout: 50_000 },
  );
  after(
    async () => {
      await closeBrowserSession(session);
      await sink.close();
      await arxiv.close();
    },
    { timeout: 40_000 },
  );

  it('signs in, upvotes, submits a paper, comments with a formula, saves it to a list, sees it on /trending, signs out', {
    timeout: 90_000,
  }, async () => {
    assert.ok(session);
    const page = await session.context.newPage();
    const problems = watchProblems(page);

    await page.goto('/');
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.locator('#signin-email').fill('ada@example.org');
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
    assert.equal(await button.getAttribute('data-voted'), 'false');
    // A marker on the window survives only if the page is not reloaded.
    await page.evaluate(() => {
      (globalThis as unknown as { stayed: boolean }).stayed = true;
    });
    await button.click();
    await page.waitForFunction(
      (el) => el?.getAttribute('data-voted') === 'true',
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
    assert.equal(await trendingCard.locator('button.vote-box').getAttribute('data-voted'), 'true');
    assert.equal(Number(await trendingCard.locator('.count').textContent()), before + 1);
    await trendingCard.locator('.why-ranked summary').click();
    assert.match(
      (await trendingCard.locator('.why-ranked p').textContent()) ?? '',
      new RegExp(`${before + 1} upvotes`),
    );
    await screenshots(page, 'trending');

    // Submit a paper, upvote it on its page, and discuss it with a formula.
    await page.getByRole('link', { name: 'Submit' }).click();
    await page.getByLabel('arXiv id or URL').fill('https://arxiv.org/abs/1707.08567v2');
    await page.getByRole('button', { name: 'Put it on the board' }).click();
    await page.waitForURL((url) => url.pathname === '/papers/1707.08567');
    assert.deepEqual(
      arxiv.requests.map((r) => r.params.get('id_list')),
      ['1707.08567'],
    );
    const submittedTitle = ((await page.locator('h1#paper-title').textContent()) ?? '').trim();
    await page.locator('.actions button.vote-box').click();
    await page.locator('.actions button.vote-box[data-voted="true"]').waitFor();
    await page.locator('#new-comment').fill('The bound $\\sum_{i=1}^n x_i^2 \\le 1$ is **tight**.');
    await page.getByRole('button', { name: 'Comment', exact: true }).click();
    const comment = page.locator('li.comment').first();
    await comment.waitFor();
    assert.equal(await comment.locator('.comment-body .katex').count(), 1, 'the formula is typeset');
    assert.equal(await comment.locator('.comment-body strong').textContent(), 'tight');
    await screenshots(page, 'paper-discussion');

    // Save it to a new reading list from its page, then open the list.
    await page.locator('.save-menu summary').click();
    await page.getByLabel('New list').fill('Kernels to read');
    await page.getByRole('button', { name: 'Create and add' }).click();
    await page.locator('.save-menu.saved summary', { hasText: 'Saved in 1' }).waitFor();
    await page.locator('.save-menu summary').click();
    await screenshots(page, 'paper-saved-to-list');
    await page.getByRole('link', { name: 'Kernels to read' }).click();
    await page.getByRole('heading', { name: 'Kernels to read', level: 1 }).waitFor();
    assert.equal(
      ((await page.locator('article.paper-card .paper-title a').textContent()) ?? '').trim(),
      submittedTitle,
    );
    assert.match((await page.locator('.eyebrow').textContent()) ?? '', /Private/);
    await screenshots(page, 'reading-list');

    await page.getByRole('link', { name: 'Trending' }).click();
    const submitted = page.locator('article.paper-card', {
      has: page.locator('.paper-title a', { hasText: submittedTitle.slice(0, 30) }),
    });
    assert.equal(await submitted.locator('button.vote-box').getAttribute('data-voted'), 'true');
    assert.match((await submitted.locator('.paper-meta').textContent()) ?? '', /1 comment.*Submitted by ada/);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('link', { name: 'Sign in' }).waitFor();
    assert.deepEqual(problems, []);
  });
});
