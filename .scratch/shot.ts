import { chromium } from 'playwright-core';
const url = process.argv[2]!; const out = process.argv[3]!; const width = Number(process.argv[4] ?? 1280);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
const page = await browser.newPage({ viewport: { width, height: 900 } });
await page.goto(url);
await page.screenshot({ path: out, fullPage: false });
await browser.close();
