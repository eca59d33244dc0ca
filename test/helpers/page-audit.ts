// Audits one loaded page the way issue 12 asks: axe-core (injected through the DevTools protocol, so
// the page's CSP does not block it) on desktop and phone, light and dark, failing on serious and
// critical violations; no horizontal overflow at 320 px (WCAG 1.4.10 reflow); screenshots at 1366,
// 1920, 390 and 320 px in both themes for a human to look at. Used by test/e2e/pages-a11y.e2e.test.ts.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const VIEWPORTS = {
  desktop: { width: 1366, height: 900 },
  wide: { width: 1920, height: 1080 },
  phone: { width: 390, height: 844 },
  narrow: { width: 320, height: 700 },
} as const;
const SCHEMES = ['light', 'dark'] as const;
/** Tall pages are cut here: the top is what the reader sees first and what the header shapes. */
const SHOT_MAX_HEIGHT = 1600;

// Runs in the page (a string: tsconfig has no DOM types). Serious and critical only, the bar the
// issue sets; a few nodes per rule with the reason, enough to find the element.
const RUN_AXE = `axe.run(document, { resultTypes: ['violations'] }).then((result) =>
  result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => v.id + ' (' + v.impact + '): ' + v.nodes.length + ' node(s), e.g. ' +
      v.nodes.slice(0, 3).map((n) => n.target.join(' ') + ' — ' +
        (n.failureSummary || '').split('\\n').slice(1, 2).join('').trim()).join(' | ')))`;

/** Serious and critical axe violations on the page as it is now, one line per rule. */
export async function axeViolations(page: Page): Promise<string[]> {
  const isLoaded = await page.evaluate('typeof axe !== "undefined"');
  if (!isLoaded) await page.evaluate(AXE_SOURCE);
  return (await page.evaluate(RUN_AXE)) as string[];
}

/** How far the page is wider than the viewport, in CSS px (0 when it reflows). */
export async function horizontalOverflow(page: Page): Promise<number> {
  const [scrollWidth, viewport] = (await page.evaluate(
    '[document.documentElement.scrollWidth, window.innerWidth]',
  )) as [number, number];
  return Math.max(0, scrollWidth - viewport);
}

/** The elements sticking out past the right edge, to name in a failure. */
async function overflowingElements(page: Page): Promise<string> {
  return String(
    await page.evaluate(`[...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5)
      .filter((el) => !el.parentElement || el.parentElement.getBoundingClientRect().right <= window.innerWidth + 0.5)
      .slice(0, 5)
      .map((el) => el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ').join('.') : '') +
        ' right=' + Math.round(el.getBoundingClientRect().right))
      .join(', ')`),
  );
}

async function screenshot(page: Page, dir: string, name: string): Promise<void> {
  const height = (await page.evaluate('document.documentElement.scrollHeight')) as number;
  const width = page.viewportSize()?.width ?? VIEWPORTS.desktop.width;
  await page.screenshot({
    path: join(dir, `${name}.png`),
    fullPage: true,
    clip: { x: 0, y: 0, width, height: Math.min(height, SHOT_MAX_HEIGHT) },
  });
}

/**
 * Audits the page already loaded in `page`: returns one line per problem (empty when clean). Leaves
 * the page at the desktop size in the light theme.
 */
export async function auditPage(page: Page, name: string, shotsDir: string): Promise<string[]> {
  const problems: string[] = [];
  for (const [size, viewport] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(viewport);
    for (const scheme of SCHEMES) {
      await page.emulateMedia({ colorScheme: scheme });
      if (size === 'desktop' || size === 'phone') {
        for (const line of await axeViolations(page)) problems.push(`${name} ${size} ${scheme}: ${line}`);
      }
      await screenshot(page, shotsDir, `${name}-${viewport.width}-${scheme}`);
    }
    if (size === 'narrow') {
      const overflow = await horizontalOverflow(page);
      if (overflow > 0) {
        problems.push(`${name}: ${overflow} px wider than 320 px (${await overflowingElements(page)})`);
      }
    }
  }
  await page.setViewportSize(VIEWPORTS.desktop);
  await page.emulateMedia({ colorScheme: 'light' });
  return problems;
}
