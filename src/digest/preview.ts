// Previews: the compose and render steps alone, for what a subscriber's digest would hold if it went
// out now (or on a given day), enqueueing, sending and recording nothing: `paperboard digest preview`
// writes it to a file, admins open it at /admin/digests/preview, `digest send --dry-run` counts them.

import type { DatabaseHandle } from '../db/connection.js';
import { type DigestPeriod, periodAt } from '../model/digest-schedule.js';
import { requestedInstant } from '../store/digest-enqueue.js';
import { shownPaperIds } from '../store/digest-outbox.js';
import { findSubscriberByEmail, type Subscriber } from '../store/subscribers.js';
import { type DigestIdentity, DigestPipeline, type RenderedContent } from './pipeline.js';

export type DigestPreview =
  | { kind: 'not_subscribed' }
  /** `digest` is undefined when the window holds nothing new for them (no digest would be sent). */
  | { kind: 'preview'; subscriber: Subscriber; period: DigestPeriod; digest: RenderedContent | undefined };

/**
 * What each subscriber's digest would hold if sent now (or on `day`), given what earlier digests
 * showed them; undefined where nothing is new. For previews and `digest send --dry-run`.
 */
export async function previewDigests(
  database: DatabaseHandle,
  pipeline: DigestPipeline,
  subscribers: Subscriber[],
  request: { day?: string | undefined; now: Date },
): Promise<Array<{ subscriber: Subscriber; period: DigestPeriod; digest: RenderedContent | undefined }>> {
  const shown = await shownPaperIds(
    database.db,
    subscribers.map((s) => s.id),
    request.now,
  );
  const composed = [];
  for (const subscriber of subscribers) {
    const period = periodAt(subscriber, requestedInstant(subscriber, request.now, request.day));
    const digest = await pipeline.composeAndRender(subscriber, period, shown.get(subscriber.id) ?? new Set());
    composed.push({ subscriber, period, digest });
  }
  return composed;
}

export async function previewDigest(
  database: DatabaseHandle,
  identity: DigestIdentity,
  request: { email: string; day?: string; now: Date },
): Promise<DigestPreview> {
  const subscriber = await findSubscriberByEmail(database.db, request.email);
  if (!subscriber) return { kind: 'not_subscribed' };
  const pipeline = await DigestPipeline.create(database, identity, request.now);
  try {
    const [composed] = await previewDigests(database, pipeline, [subscriber], request);
    if (!composed) throw new Error('previewDigests returned nothing for one subscriber');
    return { kind: 'preview', ...composed };
  } finally {
    await pipeline.close();
  }
}
