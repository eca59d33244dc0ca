// End to end, semantic search: the real binary (`serve --sample` trains the offline LSA model on the
// sample and embeds it before answering) and Debian's chromium. A plain-language query finds, by
// meaning, a paper that has none of its words; the mode toggle switches the results; a similar paper
// opens from that paper's page. Screenshots go to test-results/e2e/.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import {
  type BrowserSession,
  closeBrowserSession,
  openBrowserSession,
  SHOTS,
  watchProblems,
} from '../helpers/e2e-server.js';

/** Two everyday words; the sample's finance-flavoured time-series papers are about them by meaning. */
const QUERY = 'stock market';
const QUERY_WORDS = /\bstocks?\b|\bmarkets?\b/i;

async function resultLinks(page: Page): Promise<string[]> {
  return page
    .locator('ol.paper-list article.paper-card h2.paper-title a')
    .evaluateAll((links) => links.map((l) => l.getAttribute('href') ?? ''));
}

describe('e2e: semantic search in chromium', () => {
  let session: BrowserSession | undefined;
  let context: BrowserContext;

  before(
    async () => {
      session = await openBrowserSession();
      context = session.context;
    },
    { timeout: 90_000 },
  );

  after(() => closeBrowserSession(session), { timeout: 20_000 });

  it('finds a paper by meaning, switches modes, and opens a similar paper', async () => {
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto('/');
    const box = page.getByRole('searchbox', { name: 'Search papers' });
    await box.fill(QUERY);
    await box.press('Enter');
    await page.waitForURL('**/search?q=*');

    // 1. The toggle: Semantic ranks by meaning alone.
    const modes = page.getByRole('navigation', { name: 'Search mode' });
    await modes.getByRole('link', { name: 'Semantic' }).click();
    await page.waitForURL((url) => url.searchParams.get('mode') === 'semantic');
    assert.equal(await modes.getByRole('link', { name: 'Semantic' }).getAttribute('aria-current'), 'page');
    const semantic = await resultLinks(page);
    assert.ok(semantic.length >= 5, `${semantic.length} semantic results`);

    // 2. Among the best five is a paper with neither word anywhere in its title or abstract.
    let wordless: { href: string; title: string } | undefined;
    for (const href of semantic.slice(0, 5)) {
      const id = href.replace('/papers/', '');
      const paper = (await (await page.request.get(`/api/papers/${id}`)).json()) as {
        title: string;
        summary: string;
      };
      if (!QUERY_WORDS.test(`${paper.title} ${paper.summary}`)) {
        wordless = { href, title: paper.title };
        break;
      }
    }
    assert.ok(wordless, `a top-5 paper shares no word with "${QUERY}": ${semantic.slice(0, 5).join(' ')}`);
    await page.screenshot({ path: join(SHOTS, 'search-semantic-light.png') });

    // 3. Keyword mode: only papers with the words, so that paper is gone and the list changes.
    await modes.getByRole('link', { name: 'Keyword' }).click();
    await page.waitForURL((url) => url.searchParams.get('mode') === 'keyword');
    const keyword = await resultLinks(page);
    assert.ok(keyword.length > 0, 'papers with the words');
    assert.ok(!keyword.includes(wordless.href), 'keyword search cannot find a paper without the words');
    assert.notDeepEqual(keyword.slice(0, 5), semantic.slice(0, 5));
    assert.match((await page.locator('p.board-meta[data-mode]').textContent()) ?? '', /keyword/i);

    // 4. Back to semantic, open the word-less paper, then a paper from its "Similar papers".
    await page.goBack();
    await page.waitForURL((url) => url.searchParams.get('mode') === 'semantic');
    await page.locator(`ol.paper-list h2.paper-title a[href="${wordless.href}"]`).click();
    await page.waitForURL(`**${wordless.href}`);
    const similar = page.locator('section.similar-papers li > a');
    assert.ok((await similar.count()) >= 1, 'similar papers are listed');
    const target = similar.first();
    const targetHref = (await target.getAttribute('href')) ?? '';
    assert.notEqual(targetHref, wordless.href);
    await target.click();
    await page.waitForURL(`**${targetHref}`);
    assert.ok(((await page.locator('h1#paper-title').textContent()) ?? '').trim().length > 0);

    // 5. The semantic results on a phone: no sideways scrolling.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/search?mode=semantic&q=${encodeURIComponent(QUERY)}`);
    const overflow = await page.evaluate(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    );
    assert.equal(overflow, 0, 'no horizontal scrolling on a phone');
    await page.screenshot({ path: join(SHOTS, 'search-semantic-phone.png') });
    assert.deepEqual(problems, []);
    await page.close();
  });
});
