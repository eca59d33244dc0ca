// A pool of SMTP connections for bulk mail (digests) that lets the caller act at the one moment a
// message becomes the server's: just before the terminating "." of DATA (RFC 5321 §4.1.1.4).
// nodemailer's own pool reads a message before DATA is accepted, so it cannot offer that moment;
// this drives nodemailer's SMTPConnection (the protocol, TLS and AUTH stay nodemailer's) and hands
// it a message stream that ends only after the caller's `beforeCommit` has resolved.

import { Readable } from 'node:stream';
import { parseConnectionUrl } from 'nodemailer/lib/shared';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import type { Logger } from '../lib/logger.js';

export interface PoolMessage {
  from: string;
  to: string;
  /** The whole MIME message. */
  raw: Buffer;
  /**
   * Runs once the server has taken the envelope and the body is on its way, before the final dot.
   * Resolving false (or rejecting) abandons the message: the connection is dropped before the
   * dot, so the server discards it.
   */
  beforeCommit?: () => Promise<boolean> | boolean;
}

export type SendOutcome =
  | { ok: true; response: string }
  | {
      ok: false;
      /** permanent: a 5xx reply; transient: 4xx, a lost connection or timeout; abandoned: beforeCommit said no. */
      kind: 'permanent' | 'transient' | 'abandoned';
      /** The dot may have reached the server (the failure came after beforeCommit succeeded without a reply). */
      isInDoubt: boolean;
      responseCode?: number;
      message: string;
    };

export interface SmtpPoolOptions {
  url: string;
  /** Connections kept open at most. */
  size: number;
  log: Logger;
  /** Per-connection socket inactivity timeout. */
  socketTimeoutMs?: number;
  /** Messages per connection before it is replaced (servers limit this too). */
  maxMessagesPerConnection?: number;
}

class AbandonedError extends Error {
  override name = 'AbandonedError';
}

interface Job {
  message: PoolMessage;
  resolve(outcome: SendOutcome): void;
}

interface PooledConnection {
  connection: SMTPConnection;
  sent: number;
}

type SmtpError = Error & { code?: string; responseCode?: number; response?: string };

/** A 5xx reply is permanent (503, "bad sequence", is the session's fault, not the message's). */
function isPermanent(error: SmtpError): boolean {
  const code = error.responseCode ?? 0;
  return code >= 500 && code < 600 && code !== 503;
}

export class SmtpPool {
  private readonly queue: Job[] = [];
  private readonly idle: PooledConnection[] = [];
  private busy = 0;
  private isClosed = false;
  private readonly connectOptions: ReturnType<typeof parseConnectionUrl>;

  constructor(private readonly options: SmtpPoolOptions) {
    this.connectOptions = parseConnectionUrl(options.url);
  }

  /** Sends one message; never rejects — the outcome says what happened. */
  send(message: PoolMessage): Promise<SendOutcome> {
    if (this.isClosed) {
      return Promise.resolve({
        ok: false,
        kind: 'transient',
        isInDoubt: false,
        message: 'SMTP pool is closed',
      });
    }
    return new Promise((resolve) => {
      this.queue.push({ message, resolve });
      this.pump();
    });
  }

  /** Connections it keeps at most. */
  get size(): number {
    return this.options.size;
  }

  /** Messages waiting for a connection. */
  get backlog(): number {
    return this.queue.length;
  }

  private pump(): void {
    while (this.queue.length > 0 && this.busy < this.options.size) {
      const job = this.queue.shift() as Job;
      this.busy++;
      this.run(job).finally(() => {
        this.busy--;
        this.pump();
      });
    }
  }

  private async run(job: Job): Promise<void> {
    let pooled: PooledConnection;
    try {
      pooled = this.idle.pop() ?? (await this.open());
    } catch (error) {
      const e = error as SmtpError;
      job.resolve({
        ok: false,
        kind: 'transient',
        isInDoubt: false,
        message: `could not connect: ${e.message}`,
      });
      return;
    }
    const outcome = await this.transmit(pooled, job.message);
    job.resolve(outcome.result);
    pooled.sent++;
    const limit = this.options.maxMessagesPerConnection ?? 100;
    if (outcome.isReusable && !this.isClosed && pooled.sent < limit) this.idle.push(pooled);
    else pooled.connection.quit();
  }

