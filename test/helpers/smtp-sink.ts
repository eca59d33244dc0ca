// A real SMTP server in the test process (smtp-server) that parses every message it receives
// (mailparser), so tests assert on the mail a user would get: headers, bodies, links. It can answer
// like a troubled server too: refuse a message with a given reply (451 then 250, 550 …), slow down.
// A message counts as received only when its DATA ended with the dot, as with a real MTA.

import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** Envelope recipients, as the server saw them. */
  to: string[];
  mail: ParsedMail;
}

export interface SinkReply {
  code: number;
  message: string;
}

export interface SmtpSinkOptions {
  /**
   * Decides the reply to a whole message (after its dot): undefined accepts it; a reply refuses
   * it. `attempt` counts this recipient's deliveries so far, from 1.
   */
  replyTo?: (recipient: string, attempt: number) => SinkReply | undefined;
  /** Milliseconds to wait before answering each message (a slow server). */
  delayMs?: number;
  /** Skip parsing (benchmarks): count messages only. */
  isCountOnly?: boolean;
  /** Called after each accepted message with the number accepted so far. */
  onAccepted?: (count: number) => void;
  /** Refuses every MAIL FROM with this reply (a server that will not take mail from us). */
  refuseSender?: SinkReply;
}

export interface SmtpSink {
  url: string;
  received: ReceivedMail[];
  /** Messages refused by `replyTo`, by recipient. */
  refused: Array<{ to: string; code: number }>;
  /** How many messages the server accepted (equals received.length unless isCountOnly). */
  acceptedCount(): number;
  /** Resolves once `count` messages have arrived (rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  const refused: Array<{ to: string; code: number }> = [];
  const attempts = new Map<string, number>();
  let accepted = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 10 * 1024 * 1024,
    onMailFrom(_address, _session, callback) {
      const reply = options.refuseSender;
      callback(reply ? Object.assign(new Error(reply.message), { responseCode: reply.code }) : undefined);
    },
    onData(stream, session, callback) {
      const to = session.envelope.rcptTo.map((r) => r.address);
      const parsed = options.isCountOnly
        ? new Promise<undefined>((resolve, reject) => {
            stream.on('end', () => resolve(undefined));
            stream.on('error', reject);
            stream.resume();
          })
        : simpleParser(stream);
      parsed
        .then(async (mail) => {
          if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
          const recipient = to[0] ?? '';
          const attempt = (attempts.get(recipient) ?? 0) + 1;
          attempts.set(recipient, attempt);
          const reply = options.replyTo?.(recipient, attempt);
          if (reply) {
            refused.push({ to: recipient, code: reply.code });
            callback(Object.assign(new Error(reply.message), { responseCode: reply.code }));
            return;
          }
          accepted++;
          if (mail) received.push({ to, mail });
          callback();
          options.onAccepted?.(accepted);
        })
        .catch((error: Error) => callback(error));
    },
  });
  // A client killed mid-session resets its connection; the server reports it here (unhandled, it
  // would be an uncaught exception in the test process).
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refused,
    acceptedCount: () => accepted,
    async waitFor(count, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} message(s), got ${received.length}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return received;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
