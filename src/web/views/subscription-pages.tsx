// A subscriber's own pages, reached by the signed link in every digest: preferences (status, next
// digest in their time zone, the form, unsubscribe), the unsubscribe confirmation and "you are
// unsubscribed" (with resubscribe); and the digest section of a signed-in reader's profile.

import type { SubscriberStatus } from '../../db/schema.js';
import type { Subscriber } from '../../store/subscribers.js';
import { FormProblems, PreferencesFields, type PreferencesFormValues } from './digest-preferences-fields.js';
import { Layout, type Site } from './layout.js';

const STATUS_LABELS: Record<SubscriberStatus, string> = {
  active: 'Active',
  pending: 'Waiting for confirmation',
  unsubscribed: 'Unsubscribed',
  bouncing: 'Stopped: mail bounced',
};

/** A send time as the subscriber reads it on their clock: "Monday 24 August 2026, 08:00". */
export function formatSendTime(iso: string, timeZone: string): string {
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  for (const part of format.formatToParts(new Date(iso))) parts[part.type] = part.value;
  return `${parts.weekday} ${parts.day} ${parts.month} ${parts.year}, ${parts.hour}:${parts.minute}`;
}

export const StatusBadge = (props: { status: SubscriberStatus }) => (
  <span class={`status-badge status-${props.status}`}>{STATUS_LABELS[props.status]}</span>
);

/** What the subscription does now, in a sentence or two. */
const StatusLine = (props: { subscriber: Subscriber }) => {
  const { subscriber } = props;
  if (subscriber.status === 'active' && subscriber.nextDueAt) {
    return (
      <p>
        Next digest:{' '}
        <time datetime={subscriber.nextDueAt}>
          {formatSendTime(subscriber.nextDueAt, subscriber.timeZone)}
        </time>{' '}
        <span class="muted">({subscriber.timeZone.replaceAll('_', ' ')})</span>.
      </p>
    );
  }
  if (subscriber.status === 'pending') {
    return <p>No digests yet: open the link in the confirmation email to start them.</p>;
  }
  if (subscriber.status === 'bouncing') {
    return <p>Digests to this address kept bouncing, so they were stopped.</p>;
  }
  return <p>No digests are sent to this address.</p>;
};

const ResubscribeForm = (props: { path: string }) => (
  <form method="post" action={`${props.path}/resubscribe`} class="stacked-form">
    <button type="submit" class="button primary">
      Resubscribe
    </button>
  </form>
);

/** Whether the subscriber may turn digests back on from a signed link (they confirmed the address once). */
function canResubscribe(subscriber: Subscriber): boolean {
  return subscriber.status !== 'active' && subscriber.confirmedAt !== null;
}

/** The banners a redirect to the preferences page may ask for (`?notice=`). */
export const PREFERENCES_NOTICES = {
  saved: 'Your preferences are saved.',
  subscribed: 'You are subscribed. Choose what the digest brings you below.',
  resubscribed: 'You are subscribed again, with the preferences you had.',
} as const;

export type PreferencesNotice = keyof typeof PREFERENCES_NOTICES;

export const PreferencesPage = (props: {
  site: Site;
  subscriber: Subscriber;
  /** The signed path of this page; its forms post to it and below it. */
  path: string;
  values: PreferencesFormValues;
  problems?: string[];
  notice?: PreferencesNotice | undefined;
}) => {
  const { subscriber, path } = props;
  return (
    <Layout site={props.site} meta={{ title: 'Digest preferences', isNoIndex: true }}>
      <section class="form-card wide" aria-labelledby="prefs-heading">
        <h1 id="prefs-heading">Your digest</h1>
        {props.notice ? (
          <p class="banner info" role="status">
            {PREFERENCES_NOTICES[props.notice]}
          </p>
        ) : null}
        <p class="subscriber-line">
          <strong>{subscriber.email}</strong> <StatusBadge status={subscriber.status} />
        </p>
        <StatusLine subscriber={subscriber} />
        {canResubscribe(subscriber) ? <ResubscribeForm path={path} /> : null}
        <FormProblems problems={props.problems ?? []} />
        <form method="post" action={path} class="stacked-form prefs-form">
          <PreferencesFields values={props.values} />
          <button type="submit" class="button primary">
            Save preferences
          </button>
        </form>
        {subscriber.status === 'unsubscribed' ? null : (
          <form method="post" action={`${path}/unsubscribe`} class="stacked-form unsubscribe-form">
            <button type="submit" class="button danger">
              Unsubscribe
            </button>
          </form>
        )}
      </section>
    </Layout>
  );
};

export const UnsubscribePage = (props: { site: Site; subscriber: Subscriber; path: string }) => (
  <Layout site={props.site} meta={{ title: 'Unsubscribe', isNoIndex: true }}>
    <section class="form-card" aria-labelledby="unsubscribe-heading">
      <h1 id="unsubscribe-heading">Unsubscribe?</h1>
      <p>
        Stop sending the {props.site.name} digest to <strong>{props.subscriber.email}</strong>.
      </p>
      <form method="post" action={`${props.path}/unsubscribe`} class="stacked-form">
        <button type="submit" class="button danger">
          Unsubscribe
        </button>
      </form>
      <p class="muted">
        Too many emails? <a href={props.path}>Get a weekly digest, or fewer papers, instead</a>.
      </p>
    </section>
  </Layout>
);

export const UnsubscribedPage = (props: { site: Site; subscriber: Subscriber; path: string }) => (
  <Layout site={props.site} meta={{ title: 'Unsubscribed', isNoIndex: true }}>
    <section class="form-card" aria-labelledby="unsubscribed-heading">
      <h1 id="unsubscribed-heading">You are unsubscribed</h1>
      <p>
        <strong>{props.subscriber.email}</strong> gets no more {props.site.name} digests.
      </p>
      {canResubscribe(props.subscriber) ? (
        <>
          <p class="muted">Changed your mind? Your preferences are kept.</p>
          <ResubscribeForm path={props.path} />
        </>
      ) : null}
    </section>
  </Layout>
);

export interface DigestSettingsProps {
  /** The reader's account address, which digests go to. */
  email: string;
  subscription?: { subscriber: Subscriber; preferencesPath: string } | undefined;
}

/** The digest section of a reader's own profile: subscribe at once, or status and a link to preferences. */
export const DigestSettings = (props: DigestSettingsProps) => {
  const current = props.subscription;
  const isActive = current?.subscriber.status === 'active';
  return (
    <section id="digest" class="digest-settings" aria-labelledby="digest-heading">
      <h2 id="digest-heading">Email digest</h2>
      {current ? (
        <>
          <p>
            {props.email} <StatusBadge status={current.subscriber.status} />
          </p>
          <StatusLine subscriber={current.subscriber} />
        </>
      ) : (
        <p class="muted">Trending papers and new papers on your topics, by email to {props.email}.</p>
      )}
      {isActive ? null : (
        <form method="post" action="/account/digest" class="inline-form">
          <input type="hidden" name="time_zone" value="UTC" data-browser-time-zone="" />
          <button type="submit" class="button primary">
            {current && current.subscriber.status !== 'pending' ? 'Subscribe again' : 'Subscribe'}
          </button>
        </form>
      )}
      {current ? (
        <p>
          <a href={current.preferencesPath}>Change what you get{isActive ? ', or unsubscribe' : ''}</a>
        </p>
      ) : null}
    </section>
  );
};
