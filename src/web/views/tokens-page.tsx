// /account/tokens: the signed-in reader's personal access tokens for the API: each token's name,
// scope, creation and last use, a revoke button, and the form to make a new one. A new token's
// secret is shown here once, right after it is made, and never again (only its hash is stored).

import type { ApiToken } from '../../store/api-tokens.js';
import { Layout, type Site } from './layout.js';

export const MAX_TOKEN_NAME = 100;

const when = (iso: string | null) =>
  iso ? <time datetime={iso}>{`${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`}</time> : 'never';

export const TokensPage = (props: {
  site: Site;
  tokens: ApiToken[];
  /** The secret of the token just made: shown this once. */
  created?: { name: string; secret: string };
  error?: string;
}) => (
  <Layout site={props.site} meta={{ title: 'API tokens', canonicalPath: '/account/tokens', isNoIndex: true }}>
    <div class="board-head">
      <div>
        <p class="eyebrow">Account</p>
        <h1>API tokens</h1>
        <p class="board-meta">
          A token lets a script, agent or Hugging Face's client act for you through the API, sent as{' '}
          <code>Authorization: Bearer &lt;token&gt;</code>. <strong>read</strong> tokens can read (and see
          your private lists); <strong>write</strong> tokens can also submit papers, comment, upvote and
          change your reading lists. See <a href="/api/openapi.json">the API description</a>.
        </p>
      </div>
    </div>
    {props.created ? (
      <section class="form-card" aria-labelledby="new-token-heading">
        <h2 id="new-token-heading">Your new token “{props.created.name}”</h2>
        <p>Copy it now: it is shown only this once and cannot be recovered, only revoked.</p>
        <p>
          <code id="new-token-secret">{props.created.secret}</code>
        </p>
      </section>
    ) : null}
    {props.error ? (
      <p class="notice error" role="alert">
        {props.error}
      </p>
    ) : null}
    {props.tokens.length > 0 ? (
      <table class="tokens">
        <thead>
          <tr>
            <th>Name</th>
            <th>Scope</th>
            <th>Created</th>
            <th>Last used</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {props.tokens.map((token) => (
            <tr id={`token-${token.id}`}>
              <td>{token.name}</td>
              <td>{token.scope}</td>
              <td>{when(token.createdAt)}</td>
              <td>{when(token.lastUsedAt)}</td>
              <td>
                {token.revokedAt ? (
                  <>revoked {when(token.revokedAt)}</>
                ) : (
                  <form method="post" action={`/account/tokens/${token.id}/revoke`}>
                    <button type="submit" class="button">
                      Revoke
                    </button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    ) : (
      <p class="muted">No tokens yet.</p>
    )}
    <section class="form-card" aria-labelledby="make-token-heading">
      <h2 id="make-token-heading">New token</h2>
      <form method="post" action="/account/tokens" class="stacked-form">
        <label for="token-name">Name (what it is for)</label>
        <input id="token-name" type="text" name="name" required maxlength={MAX_TOKEN_NAME} />
        <fieldset>
          <legend>Scope</legend>
          <label>
            <input type="radio" name="scope" value="read" checked /> read
          </label>
          <label>
            <input type="radio" name="scope" value="write" /> write
          </label>
        </fieldset>
        <button type="submit" class="button primary">
          Make token
        </button>
      </form>
    </section>
  </Layout>
);
