// A reader's public profile at /users/:username: who they are, the papers they put on the board,
// their reading lists (public ones; their own private ones too when it is their profile) and their
// comments.

import { raw } from 'hono/html';
import { MIN_PASSWORD_LENGTH } from '../../accounts/passwords.js';
import { renderCommentHtml } from '../../community/comment-markdown.js';
import type { Collection } from '../../store/collections.js';
import type { UserComment } from '../../store/comments.js';
import type { PaperView } from '../../store/paper-reads.js';
import type { User } from '../../store/users.js';
import { CollectionLinks } from './collection-parts.js';
import { formatDay } from './format.js';
import { Layout, type Site } from './layout.js';
import { PaperList, paperPath } from './paper-card.js';
import { DigestSettings, type DigestSettingsProps } from './subscription-pages.js';
import { Tex } from './tex.js';
import { upvotesPath } from './upvotes-page.js';

export const ProfilePage = (props: {
  site: Site;
  user: User;
  isOwn: boolean;
  /** The reader looking is an admin: ban and unban forms. */
  isAdminViewing: boolean;
  submissions: PaperView[];
  collections: Collection[];
  comments: UserComment[];
  votedIds: ReadonlySet<number>;
  /** The reader's own digest subscription (their own profile only). */
  digest?: DigestSettingsProps | undefined;
}) => {
  const { user } = props;
  const path = `/users/${encodeURIComponent(user.username)}`;
  return (
    <Layout
      site={props.site}
      meta={{ title: `${user.displayName} (@${user.username})`, canonicalPath: path }}
    >
      <section class="profile" aria-labelledby="profile-heading">
        <h1 id="profile-heading">{user.displayName}</h1>
        <p class="muted">
          @{user.username}
          {user.isAdmin ? ' · admin' : ''} · joined{' '}
          <time datetime={user.createdAt}>{user.createdAt.slice(0, 10)}</time>
        </p>
        {user.isBanned ? <p class="form-error">Banned.</p> : null}
        {props.isAdminViewing && !props.isOwn ? (
          user.isBanned ? (
            <form method="post" action={`/moderation/users/${user.id}/unban`} class="stacked-form">
              <button type="submit" class="button">
                Unban @{user.username}
              </button>
            </form>
          ) : (
            <details>
              <summary>Ban @{user.username}</summary>
              <form method="post" action={`/moderation/users/${user.id}/ban`} class="stacked-form">
                <label for="ban-reason">Reason (logged)</label>
                <input id="ban-reason" type="text" name="reason" maxlength={1000} />
                <label>
                  <input type="checkbox" name="hide_comments" /> Also hide all their comments
                </label>
                <button type="submit" class="button">
                  Ban
                </button>
              </form>
            </details>
          )
        ) : null}
        {props.isOwn ? (
          <details>
            <summary>Set a password (optional)</summary>
            <form method="post" action="/account/password" class="stacked-form">
              <label for="new-password">New password (at least {MIN_PASSWORD_LENGTH} characters)</label>
              <input
                id="new-password"
                type="password"
                name="password"
                required
                minlength={MIN_PASSWORD_LENGTH}
                autocomplete="new-password"
              />
              <button type="submit" class="button">
                Save password
              </button>
            </form>
          </details>
        ) : null}
        {props.isOwn ? (
          <p>
            <a href="/account/tokens">API tokens</a>: let scripts and agents use the API as you.
          </p>
        ) : null}
        {props.isOwn ? (
          <form method="post" action="/signout/everywhere">
            <button type="submit" class="button">
              Sign out on every device
            </button>
          </form>
        ) : null}
      </section>
      {props.isOwn && props.digest ? <DigestSettings {...props.digest} /> : null}
      {props.isOwn ? (
        <p>
          <a href={upvotesPath(user.username)}>Your upvoted papers</a> (only you can see them)
        </p>
      ) : null}
      <section aria-labelledby="submissions-heading">
        <h2 id="submissions-heading">Submitted papers ({props.submissions.length})</h2>
        {props.submissions.length > 0 ? (
          <PaperList papers={props.submissions} votedIds={props.votedIds} back={path} />
        ) : (
          <p class="muted">None yet.</p>
        )}
      </section>
      <section aria-labelledby="collections-heading">
        <h2 id="collections-heading">Reading lists ({props.collections.length})</h2>
        {props.collections.length > 0 ? (
          <CollectionLinks collections={props.collections} />
        ) : (
          <p class="muted">None yet.</p>
        )}
        {props.isOwn ? (
          <p>
            <a href="/collections">Manage your lists</a>
          </p>
        ) : null}
      </section>
      <section aria-labelledby="comments-heading" class="discussion">
        <h2 id="comments-heading">Comments ({props.comments.length})</h2>
        {props.comments.length > 0 ? (
          <ol class="comment-thread">
            {props.comments.map((comment) => (
              <li class="comment" id={`comment-${comment.id}`}>
                <div class="comment-head">
                  on{' '}
                  <a href={`${paperPath(comment.arxivId)}#comment-${comment.id}`}>
                    <Tex text={comment.paperTitle} isInlineOnly />
                  </a>{' '}
                  <span class="muted">
                    <time datetime={comment.createdAt}>{formatDay(comment.createdAt)}</time>
                  </span>
                </div>
                <div class="comment-body">{raw(renderCommentHtml(comment.body))}</div>
              </li>
            ))}
          </ol>
        ) : (
          <p class="muted">None yet.</p>
        )}
      </section>
    </Layout>
  );
};
