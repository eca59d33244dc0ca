// A reader's public profile at /users/:username.

import type { User } from '../../store/users.js';
import { Layout, type Site } from './layout.js';

export const ProfilePage = (props: { site: Site; user: User; isOwn: boolean }) => {
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
        {props.isOwn ? (
          <form method="post" action="/signout/everywhere">
            <button type="submit" class="button">
              Sign out on every device
            </button>
          </form>
        ) : null}
      </section>
    </Layout>
  );
};