  private open(): Promise<PooledConnection> {
    const { auth, ...rest } = this.connectOptions;
    const connection = new SMTPConnection({
      ...rest,
      socketTimeout: this.options.socketTimeoutMs ?? 60_000,
      connectionTimeout: 30_000,
      greetingTimeout: 30_000,
      logger: false,
    } as ConstructorParameters<typeof SMTPConnection>[0]);
    return new Promise((resolve, reject) => {
      let isSettled = false;
      connection.once('error', (error: Error) => {
        if (!isSettled) {
          isSettled = true;
          reject(error);
        }
      });
      connection.connect(() => {
        const ready = () => {
          isSettled = true;
          // Later errors surface through the send callback; a listener keeps them from crashing us.
          connection.on('error', (error: Error) =>
            this.options.log.debug({ err: error }, 'SMTP connection error'),
          );
          resolve({ connection, sent: 0 });
        };
        const credentials = auth as { user?: string; pass?: string } | undefined;
        if (!credentials?.user) return ready();
        connection.login({ user: credentials.user, pass: credentials.pass ?? '' }, (error) => {
          if (error) {
            isSettled = true;
            connection.close();
            reject(error);
          } else ready();
        });
      });
    });
  }

  private transmit(
    pooled: PooledConnection,
    message: PoolMessage,
  ): Promise<{ result: SendOutcome; isReusable: boolean }> {
    let isCommitted = false;
    const body = gatedStream(message.raw, async () => {
      const proceed = message.beforeCommit ? await message.beforeCommit() : true;
      if (!proceed) throw new AbandonedError('the message was abandoned before it was committed');
      isCommitted = true;
    });
    return new Promise((resolve) => {
      pooled.connection.send({ from: message.from, to: [message.to] }, body, (error, info) => {
        if (!error) {
          resolve({ result: { ok: true, response: info?.response ?? '' }, isReusable: true });
          return;
        }
        const e = error as SmtpError;
        if (e.message.includes('abandoned') || body.errored instanceof AbandonedError) {
          // Mid-DATA without the dot: only dropping the connection ends the transaction safely.
          pooled.connection.close();
          resolve({
            result: { ok: false, kind: 'abandoned', isInDoubt: false, message: e.message },
            isReusable: false,
          });
          return;
        }
        const hasReply = typeof e.responseCode === 'number';
        // A refusal of the envelope or message leaves a usable session (after RSET); anything else
        // (a lost connection, a timeout) needs a new connection.
        const isSessionIntact =
          hasReply && (e.code === 'EENVELOPE' || e.code === 'EMESSAGE') && e.responseCode !== 421;
        const result: SendOutcome = {
          ok: false,
          kind: isPermanent(e) ? 'permanent' : 'transient',
          // Committed but no verdict from the server: it may well have the message.
          isInDoubt: isCommitted && !hasReply,
          ...(hasReply ? { responseCode: e.responseCode } : {}),
          message: e.response ?? e.message,
        };
        if (!isSessionIntact) {
          pooled.connection.close();
          resolve({ result, isReusable: false });
          return;
        }
        pooled.connection.reset((resetError) => {
          if (resetError) pooled.connection.close();
          resolve({ result, isReusable: !resetError });
        });
      });
    });
  }

  /** Closes idle connections (QUIT); in-flight sends finish first. */
  async close(): Promise<void> {
    this.isClosed = true;
    while (this.busy > 0) await new Promise((resolve) => setTimeout(resolve, 10));
    for (const pooled of this.idle.splice(0)) pooled.connection.quit();
  }
}

/**
 * The message body, then — only when the connection asks for more after it — the commit gate; the
 * stream ends (and nodemailer writes the dot) once the gate passes, or fails if it does not.
 */
function gatedStream(raw: Buffer, gate: () => Promise<void>): Readable {
  let step = 0;
  return new Readable({
    read() {
      if (step === 0) {
        step = 1;
        this.push(raw);
      } else if (step === 1) {
        step = 2;
        gate().then(
          () => this.push(null),
          (error: unknown) => this.destroy(error instanceof Error ? error : new Error(String(error))),
        );
      }
    },
  });
}
