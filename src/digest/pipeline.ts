// The compose → render → MIME steps of one digest run, with what they share across subscribers: the
// windows' papers (loaded and indexed once per window), the renderer with its per-paper cache, the
// link signer and the sender identity. Used by the send step, `digest send --dry-run` and previews.

import addressparser from 'nodemailer/lib/addressparser';
import type { DatabaseHandle } from '../db/connection.js';
import { type Logger, silentLogger } from '../lib/logger.js';
import type { DigestPreferences } from '../model/digest-preferences.js';
import type { DigestFrequency } from '../model/digest-schedule.js';
import { CandidateCache } from '../recs/candidate-papers.js';
import { ReaderStateLoader } from '../recs/reader-states.js';
import { recommendForReader } from '../recs/recommend.js';
import { getPapersByIds } from '../store/paper-lookups.js';
import { listBoard } from '../store/paper-reads.js';
import type { Subscriber } from '../store/subscribers.js';
import {
  composeDigest,
  type DigestContent,
  type DigestItem,
  digestPaperIds,
  isEmptyDigest,
} from './compose.js';
import { buildMime, digestMessageId, type MimeFields } from './mime.js';
import { PeriodPapers, WINDOW_PAPER_LIMIT } from './period-papers.js';
import { reasonSentence } from './reason-text.js';
import { DigestRenderer, type RenderedDigest } from './render.js';
import { type DigestLinks, digestLinksFor } from './signed-links.js';

/** "Recommended for you" papers in one digest, on top of its topics and trending. */
export const RECOMMENDED_SLOTS = 3;
/** Ranked to fill them: a few spare for papers the digest already holds or showed before. */
const RECOMMENDED_CANDIDATES = 20;

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
/** A subscriber's preferences and, when they subscribed with an account, its user id. */
type Composable = DigestPreferences & { userId?: number | null };

export class DigestPipeline {
  private readonly periods = new Map<string, Promise<PeriodPapers>>();
  /** "Recommended for you" candidates, read once per window for the run like the periods above. */
  private readonly recsCandidates = new CandidateCache({ ttlMs: Number.POSITIVE_INFINITY, maxWindows: 4 });
  /** Accounts' signals and models, read a claimed batch at a time (prefetchReaders). */
  private readerStates: ReaderStateLoader | undefined;
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
    private readonly now: Date,
    private readonly log: Logger,
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
    log: Logger = silentLogger(),
  ): Promise<DigestPipeline> {
    return new DigestPipeline(
      database,
      identity,
      await digestLinksFor(database, identity.baseUrl, now),
      now,
      log,
    );
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
    subscriber: Composable,
    window: DigestWindow,
    alreadyShown: ReadonlySet<number>,
  ): Promise<DigestContent | undefined> {
    const content = composeDigest(
      subscriber,
      await this.period(window.windowFrom, window.windowTo),
      alreadyShown,
    );
    if (subscriber.userId != null) {
      const recommended = await this.recommended(subscriber.userId, window, alreadyShown, content);
      if (recommended.length > 0) content.recommended = recommended;
    }
    return isEmptyDigest(content) ? undefined : content;
  }

  /** Starts reading these accounts' signals and models together (the send step, per claimed batch). */
  prefetchReaders(userIds: readonly number[]): void {
    if (userIds.length > 0) this.readerStatesLoader().prime(userIds);
  }

  private readerStatesLoader(): ReaderStateLoader {
    this.readerStates ??= new ReaderStateLoader(this.database.db);
    return this.readerStates;
  }

  /**
   * The account's "For you" papers of the window that the digest does not already hold and no earlier
   * digest showed; none while the reader's signals are too few (cold) or rank nothing.
   */
  private async recommended(
    userId: number,
    window: DigestWindow,
    alreadyShown: ReadonlySet<number>,
    content: DigestContent,
  ): Promise<DigestItem[]> {
    const dayAfter = new Date(Date.parse(`${window.windowTo}T00:00:00Z`) + 86_400_000);
    const page = await recommendForReader(
      {
        database: this.database,
        now: () => this.now,
        log: this.log,
        recsCandidates: this.recsCandidates,
        readerStates: this.readerStatesLoader(),
      },
      userId,
      {
        from: new Date(`${window.windowFrom}T00:00:00Z`),
        to: dayAfter,
        limit: RECOMMENDED_CANDIDATES,
        offset: 0,
      },
    );
    if (page.state === 'cold') return [];
    const held = new Set(digestPaperIds(content));
    const picks = page.items
      .filter((r) => !held.has(r.paperId) && !alreadyShown.has(r.paperId))
      .slice(0, RECOMMENDED_SLOTS);
    const papers = new Map(
      (
        await getPapersByIds(
          this.database.db,
          picks.map((r) => r.paperId),
        )
      ).map((p) => [p.id, p]),
    );
    return picks.flatMap((r) => {
      const paper = papers.get(r.paperId);
      return paper ? [{ paper, matchedTopics: [], reasons: r.reasons.map(reasonSentence) }] : [];
    });
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
    subscriber: Reader & Composable,
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
