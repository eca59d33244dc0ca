// /submit: put a paper on today's board by arXiv id or URL.

import { signInHref } from '../return-path.js';
import { Layout, type Site } from './layout.js';
import { paperPath } from './paper-card.js';

export interface SubmitNotice {
  kind: 'error' | 'duplicate';
  message: string;
  arxivId?: string;
}

export const SubmitPage = (props: {
  site: Site;
  input?: string;
  notice?: SubmitNotice;
  limits: { maxAgeDays: number; dailyLimit: number };
}) => (
  <Layout site={props.site} meta={{ title: 'Submit a paper', canonicalPath: '/submit', isNoIndex: true }}>
    <section class="form-card" aria-labelledby="submit-heading">
      <h1 id="submit-heading">Submit a paper</h1>
      <p class="muted">
        Put an arXiv paper on today’s board for others to read, upvote and discuss.{' '}
        {props.site.viewer?.isAdmin
          ? 'As an admin you can place any paper: the age and daily limits do not apply to you.'
          : `Papers first published in the last ${props.limits.maxAgeDays} days; up to ${props.limits.dailyLimit} a day.`}
      </p>
      {props.notice ? (
        <p class={props.notice.kind === 'error' ? 'form-error' : 'form-note'} role="alert">
          {props.notice.message}{' '}
          {props.notice.arxivId ? <a href={paperPath(props.notice.arxivId)}>See it</a> : null}
        </p>
      ) : null}
      {props.site.viewer ? (
        <form method="post" action="/submit" class="stacked-form" data-busy-label="Looking up on arXiv…">
          <label for="submit-id">arXiv id or URL</label>
          <input
            id="submit-id"
            type="text"
            name="paper"
            required
            placeholder="2401.12345 or https://arxiv.org/abs/2401.12345"
            value={props.input ?? ''}
            aria-invalid={props.notice?.kind === 'error' ? 'true' : undefined}
          />
          <button type="submit" class="button primary">
            Put it on the board
          </button>
        </form>
      ) : (
        <p>
          <a class="button primary" href={signInHref('/submit', 'submit')}>
            Sign in to submit
          </a>
        </p>
      )}
    </section>
  </Layout>
);
