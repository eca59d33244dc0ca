// Builds a digest's MIME message (nodemailer's MailComposer): both bodies, a Message-ID that stays
// the same on every retry of the same digest (receivers that saw it once drop a repeat), the List-*
// headers of RFC 2369 and RFC 8058 one-click unsubscribe, and Auto-Submitted (RFC 3834) so
// auto-responders stay quiet.

import MailComposer from 'nodemailer/lib/mail-composer';
import type { RenderedDigest } from './render-email.js';

export interface DigestMessage {
  from: string;
  to: string;
  rendered: RenderedDigest;
  messageId: string;
  date: Date;
  unsubscribeUrl: string;
  /** `mailto:` address for unsubscribe requests, with its subject; none to offer only the https link. */
  unsubscribeMailto?: { address: string; subject: string };
  /** List-Id: a stable identifier of the digest "list". */
  listId: string;
}

/** `<digest.42.daily-2026-11-30@host>`: unique per outbox row, repeated on retries. */
export function digestMessageId(outboxId: number, periodKey: string, baseUrl: string): string {
  return `<digest.${outboxId}.${periodKey.replace(/[^A-Za-z0-9-]/g, '-')}@${new URL(baseUrl).hostname}>`;
}

export function buildDigestMessage(message: DigestMessage): Promise<Buffer> {
  const unsubscribe = [`<${message.unsubscribeUrl}>`];
  if (message.unsubscribeMailto) {
    const { address, subject } = message.unsubscribeMailto;
    unsubscribe.push(`<mailto:${address}?subject=${encodeURIComponent(subject)}>`);
  }
  return new MailComposer({
    from: message.from,
    to: message.to,
    subject: message.rendered.subject,
    text: message.rendered.text,
    html: message.rendered.html,
    messageId: message.messageId,
    date: message.date,
    headers: {
      'List-Unsubscribe': unsubscribe.join(', '),
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'List-Id': message.listId,
      'Auto-Submitted': 'auto-generated',
    },
  })
    .compile()
    .build();
}
