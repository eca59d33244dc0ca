// /admin/digests (admins): subscribers by status, the outbox by state over the last days, the next
// retry, and the recent sending runs with what came of each.

import type { OutboxState, SubscriberStatus } from '../../db/schema.js';
import type { DigestRun, DigestRunCounts } from '../../store/digest-runs.js';
import { Layout, type Site } from './layout.js';
import { StatusBadge } from './subscription-pages.js';

const SUBSCRIBER_STATUSES: SubscriberStatus[] = ['active', 'pending', 'unsubscribed', 'bouncing'];
const OUTBOX_STATES: OutboxState[] = [
  'pending',
  'claimed',
  'committing',
  'sent',
  'skipped',
  'failed',
  'bounced',
  'cancelled',
];

const RUN_COUNTS: Array<[keyof DigestRunCounts, string]> = [
  ['enqueued', 'Enqueued'],
  ['composed', 'Composed'],
  ['sent', 'Sent'],
  ['skippedEmpty', 'Skipped empty'],
  ['retried', 'Retried'],
  ['bounced', 'Bounced'],
  ['failed', 'Failed'],
  ['uncertain', 'Uncertain, resent'],
];

/** `2026-08-21T12:00:00.000Z` → `2026-08-21 12:00:00` (UTC, as the table header says). */
const Moment = (props: { iso: string | null | undefined }) =>
  props.iso ? <time datetime={props.iso}>{props.iso.slice(0, 19).replace('T', ' ')}</time> : <span>—</span>;

export interface DigestAdminView {
  subscribers: Record<SubscriberStatus, number>;
  outbox: Partial<Record<OutboxState, number>>;
  outboxDays: number;
  nextRetryAt: string | undefined;
  runs: DigestRun[];
  /** SMTP_URL is set: without it the mailer only logs, so no digest reaches anyone. */
  isMailConfigured: boolean;
}

export const DigestAdminPage = (props: { site: Site; view: DigestAdminView }) => {
  const { view } = props;
  return (
    <Layout site={props.site} meta={{ title: 'Digests', isNoIndex: true }}>
      <h1>Digests</h1>
      {view.isMailConfigured ? null : (
        <p class="banner info" role="note">
          <strong>Email is not set up: digests are not being delivered.</strong> SMTP_URL is unset, so every
          digest (and every sign-in link) is written to the server log instead of being sent. Set SMTP_URL
          (for example <code>smtp://user:password@mail.example.org:587</code>) and restart.
        </p>
      )}
      <div class="stat-grid">
        <section aria-labelledby="subscribers-heading" class="stat-card">
          <h2 id="subscribers-heading">Subscribers</h2>
          <dl class="counts">
            {SUBSCRIBER_STATUSES.map((status) => (
              <div>
                <dt>
                  <StatusBadge status={status} />
                </dt>
                <dd>{view.subscribers[status]}</dd>
              </div>
            ))}
          </dl>
        </section>
        <section aria-labelledby="outbox-heading" class="stat-card">
          <h2 id="outbox-heading">Outbox, last {view.outboxDays} days</h2>
          <dl class="counts">
            {OUTBOX_STATES.map((state) => (
              <div>
                <dt>{state}</dt>
                <dd>{view.outbox[state] ?? 0}</dd>
              </div>
            ))}
          </dl>
          <p class="muted">
            Next retry: <Moment iso={view.nextRetryAt} /> {view.nextRetryAt ? 'UTC' : null}
          </p>
        </section>
      </div>
      <section aria-labelledby="preview-heading">
        <h2 id="preview-heading">Preview a digest</h2>
        <form method="get" action="/admin/digests/preview" class="field-row preview-form">
          <div class="field">
            <label for="preview-email">Subscriber’s email</label>
            <input id="preview-email" type="email" name="email" required />
          </div>
          <div class="field">
            <label for="preview-date">As sent on (optional)</label>
            <input id="preview-date" type="date" name="date" />
          </div>
          <div class="field">
            <button type="submit" class="button">
              Preview
            </button>
          </div>
        </form>
      </section>
      <section aria-labelledby="runs-heading">
        <h2 id="runs-heading">Recent runs</h2>
        {view.runs.length === 0 ? (
          <p class="muted">No digest has been sent yet.</p>
        ) : (
          <div class="table-scroll">
            <table class="runs-table">
              <thead>
                <tr>
                  <th scope="col">Started (UTC)</th>
                  <th scope="col">Finished</th>
                  <th scope="col">Instance</th>
                  <th scope="col">Frequency</th>
                  <th scope="col">Dry run</th>
                  {RUN_COUNTS.map(([, label]) => (
                    <th scope="col" class="number">
                      {label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {view.runs.map((run) => (
                  <tr>
                    <td>
                      <Moment iso={run.startedAt} />
                    </td>
                    <td>{run.finishedAt ? <Moment iso={run.finishedAt} /> : 'running or stopped'}</td>
                    <td>{run.instance}</td>
                    <td>{run.frequency ?? 'all'}</td>
                    <td>{run.isDryRun ? 'yes' : 'no'}</td>
                    {RUN_COUNTS.map(([key]) => (
                      <td class="number">{String(run[key])}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </Layout>
  );
};
