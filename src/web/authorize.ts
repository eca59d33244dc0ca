// Who may do what, decided here for every route that changes something: signed-in readers (not
// banned — a banned reader's session no longer loads, see session.ts) and admins.

import type { Context } from 'hono';
import type { AppContext } from '../context.js';
import type { User } from '../store/users.js';
import { renderError } from './render.js';

export type Gate =
  | { viewer: User; response?: undefined }
  | { viewer?: undefined; response: Response | Promise<Response> };

/** A signed-in reader, or a redirect to sign in. */
export function requireReader(c: Context): Gate {
  const viewer = c.get('viewer');
  return viewer ? { viewer } : { response: c.redirect('/signin', 303) };
}

/** An admin; anonymous readers are sent to sign in, others refused with 403. */
export function requireAdmin(c: Context, ctx: AppContext): Gate {
  const gate = requireReader(c);
  if (!gate.viewer || gate.viewer.isAdmin) return gate;
  return { response: renderError(c, ctx, 403, 'Only admins can do that.') };
}
