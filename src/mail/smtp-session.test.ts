import assert from 'node:assert/strict';
import { type AddressInfo, createServer } from 'node:net';
import { after, describe, it } from 'node:test';
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { parseSmtpUrl, SmtpError } from './smtp-endpoint.js';
import { SmtpSession, stuffDots } from './smtp-session.js';

const RAW = Buffer.from(
  'From: a@paperboard.test\r\nTo: b@example.org\r\nSubject: hi\r\n\r\nbody\r\n.dot line\r\n',
);
const sendNow = (writeDot: () => void) => {
  writeDot();
  return true;
};

describe('SMTP session', () => {
  const servers: SMTPServer[] = [];
  after(async () => {
    for (const server of servers) await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  async function server(
    options: SMTPServerOptions,
  ): Promise<{ port: number; subjects: string[]; secured: boolean[] }> {
    const subjects: string[] = [];
    const secured: boolean[] = [];
    const smtp = new SMTPServer({
      logger: false,
      ...options,
      onData(stream, session, callback) {
        secured.push(session.secure);
        simpleParser(stream).then(
          (mail) => {
            subjects.push(mail.subject ?? '');
            callback();
          },
          (error: Error) => callback(error),
        );
      },
    });
    servers.push(smtp);
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    return { port: (smtp.server.address() as AddressInfo).port, subjects, secured };
  }

  const onAuth: SMTPServerOptions['onAuth'] = (auth, _session, callback) => {
    if (auth.username === 'digest' && auth.password === 's3cret:pw') callback(null, { user: auth.username });
    else callback(Object.assign(new Error('Invalid credentials'), { responseCode: 535 }));
  };

  it('upgrades to TLS with STARTTLS and signs in with AUTH PLAIN', async () => {
    const { port, subjects, secured } = await server({ onAuth, authMethods: ['PLAIN', 'LOGIN'] });
    const endpoint = parseSmtpUrl(`smtp://digest:s3cret%3Apw@127.0.0.1:${port}?tls.rejectUnauthorized=false`);
    const session = await SmtpSession.open(endpoint, 5000);
    const reply = await session.send({ from: 'a@paperboard.test', to: 'b@example.org' }, RAW, sendNow);
    assert.match(reply, /^250/);
    await session.quit();
    assert.deepEqual(subjects, ['hi']);
    assert.deepEqual(secured, [true]);
  });

  it('signs in with AUTH LOGIN when that is all the server offers', async () => {
    const { port, subjects } = await server({
      onAuth,
      authMethods: ['LOGIN'],
      disabledCommands: ['STARTTLS'],
    });
    const session = await SmtpSession.open(parseSmtpUrl(`smtp://digest:s3cret%3Apw@127.0.0.1:${port}`), 5000);
    await session.send({ from: 'a@paperboard.test', to: 'b@example.org' }, RAW, sendNow);
    await session.quit();
    assert.deepEqual(subjects, ['hi']);
  });

  it('a wrong password is an error with the server’s 535', async () => {
    const { port } = await server({ onAuth, disabledCommands: ['STARTTLS'] });
    await assert.rejects(
      SmtpSession.open(parseSmtpUrl(`smtp://digest:wrong@127.0.0.1:${port}`), 5000),
      (error: unknown) => error instanceof SmtpError && error.stage === 'auth' && error.replyCode === 535,
    );
  });

  it('refuses to go on in the clear when SMTP_URL requires TLS and the server has no STARTTLS', async () => {
    const { port } = await server({ authOptional: true, disabledCommands: ['STARTTLS'] });
    await assert.rejects(
      SmtpSession.open(parseSmtpUrl(`smtp://127.0.0.1:${port}?requireTLS=true`), 5000),
      (error: unknown) => error instanceof SmtpError && error.stage === 'starttls',
    );
  });

  it('a server that does not speak SMTP is a clear error, not a hang or a crash', async () => {
    const garbage = createServer((socket) => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n'));
    await new Promise<void>((resolve) => garbage.listen(0, '127.0.0.1', resolve));
    const port = (garbage.address() as AddressInfo).port;
    await assert.rejects(
      SmtpSession.open(parseSmtpUrl(`smtp://127.0.0.1:${port}`), 2000),
      (error: unknown) => {
        return error instanceof SmtpError && error.stage === 'greeting';
      },
    );
    garbage.close();
  });

  it('dot-stuffs lines that start with a dot and ends the body with CRLF', () => {
    assert.equal(stuffDots(Buffer.from('.a\r\nb\r\n.\r\nc')).toString(), '..a\r\nb\r\n..\r\nc\r\n');
    assert.equal(stuffDots(Buffer.from('x\ny\n')).toString(), 'x\r\ny\r\n');
  });

  it('reads SMTP_URL like nodemailer: ports, TLS, credentials, options', () => {
    assert.deepEqual(parseSmtpUrl('smtps://u%40x:p@mail.example.org'), {
      host: 'mail.example.org',
      port: 465,
      isSecure: true,
      isTlsRequired: false,
      isTlsIgnored: false,
      auth: { user: 'u@x', pass: 'p' },
      tls: {},
      clientName: 'paperboard.localhost',
    });
    const plain = parseSmtpUrl('smtp://relay:2525?requireTLS=true&tls.rejectUnauthorized=false');
    assert.deepEqual(
      [plain.port, plain.isSecure, plain.isTlsRequired, plain.tls, plain.auth],
      [2525, false, true, { rejectUnauthorized: false }, undefined],
    );
  });
});
