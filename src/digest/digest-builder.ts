// Everything one digest run needs to turn an outbox row into a message: the windows' papers (loaded
// and indexed once per window), the renderer with its per-paper cache, the link signer, and the
// sender identity. Used by delivery, `digest send --dry-run` and `digest preview`.

import addressparser from 'nodemailer/lib/addressparser';
import type { DatabaseHandle } from '../db/connection.js';
import type { DigestPreferences } from '../model/digest-preferences.js';
import type { DigestFrequency } from '../model/digest-schedule.js';
import { listBoard } from '../store/paper-reads.js';
import type { Subscriber } from '../store/subscribers.js';
import { composeDigest, type DigestContent, isEmptyDigest } from './compose.js';
import { buildDigestMessage, type DigestMessage, digestMessageId } from './message.js';
import { PeriodPapers, WINDOW_PAPER_LIMIT } from './period-papers.js';
import { DigestRenderer, type RenderedDigest } from './render-email.js';
import { type DigestLinks, digestLinksFor } from './signed-links.js';

/** How far back "already shown to this subscriber" reaches; older papers left every window long ago. */
export const SHOWN_MEMORY_DAYS = 60;

export interface DigestIdentity {
  siteName: string;
  baseUrl: string;
  /** The From header, e.g. `Paperboard <digest@example.org>`. */
  mailFrom: string;
  /** DIGEST_UNSUBSCRIBE_MAILTO: '' for the From address, `none` for no mailto link. */
  unsubscribeMailto: string;
}

export interface DigestWindow {
  frequency: DigestFrequency;
  windowFrom: string;
  windowTo: string;
}

export interface BuiltDigest {
  content: DigestContent;
  rendered: RenderedDigest;
}

export class DigestBuilder {
  private readonly periods = new Map<string, Promise<PeriodPapers>>();
  private readonly renderer: DigestRenderer;
  /** The envelope sender: the bare address of MAIL_FROM. */
  readonly envelopeFrom: string;
  private readonly mailto: string | undefined;
  private readonly listId: string;
  /** The site's host name, for Message-IDs (parsed once, not per message). */
  private readonly host: string;

  private constructor(
    private readonly database: DatabaseHandle,
    private readonly identity: DigestIdentity,
    readonly links: DigestLinks,
  ) {
    this.renderer = new DigestRenderer({ name: identity.siteName, baseUrl: identity.baseUrl });
    const parsed = addressparser(identity.mailFrom, { flatten: true })[0];
    this.envelopeFrom = parsed?.address || identity.mailFrom;
    this.mailto =
      identity.unsubscribeMailto === 'none' ? undefined : identity.unsubscribeMailto || this.envelopeFrom;
    this.host = new URL(identity.baseUrl).hostname;
    this.listId = `${identity.siteName} digest <digest.${this.host}>`;
  }

  static async create(database: DatabaseHandle, identity: DigestIdentity, now: Date): Promise<DigestBuilder> {
    return new DigestBuilder(database, identity, await digestLinksFor(database, identity.baseUrl, now));
  }

  /** The papers of a window of board dates, loaded once per run. */
  period(windowFrom: string, windowTo: string): Promise<PeriodPapers> {
    const key = `${windowFrom}/${windowTo}`;
    let period = this.periods.get(key);
    if (!period) {
      period = listBoard(this.database.db, {
        from: windowFrom,
        to: windowTo,
        limit: WINDOW_PAPER_LIMIT,
        offset: 0,
        order: 'trending',
      }).then((page) => new PeriodPapers(windowFrom, windowTo, page.items));
      this.periods.set(key, period);
    }
    return period;
  }

  /** The subscriber's digest for a window, or undefined when it would have nothing new. */
  async build(
    subscriber: Pick<Subscriber, 'id' | 'linkVersion'> & DigestPreferences,
    window: DigestWindow,
    alreadyShown: ReadonlySet<number>,
  ): Promise<BuiltDigest | undefined> {
    const period = await this.period(window.windowFrom, window.windowTo);
    const content = composeDigest(subscriber, period, alreadyShown);
    if (isEmptyDigest(content)) return undefined;
    const rendered = this.renderer.render(content, {
      frequency: window.frequency,
      date: window.windowTo,
      windowFrom: window.windowFrom,
      preferencesUrl: this.links.preferencesUrl(subscriber),
      unsubscribeUrl: this.links.unsubscribeUrl(subscriber),
    });
    return { content, rendered };
  }

  /** The MIME message of a built digest for outbox row `outboxId`. */
  /** The MIME message of a built digest for outbox row `outbox`, made for the server's capabilities. */
  message(
    digest: BuiltDigest,
    to: Pick<Subscriber, 'id' | 'linkVersion' | 'email'>,
    outbox: { id: number; periodKey: string },
    date: Date,
  ): { messageId: string; raw: (server: { isEightBit: boolean }) => Buffer } {
    const messageId = digestMessageId(outbox.id, outbox.periodKey, this.host);
    const message: DigestMessage = {
      from: this.identity.mailFrom,
      to: to.email,
      rendered: digest.rendered,
      messageId,
      date,
      unsubscribeUrl: this.links.unsubscribeUrl(to),
      listId: this.listId,
      ...(this.mailto
        ? {
            unsubscribeMailto: {
              address: this.mailto,
              subject: `unsubscribe ${to.id}-${this.links.token(to)}`,
            },
          }
        : {}),
    };
    return { messageId, raw: ({ isEightBit }) => buildDigestMessage(message, isEightBit) };
  }

  async close(): Promise<void> {
    for (const period of this.periods.values()) (await period).close();
    this.periods.clear();
  }
}
