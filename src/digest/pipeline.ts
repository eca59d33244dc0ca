// The compose → render → MIME steps of one digest run, with what they share across subscribers: the
// windows' papers (loaded and indexed once per window), the renderer with its per-paper cache, the
// link signer and the sender identity. Used by the send step, `digest send --dry-run` and previews.

import addressparser from 'nodemailer/lib/addressparser';
import type { DatabaseHandle } from '../db/connection.js';
import type { DigestPreferences } from '../model/digest-preferences.js';
import type { DigestFrequency } from '../model/digest-schedule.js';
import { listBoard } from '../store/paper-reads.js';
import type { Subscriber } from '../store/subscribers.js';
import { composeDigest, type DigestContent, isEmptyDigest } from './compose.js';
import { buildMime, digestMessageId, type MimeFields } from './mime.js';
import { PeriodPapers, WINDOW_PAPER_LIMIT } from './period-papers.js';
import { DigestRenderer, type RenderedDigest } from './render.js';
import { type DigestLinks, digestLinksFor } from './signed-links.js';

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

/** A subscriber's digest composed and rendered (what a preview shows). */
export interface RenderedContent {
  content: DigestContent;
  rendered: RenderedDigest;
}

type Reader = Pick<Subscriber, 'id' | 'linkVersion'>;

export class DigestPipeline {
  private readonly periods = new Map<string, Promise<PeriodPapers>>();
  private readonly renderer: DigestRenderer;
  /** The envelope sender (MAIL FROM): the From address without its display name. */
  readonly envelopeFrom: string;
  private readonly mailto: string | undefined;
  private readonly host: string;
  private readonly listId: string;

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

  static async create(
    database: DatabaseHandle,
    identity: DigestIdentity,
    now: Date,
  ): Promise<DigestPipeline> {
    return new DigestPipeline(database, identity, await digestLinksFor(database, identity.baseUrl, now));
  }

  /** The papers of a window of board dates, read from the store once per run. */
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

  /** Compose: the papers of the subscriber's digest for a window, or undefined when nothing is new. */
  async compose(
    subscriber: DigestPreferences,
    window: DigestWindow,
    alreadyShown: ReadonlySet<number>,
  ): Promise<DigestContent | undefined> {
    const content = composeDigest(
      subscriber,
      await this.period(window.windowFrom, window.windowTo),
      alreadyShown,
    );
    return isEmptyDigest(content) ? undefined : content;
  }

  /** Render: the digest's HTML and text, with the subscriber's signed links. */
  render(content: DigestContent, subscriber: Reader, window: DigestWindow): RenderedDigest {
    return this.renderer.render(content, {
      frequency: window.frequency,
      date: window.windowTo,
      windowFrom: window.windowFrom,
      preferencesUrl: this.links.preferencesUrl(subscriber),
      unsubscribeUrl: this.links.unsubscribeUrl(subscriber),
    });
  }

  /** Compose and render (previews and dry runs); undefined when nothing is new. */
  async composeAndRender(
    subscriber: Reader & DigestPreferences,
    window: DigestWindow,
    alreadyShown: ReadonlySet<number>,
  ): Promise<RenderedContent | undefined> {
    const content = await this.compose(subscriber, window, alreadyShown);
    return content && { content, rendered: this.render(content, subscriber, window) };
  }

  /**
   * MIME: the message of a rendered digest for outbox row `outbox`, built when the SMTP session
   * knows the server's capabilities (8BITMIME).
   */
  mime(
    rendered: RenderedDigest,
    to: Reader & Pick<Subscriber, 'email'>,
    outbox: { id: number; periodKey: string },
    date: Date,
  ): { messageId: string; raw: (server: { isEightBit: boolean }) => Buffer } {
    const messageId = digestMessageId(outbox.id, outbox.periodKey, this.host);
    const fields: MimeFields = {
      from: this.identity.mailFrom,
      to: to.email,
      rendered,
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
    return { messageId, raw: ({ isEightBit }) => buildMime(fields, isEightBit) };
  }

  async close(): Promise<void> {
    for (const period of this.periods.values()) (await period).close();
    this.periods.clear();
  }
}
