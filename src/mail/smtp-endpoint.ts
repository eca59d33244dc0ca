// Where digests are sent and how a connection to it opens: SMTP_URL read as nodemailer reads it,
// the socket (TLS from the first byte for smtps://), and the error every SMTP step fails with.

import net from 'node:net';
import tls from 'node:tls';
import { parseConnectionUrl } from 'nodemailer/lib/shared';

export interface SmtpEndpoint {
  host: string;
  port: number;
  /** TLS from the first byte (smtps://, usually port 465). */
  isSecure: boolean;
  /** Refuse to go on without STARTTLS (`?requireTLS=true`). */
  isTlsRequired: boolean;
  /** Skip STARTTLS even when offered (`?ignoreTLS=true`). */
  isTlsIgnored: boolean;
  auth?: { user: string; pass: string };
  tls: tls.ConnectionOptions;
  /** Our name in EHLO. */
  clientName: string;
}

/** SMTP_URL as nodemailer reads it: smtp(s)://user:pass@host:port?requireTLS=true&tls.rejectUnauthorized=false … */
export function parseSmtpUrl(url: string, clientName = 'paperboard.localhost'): SmtpEndpoint {
  const options = parseConnectionUrl(url) as {
    host?: string;
    port?: number;
    secure?: boolean;
    requireTLS?: boolean;
    ignoreTLS?: boolean;
    name?: string;
    auth?: { user: string; pass: string };
    tls?: tls.ConnectionOptions;
  };
  const isSecure = options.secure === true;
  return {
    host: options.host ?? 'localhost',
    port: options.port ?? (isSecure ? 465 : 587),
    isSecure,
    isTlsRequired: options.requireTLS === true,
    isTlsIgnored: options.ignoreTLS === true,
    ...(options.auth?.user ? { auth: options.auth } : {}),
    tls: options.tls ?? {},
    clientName: options.name ?? clientName,
  };
}

/** A refusal by the server (its reply code and text) or a failure to talk to it (no code). */
export class SmtpError extends Error {
  override name = 'SmtpError';
  constructor(
    message: string,
    /** The step that failed: connect, greeting, ehlo, starttls, auth, mail, rcpt, data, message. */
    readonly stage: string,
    /** The server's reply code; undefined for network failures and timeouts. */
    readonly replyCode?: number,
    /** The dot went out but no verdict came back: the server may well have the message. */
    readonly isInDoubt = false,
  ) {
    super(message);
  }
}

export function servername(host: string): string | undefined {
  return net.isIP(host) ? undefined : host;
}

export function connect(endpoint: SmtpEndpoint, timeoutMs: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = endpoint.isSecure
      ? tls.connect({
          ...endpoint.tls,
          host: endpoint.host,
          port: endpoint.port,
          servername: endpoint.tls.servername ?? servername(endpoint.host),
        })
      : net.connect({ host: endpoint.host, port: endpoint.port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(
        new SmtpError(`could not connect to ${endpoint.host}:${endpoint.port} in ${timeoutMs} ms`, 'connect'),
      );
    }, timeoutMs);
    socket.once(endpoint.isSecure ? 'secureConnect' : 'connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(
        new SmtpError(`could not connect to ${endpoint.host}:${endpoint.port}: ${error.message}`, 'connect'),
      );
    });
  });
}
