// End to end: boots the real binary (`paperboard serve --sample`) and drives Debian's chromium with
// playwright-core through the board, a paper page with KaTeX math, keyboard focus and error pages.
// Screenshots (light and dark) go to test-results/e2e/ for a human to look at.

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
const LATEST = { date: '2026-08-21', heading: 'Friday, August 21, 2026' };
const PREVIOUS = { date: '2026-08-20', heading: 'Thursday, August 20, 2026' };
// --bg of the light and dark themes (src/web/assets/app-css.ts).
const LIGHT_BG = 'rgb(246, 247, 249)';
const DARK_BG = 'rgb(15, 17, 21)';

interface SamplePaper {
  id: string;
  title: string;
  summary: string;
  day: string;
}

/** The sample's board papers. A paper featured twice stays on its first day (mergeBoard in model/). */
function readSampleBoard(): SamplePaper[] {
  const papers = new Map<string, SamplePaper>();
  for (const file of readdirSync(SAMPLE_DAYS).filter((f) => f.endsWith('.json'))) {
    const entries = JSON.parse(readFileSync(join(SAMPLE_DAYS, file), 'utf8')) as {
      title?: string;
      paper: { id: string; title: string; summary?: string; submittedOnDailyAt?: string };
    }[];
    for (const { title, paper } of entries) {
      const day = paper.submittedOnDailyAt?.slice(0, 10) ?? file.replace(/\.json$/, '');
      const earlier = papers.get(paper.id);
      if (earlier && earlier.day <= day) continue;
      papers.set(paper.id, { id: paper.id, title: title ?? paper.title, summary: paper.summary ?? '', day });
    }
  }
  return [...papers.values()];
}

// `\(…\)` or `$…$` with no space just inside and no digit right after (so "$8 … US$44" is not math).
const FORMULA = /\\\((.+?)\\\)|\$([^\s$](?:[^$\n]*[^\s$])?)\$(?!\d)/;

/** The first sample board paper with a formula in its title or abstract, and that formula's TeX. */
function findFormulaPaper(papers: SamplePaper[]): SamplePaper & { tex: string } {
  for (const paper of papers) {
    const match = FORMULA.exec(paper.title) ?? FORMULA.exec(paper.summary);
    const tex = match?.[1] ?? match?.[2];
    if (tex) return { ...paper, tex };
  }
  throw new Error(`no paper in ${SAMPLE_DAYS} has a $…$ or \\(…\\) formula in its title or abstract`);
}

/** Collects what would show as broken in a browser: script errors, failed or 4xx/5xx requests. */

/** The element's text, trimmed. */
async function textOf(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').trim();
}

/** A computed style of the first element matching `selector` (an expression: tsconfig has no DOM types). */
async function computedStyle(page: Page, selector: string, property: string): Promise<string> {
  return String(
    await page.evaluate(`getComputedStyle(document.querySelector(${JSON.stringify(selector)})).${property}`),
  );
}

/** Light and dark screenshots; `fullPage` for short pages (a board is ~4,000 px tall, so only the top). */
async function screenshotBothThemes(page: Page, name: string, fullPage: boolean): Promise<void> {
  const background = () => computedStyle(page, 'body', 'backgroundColor');
  await page.emulateMedia({ colorScheme: 'light' });
  assert.equal(await background(), LIGHT_BG);
  await page.screenshot({ path: join(SHOTS, `${name}-light.png`), fullPage });
  await page.emulateMedia({ colorScheme: 'dark' });
  assert.equal(await background(), DARK_BG);
  await page.screenshot({ path: join(SHOTS, `${name}-dark.png`), fullPage });
  await page.emulateMedia({ colorScheme: 'light' });
}

