// One-off email through nodemailer — sign-in links, subscription confirmations and preference links,
// @mention notices — over a pooled SMTP transport to SMTP_URL, or, when none is configured
// (development, the offline sample), a transport that logs each message so its link can be followed
// from the log. Digests go through smtp-pool.ts instead, which controls when the final dot is written.

import nodemailer from 'nodemailer';
import type { Logger } from '../lib/logger.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  headers?: Record<string, string>;
}

export interface Mailer {
  /** Resolves with the Message-ID once the server accepted the message; rejects with its error. */
  send(message: MailMessage): Promise<{ messageId: string }>;
  close(): void;
}

export interface MailerOptions {
  smtpUrl: string;
  from: string;
  log: Logger;
}

export function createMailer(options: MailerOptions): Mailer {
  const logOnly = options.smtpUrl === '';
  const transport = logOnly
    ? nodemailer.createTransport({ jsonTransport: true })
    : // Pooled: a burst of mail (digests) reuses a few connections instead of one per message.
      nodemailer.createTransport({ url: options.smtpUrl, pool: true, maxConnections: 3 });
  return {
    async send(message) {
      const info = await transport.sendMail({ from: options.from, ...message });
      if (logOnly) {
        options.log.info(
          { to: message.to, subject: message.subject, text: message.text },
          'email not sent (no SMTP_URL): logged instead',
        );
      } else {
        options.log.info(
          { to: message.to, subject: message.subject, message_id: info.messageId },
          'email sent',
        );
      }
      return { messageId: info.messageId };
    },
    close() {
      transport.close();
    },
  };
}
