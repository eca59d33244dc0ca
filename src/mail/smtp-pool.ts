// A pool of SMTP sessions (smtp-session.ts) for bulk mail: a few connections reused for many
// messages, each message's outcome classified for retry decisions — permanent (5xx), transient
// (4xx, lost connections, timeouts), abandoned (the caller's commit step said no) — and marked in
// doubt when the final dot went out without a verdict coming back.

import type { Logger } from '../lib/logger.js';
import { parseSmtpUrl, type SmtpEndpoint, SmtpError } from './smtp-endpoint.js';
import { type CommitStep, type MessageContent, SmtpSession } from './smtp-session.js';

export interface PoolMessage {
  from: string;
  to: string;
  /** The whole MIME message, or a builder given what the server accepts. */
  raw: MessageContent;
  /**
   * Makes the message the server's: record it durably, then call writeDot in the same synchronous
   * step; resolve false (without writing the dot) to abandon it. Without one, the dot goes at once.
   */
  commit?: CommitStep;
}

export type SendOutcome =
  | { ok: true; response: string }
  | {
      ok: false;
      /**
       * permanent: the server refused this recipient or message with a 5xx; transient: a 4xx, a lost
       * connection or a timeout; server: the server refused us (greeting, TLS, sign-in, our sender
       * address) — nothing to do with the recipient, and every message would fail alike; abandoned:
       * the commit step said no.
       */
      kind: 'permanent' | 'transient' | 'server' | 'abandoned';
      /** The dot reached the socket but no verdict came back: the server may well have the message. */
      isInDoubt: boolean;
      responseCode?: number;
      message: string;
    };

export interface SmtpPoolOptions {
  url: string;
  /** Connections kept open at most. */
  size: number;
  log: Logger;
  /** Per-session inactivity timeout. */
  timeoutMs?: number;
  /** Messages per connection before it is replaced (servers limit this too). */
  maxMessagesPerConnection?: number;
}

interface Job {
  message: PoolMessage;
  resolve(outcome: SendOutcome): void;
}

interface Pooled {
  session: SmtpSession;
  sent: number;
}

/** A 5xx reply is permanent (503, "bad sequence", is the session's fault, not the message's). */
function isPermanent(code: number | undefined): boolean {
  return code !== undefined && code >= 500 && code < 600 && code !== 503;
}

const sendNow: CommitStep = (writeDot) => {
  writeDot();
  return true;
};

export class SmtpPool {
  private readonly queue: Job[] = [];
  private readonly idle: Pooled[] = [];
  private busy = 0;
  private isClosed = false;
  private readonly endpoint: SmtpEndpoint;

  constructor(private readonly options: SmtpPoolOptions) {
    this.endpoint = parseSmtpUrl(options.url);
  }

  /** Connections it keeps at most. */
  get size(): number {
    return this.options.size;
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
    let pooled: Pooled | undefined = this.idle.pop();
    while (pooled && !pooled.session.isOpen) pooled = this.idle.pop();
    if (!pooled) {
      try {
        pooled = { session: await SmtpSession.open(this.endpoint, this.options.timeoutMs), sent: 0 };
      } catch (error) {
        job.resolve(this.failure(error, false));
        return;
      }
    }
    const { message } = job;
    try {
      const response = await pooled.session.send(
        { from: message.from, to: message.to },
        message.raw,
        message.commit ?? sendNow,
      );
      job.resolve({ ok: true, response });
    } catch (error) {
      job.resolve(this.failure(error, true));
      // A refused message leaves a usable session once reset; anything else ends it.
      if (
        pooled.session.isOpen &&
        error instanceof SmtpError &&
        error.replyCode !== undefined &&
        error.replyCode !== 421
      ) {
        await pooled.session.reset().catch(() => pooled?.session.destroy());
      } else {
        pooled.session.destroy();
      }
    }
    pooled.sent++;
    const limit = this.options.maxMessagesPerConnection ?? 100;
    if (pooled.session.isOpen && !this.isClosed && pooled.sent < limit) this.idle.push(pooled);
    else await pooled.session.quit();
  }

  private failure(error: unknown, isSending: boolean): SendOutcome {
    if (!(error instanceof SmtpError)) {
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, kind: 'transient', isInDoubt: false, message };
    }
    if (error.stage === 'abandoned')
      return { ok: false, kind: 'abandoned', isInDoubt: false, message: error.message };
    if (!isSending) this.options.log.warn({ err: error }, 'could not open an SMTP session');
    // Only a refusal of the recipient or of the message itself says something about the address.
    const isAboutRecipient = ['rcpt', 'data', 'message'].includes(error.stage);
    const isServerRefusal = !isAboutRecipient && error.replyCode !== undefined && error.replyCode >= 500;
    return {
      ok: false,
      kind: isServerRefusal
        ? 'server'
        : isAboutRecipient && isPermanent(error.replyCode)
          ? 'permanent'
          : 'transient',
      isInDoubt: error.isInDoubt,
      ...(error.replyCode !== undefined ? { responseCode: error.replyCode } : {}),
      message: error.message,
    };
  }

  /** Waits for sends in flight, then closes every session (QUIT). */
  async close(): Promise<void> {
    this.isClosed = true;
    while (this.busy > 0) await new Promise((resolve) => setTimeout(resolve, 10));
    await Promise.all(this.idle.splice(0).map((pooled) => pooled.session.quit()));
  }
}