describe('e2e: the real binary in chromium', () => {
  let session: BrowserSession | undefined;
  let context: BrowserContext;
  const sample = readSampleBoard();
  const formulaPaper = findFormulaPaper(sample);

  async function openPage(): Promise<{ page: Page; problems: string[] }> {
    const page = await context.newPage();
    return { page, problems: watchProblems(page) };
  }

  before(
    async () => {
      session = await openBrowserSession();
      context = session.context;
    },
    { timeout: 50_000 },
  );

  after(() => closeBrowserSession(session), { timeout: 20_000 });

  it('shows the latest sample day on the home page, with many ranked paper cards', async () => {
    const latestInSample = sample
      .map((p) => p.day)
      .sort()
      .at(-1);
    assert.equal(latestInSample, LATEST.date, 'the bundled sample changed; update LATEST');
    const { page, problems } = await openPage();
    const response = await page.goto('/');
    assert.equal(response?.status(), 200);
    assert.equal(await page.title(), `Daily papers — ${LATEST.heading} · Paperboard`);
    assert.equal(await textOf(page.locator('main h1')), LATEST.heading);

    const cards = page.locator('ol.paper-list article.paper-card');
    const count = await cards.count();
    assert.ok(count >= 10, `expected at least 10 paper cards, got ${count}`);
    assert.equal(await textOf(page.locator('.board-meta')), `${count} papers`);
    const votes = (await page.locator('.paper-card .vote-box .count').allTextContents()).map(Number);
    assert.deepEqual(
      votes,
      [...votes].sort((a, b) => b - a),
      'cards are ranked by upvotes',
    );
    assert.equal(await page.locator('.period-nav a[rel="next"]').count(), 0, 'no day after the latest');

    await screenshotBothThemes(page, 'board', false);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('follows the previous-day link to the day before', async () => {
    const { page, problems } = await openPage();
    await page.goto('/');
    const previous = page.locator('nav.period-nav a[rel="prev"]');
    assert.equal(await textOf(previous), '← Aug 20, 2026');
    await previous.click();
    await page.waitForURL(`**/date/${PREVIOUS.date}`);
    assert.equal(new URL(page.url()).pathname, `/date/${PREVIOUS.date}`);
    assert.equal(await textOf(page.locator('main h1')), PREVIOUS.heading);
    const expected = sample.filter((p) => p.day === PREVIOUS.date).length;
    assert.equal(await page.locator('article.paper-card').count(), expected);
    assert.equal(
      await page.locator('.period-nav a[rel="next"]').getAttribute('href'),
      `/date/${LATEST.date}`,
    );
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('opens a paper with math from its board card; KaTeX typesets it with its CSS and fonts', async () => {
    const { page, problems } = await openPage();
    const assets = new Map<string, number>();
    page.on('response', (res) => {
      const path = new URL(res.url()).pathname;
      if (path.startsWith('/assets/katex/')) assets.set(path, res.status());
    });
    await page.goto(`/date/${formulaPaper.day}`);
    const link = page.locator(`article.paper-card h2.paper-title a[href="/papers/${formulaPaper.id}"]`);
    await link.click();
    await page.waitForURL(`**/papers/${formulaPaper.id}`);
    assert.equal(new URL(page.url()).pathname, `/papers/${formulaPaper.id}`);

    const titleText =
      formulaPaper.title
        .split(/\\\(|\$/)[0]
        ?.replace(/\s+/g, ' ')
        .trim() ?? '';
    assert.ok(titleText.length > 0);
    assert.ok((await textOf(page.locator('h1#paper-title'))).includes(titleText));

    const math = page.locator('p.abstract .katex');
    assert.ok((await math.count()) >= 1, 'the abstract has typeset math');
    const annotations = await page
      .locator('p.abstract .katex annotation[encoding="application/x-tex"]')
      .allTextContents();
    assert.ok(annotations.includes(formulaPaper.tex), `TeX ${formulaPaper.tex} in ${annotations.join(', ')}`);
    const abstractHtml = await page.locator('p.abstract').innerHTML();
    assert.ok(!abstractHtml.includes('\\('), 'no raw \\( delimiters left');

    assert.match(await computedStyle(page, 'p.abstract .katex', 'fontFamily'), /KaTeX_Main/);
    const loadedFonts = (await page.evaluate(
      `document.fonts.ready.then(() => [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family))`,
    )) as string[];
    assert.ok(
      loadedFonts.some((family) => family.includes('KaTeX')),
      `a KaTeX font loaded: ${loadedFonts}`,
    );
    assert.equal(assets.get('/assets/katex/katex.min.css'), 200);
    const fontStatuses = [...assets].filter(([path]) => path.startsWith('/assets/katex/fonts/'));
    assert.ok(fontStatuses.length > 0, 'font files were requested');
    assert.ok(
      fontStatuses.every(([, status]) => status === 200),
      JSON.stringify(fontStatuses),
    );
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('gives the paper page arXiv and PDF links, a BibTeX block and a working copy button', async () => {
    const { page, problems } = await openPage();
    const id = formulaPaper.id;
    await page.goto(`/papers/${id}`);
    assert.equal(
      await page.locator('.actions a', { hasText: 'arXiv page' }).getAttribute('href'),
      `https://arxiv.org/abs/${id}`,
    );
    assert.equal(
      await page.locator('.actions a', { hasText: 'PDF' }).getAttribute('href'),
      `https://arxiv.org/pdf/${id}`,
    );
    const bibtex = await textOf(page.locator('code#bibtex'));
    assert.match(bibtex, /^@misc\{[a-z0-9]+,\n/);
    assert.ok(bibtex.includes(`  eprint = {${id}}`), bibtex);
    assert.ok(bibtex.includes(`  url = {https://arxiv.org/abs/${id}}`), bibtex);
    assert.ok(bibtex.trimEnd().endsWith('}'));
    // app.js unhides the copy button, so this also checks the script loaded and ran.
    assert.ok(await page.locator('button[data-copy-target="bibtex"]').isVisible());

    await screenshotBothThemes(page, 'paper', true);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('moves keyboard focus with Tab to a visible element with a focus outline', async () => {
    const { page, problems } = await openPage();
    await page.goto('/');
    const focused = `(() => {
      const el = document.activeElement;
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return { text: el.textContent.trim(), left: box.left, top: box.top, width: box.width, height: box.height,
        outlineStyle: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth) };
    })()`;
    for (const expected of ['Skip to content', 'Paperboard']) {
      await page.keyboard.press('Tab');
      const state = (await page.evaluate(focused)) as Record<string, number | string>;
      assert.ok(String(state.text).endsWith(expected), JSON.stringify(state));
      assert.ok(Number(state.width) > 0 && Number(state.height) > 0, JSON.stringify(state));
      assert.ok(Number(state.left) >= 0 && Number(state.top) >= 0, `on screen: ${JSON.stringify(state)}`);
      assert.notEqual(state.outlineStyle, 'none', JSON.stringify(state));
      assert.ok(Number(state.outlineWidth) > 0, JSON.stringify(state));
    }
    await page.screenshot({ path: join(SHOTS, 'focus-light.png') });
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('answers an unknown paper with the 404 page and an impossible date with 400', async () => {
    const { page } = await openPage();
    const missing = await page.goto('/papers/9999.99999');
    assert.equal(missing?.status(), 404);
    assert.equal(await textOf(page.locator('main h1')), 'Page not found');
    assert.equal(await textOf(page.locator('.error-code')), '404');
    assert.equal(await page.locator('meta[name="robots"]').getAttribute('content'), 'noindex');

    const invalid = await page.goto('/date/2026-02-30');
    assert.equal(invalid?.status(), 400);
    assert.equal(await textOf(page.locator('main h1')), 'Bad request');
    assert.ok((await textOf(page.locator('.notice'))).includes('2026-02-30'));
    await page.close();
  });
});
