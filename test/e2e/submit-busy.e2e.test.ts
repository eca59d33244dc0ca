// End to end: submitting while arXiv never answers (a local server that accepts and stays silent).
// In the real binary and Debian's chromium: the button says "Looking up on arXiv…" (aria-busy) while
// the lookup runs, keeps the focus, and the reader gets "arXiv did not answer; try again in a minute"
// after SUBMIT_ARXIV_TIMEOUT_MS, not a minute of silence. Screenshots go to test-results/e2e/.
import assert from 'node:assert/strict';
import { createServer, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import {
  type BrowserSession,
  closeBrowserSession,
  openBrowserSession,
  screenshots,
} from '../helpers/e2e-server.js';
import { type SmtpSink, startSmtpSink } from '../helpers/smtp-sink.js';

const TIMEOUT_MS = 2500;

describe('e2e: submitting while arXiv does not answer', () => {
  let sink: SmtpSink;
  let session: BrowserSession | undefined;
  const sockets = new Set<Socket>();
  const silent = createServer((socket) => {
    sockets.add(socket);
    socket.on('data', () => undefined);
  });
  before(
    async () => {
      sink = await startSmtpSink();
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      const address = silent.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      session = await openBrowserSession({
        SMTP_URL: sink.url,
        ARXIV_API_URL: `http://127.0.0.1:${port}/api/query`,
        ARXIV_DELAY_MS: '0',
        SUBMIT_ARXIV_TIMEOUT_MS: String(TIMEOUT_MS),
      });
    },
    { timeout: 50_000 },
  );
  after(
    async () => {
      await closeBrowserSession(session);
      await sink.close();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    },
    { timeout: 40_000 },
  );

  it('shows "Looking up on arXiv…" and then says arXiv did not answer', { timeout: 60_000 }, async () => {
    assert.ok(session);
    const page = await session.context.newPage();
    await page.goto('/signin');
    await page.locator('#signin-email').fill('ada@example.org');
    await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
    const [mail] = await sink.waitFor(1, 10_000);
    const link = /(http:\/\/127\.0\.0\.1:\d+\/signin\/verify\?token=[\w-]+)/.exec(mail?.mail.text ?? '')?.[1];
    assert.ok(link, `no link in ${mail?.mail.text}`);
    await page.goto(link);
    await page.getByRole('button', { name: /Sign in to Paperboard/ }).click();
    await page.waitForURL((url) => url.pathname === '/');

    await page.goto('/submit');
    await page.getByLabel('arXiv id or URL').fill('2608.01234');
    const button = page.locator('form[data-busy-label] button[type="submit"]');
    await button.focus();
    // The page is gone as soon as its POST is answered, so it notes what the reader saw right after the
    // press (a listener added after app.js's runs after it) where the next page can read it. Over CDP:
    // the CSP forbids the page's own eval, rightly.
    const cdp = await session.context.newCDPSession(page);
    await cdp.send('Runtime.evaluate', {
      expression: `document.addEventListener('submit', () => {
        const b = document.querySelector('form[data-busy-label] button[type="submit"]');
        sessionStorage.setItem('seen', JSON.stringify({ busy: b.getAttribute('aria-busy'),
          disabled: b.getAttribute('aria-disabled'), text: b.textContent.trim(),
          focused: document.activeElement === b }));
      })`,
    });
    const started = Date.now();
    await page.keyboard.press('Enter');
    const alert = page.getByRole('alert');
    await alert.waitFor({ timeout: TIMEOUT_MS + 5000 });
    const waited = Date.now() - started;
    assert.match((await alert.textContent()) ?? '', /arXiv did not answer; try again in a minute\./);
    assert.ok(waited >= TIMEOUT_MS - 100 && waited < TIMEOUT_MS + 4000, `${waited} ms`);
    assert.equal(await page.getByLabel('arXiv id or URL').inputValue(), '2608.01234');
    const seen = await cdp.send('Runtime.evaluate', {
      expression: `sessionStorage.getItem('seen')`,
      returnByValue: true,
    });
    assert.deepEqual(JSON.parse(String(seen.result.value)), {
      busy: 'true',
      disabled: 'true',
      text: 'Looking up on arXiv…',
      focused: true,
    });
    // The answer is a fresh page: the button is ready for another try.
    assert.equal((await button.textContent())?.trim(), 'Put it on the board');
    assert.equal(await button.getAttribute('aria-busy'), null);
    await screenshots(page, 'submit-arxiv-silent');
  });
});
