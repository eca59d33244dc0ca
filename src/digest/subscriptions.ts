// Subscribing by email with double opt-in: a request emails a confirmation link (or, to an address
// already receiving digests, its preferences link — the page answers the same either way, so it
// never tells whether an address is subscribed); the link's POST activates the subscription.

import { hashSecret, newSecret } from '../accounts/secrets.js';
import type { DatabaseHandle } from '../db/connection.js';
import { escapeHtml } from '../lib/html.js';
import type { Mailer } from '../mail/mailer.js';
import type { DigestPreferences } from '../model/digest-preferences.js';
import { confirmSubscription, requestSubscription, type Subscriber } from '../store/subscribers.js';
import type { DigestLinks } from './signed-links.js';

/** How long a confirmation link works. */
export const CONFIRM_LINK_HOURS = 48;

export interface SubscriptionDeps {
  database: DatabaseHandle;
  mailer: Mailer;
  links: DigestLinks;
  site: { name: string; baseUrl: string };
  now: Date;
}

/** Handles "subscribe me" for an address (already normalised); resolves once the email is sent. */
export async function requestDigestSubscription(
  deps: SubscriptionDeps,
  email: string,
  prefs: DigestPreferences,
): Promise<void> {
  const token = newSecret();
  const outcome = await requestSubscription(deps.database.db, {
    email,
    prefs,
    tokenHash: hashSecret(token),
    expiresAt: new Date(deps.now.getTime() + CONFIRM_LINK_HOURS * 3_600_000).toISOString(),
    now: deps.now,
  });
  const { name, baseUrl } = deps.site;
  if (outcome.kind === 'active') {
    const manage = deps.links.preferencesUrl(outcome.subscriber);
    await deps.mailer.send({
      to: email,
      subject: `You already get the ${name} digest`,
      text: `Someone (maybe you) asked to subscribe this address to the ${name} digest, which it already receives.\n\nChange what you get, or unsubscribe: ${manage}\n`,
      html: `<p>Someone (maybe you) asked to subscribe this address to the ${escapeHtml(name)} digest, which it already receives.</p>
<p><a href="${escapeHtml(manage)}">Change what you get, or unsubscribe</a></p>`,
    });
    return;
  }
  const link = `${baseUrl}/subscribe/confirm?token=${encodeURIComponent(token)}`;
  await deps.mailer.send({
    to: email,
    subject: `Confirm your ${name} digest`,
    text: [
      `Confirm that you want the ${name} digest of trending papers at this address:`,
      '',
      link,
      '',
      `The link works for ${CONFIRM_LINK_HOURS} hours. If you did not ask for this, ignore this email: nothing is sent without confirmation.`,
    ].join('\n'),
    html: `<p>Confirm that you want the ${escapeHtml(name)} digest of trending papers at this address:</p>
<p><a href="${escapeHtml(link)}">Confirm my subscription</a></p>
<p>The link works for ${CONFIRM_LINK_HOURS} hours. If you did not ask for this, ignore this email: nothing is sent without confirmation.</p>`,
  });
}

/** Activates the subscription a confirmation link stands for; undefined when it is unknown, used or expired. */
export function confirmDigestSubscription(
  deps: Pick<SubscriptionDeps, 'database' | 'now'>,
  token: string,
): Promise<Subscriber | undefined> {
  return confirmSubscription(deps.database.db, hashSecret(token), deps.now);
}
