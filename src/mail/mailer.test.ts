import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type SmtpSink, startSmtpSink } from '../../test/helpers/smtp-sink.js';
import { createLogger, silentLogger } from '../lib/logger.js';
import { createMailer } from './mailer.js';

describe('mailer', () => {
  let sink: SmtpSink;
  before(async () => {
    sink = await startSmtpSink();
  });
  after(async () => {
    await sink.close();
  });

  it('delivers to a real SMTP server: sender, recipient, subject, both bodies, extra headers', async () => {
    const mailer = createMailer({
      smtpUrl: sink.url,
      from: 'Paperboard <board@example.org>',
      log: silentLogger(),
    });
    const { messageId } = await mailer.send({
      to: 'ada@example.org',
      subject: 'Sign in to Paperboard — ünïcode',
      text: 'Open https://board.example/signin/verify?token=abc',
      html: '<p>Open <a href="https://board.example/signin/verify?token=abc">this link</a></p>',
      headers: { 'X-Paperboard-Kind': 'sign-in' },
    });
    mailer.close();
    const [first] = await sink.waitFor(1);
    assert.deepEqual(first?.to, ['ada@example.org']);
    assert.equal(first?.mail.subject, 'Sign in to Paperboard — ünïcode');
    assert.deepEqual(first?.mail.from?.value, [{ name: 'Paperboard', address: 'board@example.org' }]);
    assert.equal(first?.mail.messageId, messageId);
    assert.match(first?.mail.text ?? '', /token=abc/);
    assert.match(String(first?.mail.html), /<a href="https:\/\/board.example\/signin\/verify\?token=abc">/);
    assert.equal(first?.mail.headers.get('x-paperboard-kind'), 'sign-in');
  });

  it('without SMTP_URL logs the message (with its text) instead of sending it', async () => {
    const lines: Array<{ msg: string; to?: string; text?: string }> = [];
    const log = createLogger('info', { write: (line: string) => void lines.push(JSON.parse(line)) });
    const mailer = createMailer({ smtpUrl: '', from: 'Paperboard <board@example.org>', log });
    await mailer.send({ to: 'bob@example.org', subject: 'Hi', text: 'link: https://x.example/y' });
    mailer.close();
    const logged = lines.find((l) => l.msg.startsWith('email not sent'));
    assert.equal(logged?.to, 'bob@example.org');
    assert.equal(logged?.text, 'link: https://x.example/y');
  });

  it('rejects when the server is unreachable, with the connection error', async () => {
    const mailer = createMailer({ smtpUrl: 'smtp://127.0.0.1:1', from: 'a@b.c', log: silentLogger() });
    await assert.rejects(mailer.send({ to: 'x@example.org', subject: 's', text: 't' }), {
      code: 'ESOCKET',
      message: /ECONNREFUSED/,
    });
    mailer.close();
  });
});
