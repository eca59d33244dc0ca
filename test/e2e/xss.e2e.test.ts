// The XSS corpus in real chromium: 54 known payloads as comments, paper titles, abstracts and a
// display name, rendered by the app on the paper page, the board and /trending. Each payload would
// call window.xss(n); none may, with the Content-Security-Policy stripped (so the HTML itself is
// safe) and with it (defence in depth).

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { serve } from '@hono/node-server';
import { sql } from 'kysely';
import { type Browser, chromium } from 'playwright-core';
import { addComment } from '../../src/store/comments.js';
import { getPaper } from '../../src/store/paper-reads.js';
import { upsertPapers } from '../../src/store/paper-writes.js';
import { createApp } from '../../src/web/app.js';
import { XSS_PAYLOADS } from '../community/xss-payloads.js';
import { signedInReader } from '../helpers/accounts.js';
import { CHROMIUM, standInForThumbnails } from '../helpers/e2e-server.js';
import { boardRecord } from '../helpers/factories.js';
import { FIXED_NOW, testContext } from '../helpers/test-app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db.js';

describe('e2e: XSS payloads never run in chromium', () => {
  let t: TestDatabase;
  let browser: Browser;
  let server: ReturnType<typeof serve>;
  let base: string;
  before(
    async () => {
      assert.ok(
        existsSync(CHROMIUM),
        `${CHROMIUM} is missing: install it with \`apt-get install -y chromium\``,
      );
      t = await createTestDatabase('sqlite');
      await upsertPapers(
        t,
        [
          boardRecord({ arxivId: '2608.00001', title: 'Comments under attack' }),
          ...XSS_PAYLOADS.slice(0, 20).map((payload, i) =>
            boardRecord({
              arxivId: `2608.${String(i + 100).padStart(5, '0')}`,
              title: `Title ${payload}`,
              abstract: `Abstract ${payload}`,
              authors: [{ name: `Author ${payload}` }],
              community: { upvotes: 1, aiSummary: payload },
            }),
          ),
        ],
        FIXED_NOW.toISOString(),
      );
      const { user } = await signedInReader(t, 'attacker');
      await sql`update users set display_name = ${'<img src=x onerror=xss(99)>'} where id = ${user.id}`.execute(
        t.db,
      );
      const paperId = (await getPaper(t.db, '2608.00001'))?.id as number;
      for (const body of XSS_PAYLOADS) {
        await addComment(t, { paperId, userId: user.id, parentId: null, body, now: FIXED_NOW.toISOString() });
      }
      const app = createApp(testContext(t));
      server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
      await new Promise((resolve) => server.once('listening', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
      });
    },
    { timeout: 60_000 },
  );
  after(async () => {
    await browser?.close();
    server?.close();
    await t?.destroy();
  });

  for (const withCsp of [false, true]) {
    it(`runs none of ${XSS_PAYLOADS.length} payloads ${withCsp ? 'with' : 'without'} the CSP`, {
      timeout: 60_000,
    }, async () => {
      const context = await browser.newContext();
      const fired: number[] = [];
      await context.exposeFunction('xss', (n: number) => fired.push(n));
      const dialogs: string[] = [];
      if (!withCsp) {
        await context.route('**/*', async (route) => {
          try {
            const response = await route.fetch();
            const headers = { ...response.headers() };
            delete headers['content-security-policy'];
            await route.fulfill({ response, headers });
          } catch (error) {
            // A load the page gave up on (it navigated on, or the context closed) cannot be
            // fulfilled any more; anything else is a real failure the page's checks will see.
            if (!/disposed|closed|aborted|canceled/i.test(String(error))) throw error;
          }
        });
      }
      // After the catch-all: the route added last answers first, and the CDN is not reachable here.
      await standInForThumbnails(context);
      const page = await context.newPage();
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      for (const path of ['/papers/2608.00001', '/date/2026-08-21', '/trending', '/search?q=Title']) {
        const response = await page.goto(base + path);
        assert.equal(response?.status(), 200, path);
        // Give onload/onerror/autofocus handlers, animations and meta refreshes their chance.
        await page.mouse.move(200, 300);
        await page.waitForTimeout(300);
        assert.equal(new URL(page.url()).pathname, new URL(base + path).pathname, `${path} navigated away`);
      }
      const comments = await page.goto(`${base}/papers/2608.00001`);
      assert.equal(comments?.status(), 200);
      assert.equal(await page.locator('li.comment').count(), XSS_PAYLOADS.length);
      assert.deepEqual(fired, []);
      assert.deepEqual(dialogs, []);
      await context.close();
    });
  }
});
