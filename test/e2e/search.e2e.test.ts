// End to end: boots the real binary (`paperboard serve --sample`, which indexes the sample for search
// before answering /healthz) and drives Debian's chromium through the header search box, highlighted
// results, a removable filter chip, and a paper's "Similar papers". Screenshots of /search (light and
// dark) go to test-results/e2e/ for a human to look at.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import {
  type BrowserSession,
  closeBrowserSession,
  openBrowserSession,
  SHOTS,
  watchProblems,
} from '../helpers/e2e-server.js';
import { repoRoot } from '../helpers/paths.js';

const SAMPLE_DAYS = join(repoRoot, 'sample', 'hf-daily');
/** A word in a few sample titles (LongHorizon-Harness, …), and a filter every sample paper passes. */
const WORD = 'harness';
const FILTER = 'year:2026';
// --bg of the light and dark themes (src/web/assets/app-css.ts).
const LIGHT_BG = 'rgb(246, 247, 249)';
const DARK_BG = 'rgb(15, 17, 21)';

function sampleTitles(): Map<string, string> {
  const titles = new Map<string, string>();
  for (const file of readdirSync(SAMPLE_DAYS).filter((f) => f.endsWith('.json'))) {
    const entries = JSON.parse(readFileSync(join(SAMPLE_DAYS, file), 'utf8')) as {
      paper: { id: string; title: string };
    }[];
    for (const { paper } of entries) titles.set(paper.id, paper.title.replace(/\s+/g, ' ').trim());
  }
  return titles;
}

