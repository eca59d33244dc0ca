// The pages of subscribing to the email digest without an account: the subscribe form, the
// "check your inbox" answer (the same whether or not the address was subscribed already), and the
// "Confirm subscription" step a confirmation link opens (its POST confirms, so mail scanners cannot).

import { FormProblems, PreferencesFields, type PreferencesFormValues } from './digest-preferences-fields.js';
import { Layout, type Site } from './layout.js';

export const SubscribePage = (props: {
  site: Site;
  email?: string;
  values: PreferencesFormValues;
  problems?: string[];
  /** Nothing chosen yet: app.js may preselect the browser's time zone. */
  isFresh?: boolean;
}) => {
  const problems = props.problems ?? [];
  return (
    <Layout
      site={props.site}
      meta={{
        title: 'Get the digest',
        canonicalPath: '/subscribe',
        description: `Trending research papers from ${props.site.name} in your inbox, daily or weekly.`,
      }}
    >
      <section class="form-card wide" aria-labelledby="subscribe-heading">
        <h1 id="subscribe-heading">Get the digest</h1>
        <p class="muted">
          The trending papers, and new papers on your topics, by email: every weekday or once a week. We email
          you a link to confirm first; every digest has a link to change these choices or unsubscribe.
        </p>
        <FormProblems problems={problems} />
        <form method="post" action="/subscribe" class="stacked-form prefs-form">
          <div class="field">
            <label for="subscribe-email">Email address</label>
            <input
              id="subscribe-email"
              type="email"
              name="email"
              required
              autocomplete="email"
              value={props.email ?? ''}
            />
          </div>
          <PreferencesFields values={props.values} isBrowserZoneDefault={props.isFresh} />
          <button type="submit" class="button primary">
            Get the digest
          </button>
        </form>
        <p class="muted">
          Have an account? <a href="/signin">Sign in</a> and subscribe from your profile, no confirmation
          needed.
        </p>
      </section>
    </Layout>
  );
};

export const SubscribeInboxPage = (props: { site: Site; email: string; hours: number }) => (
  <Layout site={props.site} meta={{ title: 'Check your inbox', isNoIndex: true }}>
    <section class="form-card" aria-labelledby="inbox-heading">
      <h1 id="inbox-heading">Check your inbox</h1>
      <p>
        We sent an email to <strong>{props.email}</strong>. Open the link in it to confirm your subscription
        (it works for {props.hours} hours). If this address already gets the digest, the email links to its
        preferences instead.
      </p>
      <p class="muted">
        No email? Look in the spam folder, or <a href="/subscribe">try again</a>.
      </p>
    </section>
  </Layout>
);

export const ConfirmSubscriptionPage = (props: { site: Site; token: string }) => (
  <Layout site={props.site} meta={{ title: 'Confirm subscription', isNoIndex: true }}>
    <section class="form-card" aria-labelledby="confirm-heading">
      <h1 id="confirm-heading">Confirm subscription</h1>
      <p>Start receiving the {props.site.name} digest at the address this link was sent to.</p>
      <form method="post" action="/subscribe/confirm" class="stacked-form">
        <input type="hidden" name="token" value={props.token} />
        <button type="submit" class="button primary">
          Confirm subscription
        </button>
      </form>
    </section>
  </Layout>
);
