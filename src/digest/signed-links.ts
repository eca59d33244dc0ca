// Links in digest emails that act for their subscriber without a sign-in: the preferences page and
// unsubscribe (including RFC 8058 one-click). Each carries an HMAC of the subscriber id and link
// version under the site's secret (kept in the database, shared by every instance); raising a
// subscriber's link_version (by hand, for a leaked link) voids every link sent before.

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DatabaseHandle } from '../db/connection.js';
import type { Database } from '../db/schema.js';
import { getOrCreateSecret } from '../store/app-secrets.js';

const SECRET_NAME = 'digest-links';

export interface LinkSubject {
  id: number;
  linkVersion: number;
}

export class DigestLinks {
  constructor(
    private readonly secret: string,
    private readonly baseUrl: string,
  ) {}

  /** The site's link signer, creating its secret on first use. */
  static async load(db: Kysely<Database>, baseUrl: string, now: Date): Promise<DigestLinks> {
    const secret = await getOrCreateSecret(db, SECRET_NAME, () => randomBytes(32).toString('base64url'), now);
    return new DigestLinks(secret, baseUrl.replace(/\/+$/, ''));
  }

  private readonly tokens = new Map<string, string>();

  token(subject: LinkSubject): string {
    const key = `${subject.id}:${subject.linkVersion}`;
    let token = this.tokens.get(key);
    if (token === undefined) {
      token = createHmac('sha256', this.secret).update(`digest:${key}`).digest('base64url').slice(0, 32);
      // A digest asks three times per subscriber (preferences, unsubscribe, mailto); keep it bounded.
      if (this.tokens.size >= 10_000) this.tokens.clear();
      this.tokens.set(key, token);
    }
    return token;
  }

  /** Whether `token` was signed for this subscriber's current link version. */
  verify(subject: LinkSubject, token: string): boolean {
    const expected = Buffer.from(this.token(subject));
    const given = Buffer.from(token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /** Path of the preferences page (also reached from the unsubscribe page). */
  preferencesPath(subject: LinkSubject): string {
    return `/subscription/${subject.id}/${this.token(subject)}`;
  }

  preferencesUrl(subject: LinkSubject): string {
    return `${this.baseUrl}${this.preferencesPath(subject)}`;
  }

  /** GET shows a confirmation button; POST (the button, or a mail client's one-click) unsubscribes. */
  unsubscribeUrl(subject: LinkSubject): string {
    return `${this.baseUrl}${this.preferencesPath(subject)}/unsubscribe`;
  }
}

const signers = new WeakMap<DatabaseHandle, Promise<DigestLinks>>();

/** The link signer of a database, loaded once per process (pages need it on every request). */
export function digestLinksFor(database: DatabaseHandle, baseUrl: string, now: Date): Promise<DigestLinks> {
  let signer = signers.get(database);
  if (!signer) {
    signer = DigestLinks.load(database.db, baseUrl, now);
    signer.catch(() => signers.delete(database));
    signers.set(database, signer);
  }
  return signer;
}