async function textOf(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

async function background(page: Page): Promise<string> {
  return String(await page.evaluate('getComputedStyle(document.body).backgroundColor'));
}

describe('e2e: search in chromium', () => {
  let session: BrowserSession | undefined;
  let context: BrowserContext;
  const titles = sampleTitles();

  before(
    async () => {
      const withWord = [...titles.values()].filter((t) => t.toLowerCase().includes(WORD));
      assert.ok(
        withWord.length >= 2,
        `the sample should have titles with "${WORD}": ${withWord.join(' | ')}`,
      );
      session = await openBrowserSession();
      context = session.context;
    },
    { timeout: 60_000 },
  );

  after(() => closeBrowserSession(session), { timeout: 20_000 });

  it('searches from the header box, removes a filter chip, and follows a similar paper', async () => {
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto('/');

    // 1. Type a word and a filter into the header search box and submit.
    const box = page.getByRole('searchbox', { name: 'Search papers' });
    await box.fill(`${WORD} ${FILTER}`);
    await box.press('Enter');
    await page.waitForURL('**/search?q=*');
    assert.equal(new URL(page.url()).searchParams.get('q'), `${WORD} ${FILTER}`);
    assert.equal(await box.inputValue(), `${WORD} ${FILTER}`, 'the box keeps the query');
    // It is the page's own field now, as wide as the results, so a long query stays readable.
    const [fieldWidth, listWidth] = (await page.evaluate(
      "[document.querySelector('main #search-q').getBoundingClientRect().width, document.querySelector('main ol.paper-list').getBoundingClientRect().width]",
    )) as [number, number];
    assert.ok(fieldWidth > listWidth * 0.75, `search field ${fieldWidth} px beside a ${listWidth} px list`);
    assert.equal(await textOf(page.locator('main h1')), `Results for “${WORD} ${FILTER}”`);

    // 2. Results with <mark> highlights, and the filter as a chip.
    const cards = page.locator('ol.paper-list article.paper-card');
    const count = await cards.count();
    assert.ok(count >= 2, `expected results, got ${count}`);
    const marks = await page.locator('ol.paper-list mark').allTextContents();
    assert.ok(marks.length > 0, 'matches are marked');
    assert.ok(
      marks.every((m) => m.toLowerCase().startsWith(WORD)),
      `marks are the searched word: ${marks.join(', ')}`,
    );
    const firstTitle = await textOf(cards.first().locator('h2.paper-title'));
    assert.ok(firstTitle.toLowerCase().includes(WORD), `best hit has the word in its title: ${firstTitle}`);
    const chip = page.getByRole('link', { name: 'Remove filter Year: 2026' });
    assert.equal(await chip.count(), 1);
    assert.equal(await textOf(chip.locator('span').first()), 'Year: 2026');
    assert.ok(await page.locator('link[rel="alternate"][href^="/feeds/search.rss?q="]').count());
    assert.ok(await page.getByRole('link', { name: 'Subscribe to this search' }).isVisible());

    // Screenshots of the results page, light and dark.
    await page.emulateMedia({ colorScheme: 'light' });
    assert.equal(await background(page), LIGHT_BG);
    await page.screenshot({ path: join(SHOTS, 'search-light.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    assert.equal(await background(page), DARK_BG);
    await page.screenshot({ path: join(SHOTS, 'search-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });

    // 3. Remove the chip: the filter is gone, the results stay.
    await chip.click();
    await page.waitForURL((url) => url.searchParams.get('q') === WORD);
    assert.equal(await page.getByRole('link', { name: /^Remove filter/ }).count(), 0);
    assert.equal(await box.inputValue(), WORD);
    const unfiltered = await cards.count();
    assert.ok(unfiltered >= count, `${unfiltered} results without the filter, ${count} with`);
    assert.ok((await page.locator('ol.paper-list mark').count()) > 0);

    // 4. Open the first result, then a paper from its "Similar papers".
    const resultLink = cards.first().locator('h2.paper-title a');
    const resultHref = (await resultLink.getAttribute('href')) ?? '';
    await resultLink.click();
    await page.waitForURL(`**${resultHref}`);
    const similar = page.locator('section.similar-papers');
    assert.equal(await textOf(similar.locator('h2')), 'Similar papers');
    const similarLinks = similar.locator('li > a');
    const similarCount = await similarLinks.count();
    assert.ok(similarCount >= 1 && similarCount <= 10, `${similarCount} similar papers`);
    const hrefs = await similarLinks.evaluateAll((links) => links.map((l) => l.getAttribute('href')));
    assert.ok(!hrefs.includes(resultHref), 'a paper is not similar to itself');
    await similar.screenshot({ path: join(SHOTS, 'similar-light.png') });

    const target = similarLinks.first();
    const targetHref = (await target.getAttribute('href')) ?? '';
    const targetTitle = await textOf(target);
    await target.click();
    await page.waitForURL(`**${targetHref}`);
    assert.equal(new URL(page.url()).pathname, targetHref);
    assert.equal(await textOf(page.locator('h1#paper-title')), targetTitle);
    const id = targetHref.replace('/papers/', '');
    if (titles.has(id)) assert.equal(targetTitle, titles.get(id));

    assert.deepEqual(problems, []);
    await page.close();
  });

  it('shows a query that cannot run as a 400 search page with the message and the help', async () => {
    const page = await context.newPage();
    const response = await page.goto('/search?q=-onlyexclusion');
    assert.equal(response?.status(), 400);
    assert.equal(await textOf(page.locator('main h1')), 'Search for “-onlyexclusion”');
    assert.equal(await textOf(page.getByRole('alert').locator('h2')), 'This search can’t run');
    assert.match(await textOf(page.getByRole('alert')), /Add at least one word to search for/);
    assert.ok((await page.locator('details.search-help').getAttribute('open')) !== null);
    assert.equal(await page.getByRole('searchbox', { name: 'Search papers' }).inputValue(), '-onlyexclusion');
    await page.screenshot({ path: join(SHOTS, 'search-error-light.png') });
    await page.close();
  });

  it('opens /search from the empty header box with the syntax help, and fits a phone screen', async () => {
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto('/');
    await page.getByRole('search').getByRole('button', { name: 'Search' }).click();
    await page.waitForURL((url) => url.pathname === '/search');
    assert.equal(await textOf(page.locator('main h1')), 'Search papers');
    // The page's own field takes over from the header's: one search box, full width.
    assert.equal(await page.getByRole('searchbox').count(), 1);
    assert.equal(await page.locator('header .site-search').count(), 0);
    assert.ok(await page.locator('details.search-help dl').isVisible());
    // An example from the help runs it.
    await page.locator('details.search-help a', { hasText: 'has:code' }).click();
    await page.waitForURL((url) => url.searchParams.get('q') === 'has:code');
    assert.ok((await page.locator('ol.paper-list article.paper-card').count()) > 0);

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/search?q=${encodeURIComponent(`${WORD} ${FILTER}`)}`);
    const overflow = await page.evaluate(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    );
    assert.equal(overflow, 0, 'no horizontal scrolling on a phone');
    await page.screenshot({ path: join(SHOTS, 'search-phone-light.png') });
    assert.deepEqual(problems, []);
    await page.close();
  });
});
