// The MIME step: a rendered digest as its message (RFC 5322, RFC 2045–2047), multipart/alternative
// with the plain text and the HTML in UTF-8 (8bit where the server takes it, base64 otherwise); a
// Message-ID that stays the same on every retry of the same digest (receivers that saw it once drop
// a repeat); the List-* headers of RFC 2369 and RFC 8058 one-click unsubscribe; Auto-Submitted (RFC
// 3834) so auto-responders stay quiet. Assembled here rather than by nodemailer's MailComposer, whose
// stream pipeline cost 0.28 ms a message (28 s of a 100k run); header encoding and folding are still
// nodemailer's mime-funcs.

import addressparser from 'nodemailer/lib/addressparser';
import { encodeWords, foldLines } from 'nodemailer/lib/mime-funcs';
import { type Chunk, chunksToBuffer, type RenderedDigest } from './render.js';

/** What a digest's message is made of: its rendering and its headers. */
export interface MimeFields {
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
export function digestMessageId(outboxId: number, periodKey: string, host: string): string {
  return `<digest.${outboxId}.${periodKey.replace(/[^A-Za-z0-9-]/g, '-')}@${host}>`;
}

function header(name: string, value: string): string {
  return foldLines(`${name}: ${value}`, 76);
}

/** `Display Name <address>` with the name quoted or encoded (RFC 2047) as it needs. */
export function formatMailbox(text: string): string {
  const parsed = addressparser(text, { flatten: true })[0];
  if (!parsed?.address) return text;
  if (!parsed.name) return `<${parsed.address}>`;
  const name = /^[\x20-\x7e]*$/.test(parsed.name)
    ? /^[\w !#$%&'*+/=?^`{|}~-]*$/.test(parsed.name)
      ? parsed.name
      : `"${parsed.name.replace(/["\\]/g, '\\$&')}"`
    : encodeWords(parsed.name, 'Q', 52);
  return `${name} <${parsed.address}>`;
}

/** RFC 5322 date-time in UTC: `Fri, 21 Aug 2026 12:00:00 +0000`. */
export function formatDate(date: Date): string {
  return date.toUTCString().replace(/GMT$/, '+0000');
}

const CRLF = 0x0d0a;

/** Bytes as base64 in lines of 76 (RFC 2045 §6.8), ending with CRLF. */
function base64Lines(bytes: Buffer): Buffer {
  const encoded = Buffer.from(bytes.toString('base64'), 'latin1');
  const lines = Math.ceil(encoded.length / 76);
  const out = Buffer.allocUnsafe(encoded.length + lines * 2);
  let at = 0;
  for (let i = 0; i < encoded.length; i += 76) {
    at += encoded.copy(out, at, i, Math.min(i + 76, encoded.length));
    out.writeUInt16BE(CRLF, at);
    at += 2;
  }
  return out;
}

/** SMTP's limit on a line, in bytes without CRLF (RFC 5321 §4.5.3.1.6). */
const MAX_LINE_BYTES = 998;

function hasLongLine(body: Buffer): boolean {
  let start = 0;
  for (let newline = body.indexOf(0x0a); newline !== -1; newline = body.indexOf(0x0a, start)) {
    if (newline - start > MAX_LINE_BYTES) return true;
    start = newline + 1;
  }
  return body.length - start > MAX_LINE_BYTES;
}

/**
 * The message. `isEightBit` when the server takes 8-bit data (8BITMIME, RFC 6152): each part goes
 * as UTF-8 unless a line is too long for SMTP, which saves base64's encoding (~45 µs a part) and a
 * third of the bytes; otherwise base64.
 */
export function buildMime(message: MimeFields, isEightBit = false): Buffer {
  const unsubscribe = [`<${message.unsubscribeUrl}>`];
  if (message.unsubscribeMailto) {
    const { address, subject } = message.unsubscribeMailto;
    unsubscribe.push(`<mailto:${address}?subject=${encodeURIComponent(subject)}>`);
  }
  // "_" never occurs in base64, and the boundary line never in our text, so it cannot collide.
  const boundary = `=_paperboard_${message.messageId.replace(/[^A-Za-z0-9.-]/g, '')}`;
  const headers = [
    header('From', formatMailbox(message.from)),
    header('To', formatMailbox(message.to)),
    header('Subject', encodeWords(message.rendered.subject, 'Q', 52)),
    header('Date', formatDate(message.date)),
    header('Message-ID', message.messageId),
    'MIME-Version: 1.0',
    header('List-Unsubscribe', unsubscribe.join(', ')),
    'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
    header('List-Id', encodeWords(message.listId, 'Q', 52)),
    'Auto-Submitted: auto-generated',
    `Content-Type: multipart/alternative;\r\n boundary="${boundary}"`,
  ];
  const part = (type: string, chunks: readonly Chunk[]): Buffer[] => {
    // The renderer writes CRLF line ends; a stray bare LF is fixed by dot-stuffing on the wire.
    const utf8 = chunksToBuffer(chunks);
    const isRaw = isEightBit && !hasLongLine(utf8);
    const head = `--${boundary}\r\nContent-Type: ${type}; charset=utf-8\r\nContent-Transfer-Encoding: ${isRaw ? '8bit' : 'base64'}\r\n\r\n`;
    return [Buffer.from(head, 'latin1'), isRaw ? utf8 : base64Lines(utf8), Buffer.from('\r\n', 'latin1')];
  };
  return Buffer.concat([
    Buffer.from(`${headers.join('\r\n')}\r\n\r\n`, 'utf8'),
    ...part('text/plain', message.rendered.textChunks),
    ...part('text/html', message.rendered.htmlChunks),
    Buffer.from(`--${boundary}--\r\n`, 'latin1'),
  ]);
}
