// The pages of signing in by emailed link: ask for a link, "check your inbox", and the
// "Continue" step a link opens (its POST uses the link, so mail scanners cannot).

import { Layout, type Site } from './layout.js';

/** The place to return to after signing in, carried by both forms ('/' needs no field). */
const NextField = (props: { next: string | undefined }) =>
  props.next && props.next !== '/' ? <input type="hidden" name="next" value={props.next} /> : null;

export const SignInPage = (props: {
  site: Site;
  email?: string;
  error?: string;
  /** A safe same-site path (return-path.ts) to land on after signing in. */
  next?: string;
  /** Why the reader was sent here ("Sign in to upvote papers."). */
  reason?: string | undefined;
}) => (
  <Layout site={props.site} meta={{ title: 'Sign in', canonicalPath: '/signin', isNoIndex: true }}>
    <section class="form-card" aria-labelledby="signin-heading">
      <h1 id="signin-heading">Sign in</h1>
      {props.reason ? (
        <p class="form-note">
          {props.reason}
          {props.next && props.next !== '/' ? ' You will come back to where you were.' : ''}
        </p>
      ) : null}
      <p class="muted">
        We email you a link that signs you in — no password needed. New here? The link creates your account.
      </p>
      {props.error ? (
        <p class="form-error" role="alert">
          {props.error}
        </p>
      ) : null}
      <form method="post" action="/signin" class="stacked-form">
        <NextField next={props.next} />
        <label for="signin-email">Email address</label>
        <input
          id="signin-email"
          type="email"
          name="email"
          required
          autocomplete="email"
          value={props.email ?? ''}
          aria-invalid={props.error ? 'true' : undefined}
        />
        <button type="submit" class="button primary">
          Email me a sign-in link
        </button>
      </form>
      <details class="password-signin">
        <summary>Or sign in with a password</summary>
        <form method="post" action="/signin/password" class="stacked-form">
          <NextField next={props.next} />
          <label for="password-email">Email address</label>
          <input id="password-email" type="email" name="email" required autocomplete="username" />
          <label for="password-password">Password</label>
          <input
            id="password-password"
            type="password"
            name="password"
            required
            autocomplete="current-password"
          />
          <button type="submit" class="button">
            Sign in
          </button>
        </form>
        <p class="muted">Set a password from your profile after signing in with a link.</p>
      </details>
    </section>
  </Layout>
);

export const CheckInboxPage = (props: { site: Site; email: string; minutes: number }) => (
  <Layout site={props.site} meta={{ title: 'Check your inbox', isNoIndex: true }}>
    <section class="form-card" aria-labelledby="inbox-heading">
      <h1 id="inbox-heading">Check your inbox</h1>
      <p>
        We sent a sign-in link to <strong>{props.email}</strong>. Open it in this browser within{' '}
        {props.minutes} minutes; it works once.
      </p>
      <p class="muted">
        No email? Look in the spam folder, or <a href="/signin">ask for another link</a>.
      </p>
    </section>
  </Layout>
);

export const ContinueSignInPage = (props: { site: Site; token: string }) => (
  <Layout site={props.site} meta={{ title: 'Sign in', isNoIndex: true }}>
    <section class="form-card" aria-labelledby="continue-heading">
      <h1 id="continue-heading">Continue signing in</h1>
      <form method="post" action="/signin/verify" class="stacked-form">
        <input type="hidden" name="token" value={props.token} />
        <button type="submit" class="button primary">
          Sign in to {props.site.name}
        </button>
      </form>
    </section>
  </Layout>
);
