// Who may do what, decided here for every route that changes something: signed-in readers (not
// banned — a banned reader's session no longer loads, see session.ts), admins, and the owners of
// reading lists (who alone change them; who sees a list is model/collection.ts's canViewCollection).

import type { Context } from 'hono';
import type { AppContext } from '../context.js';
import { canViewCollection } from '../model/collection.js';
import type { Collection } from '../store/collections.js';
import type { User } from '../store/users.js';
import { renderError } from './render.js';
import { signInHref } from './return-path.js';

export type Gate =
  | { viewer: User; response?: undefined }
  | { viewer?: undefined; response: Response | Promise<Response> };

/** A signed-in reader, or a redirect to sign in (that comes back to a page asked for with GET). */
export function requireReader(c: Context): Gate {
  const viewer = c.get('viewer');
  if (viewer) return { viewer };
  const url = new URL(c.req.url);
  const here = c.req.method === 'GET' ? `${url.pathname}${url.search}` : '/';
  return { response: c.redirect(signInHref(here, c.req.method === 'GET' ? 'page' : undefined), 303) };
}

/** An admin; anonymous readers are sent to sign in, others refused with 403. */
export function requireAdmin(c: Context, ctx: AppContext): Gate {
  const gate = requireReader(c);
  if (!gate.viewer || gate.viewer.isAdmin) return gate;
  return { response: renderError(c, ctx, 403, 'Only admins can do that.') };
}

/**
 * The owner of a reading list, to change it; admins do not edit other readers' lists. Anonymous
 * readers are sent to sign in; others get 404 for a list they cannot see (so a private list's
 * existence does not leak) and 403 for one they can.
 */
export function requireCollectionOwner(
  c: Context,
  ctx: AppContext,
  collection: Collection | undefined,
):
  | { viewer: User; collection: Collection; response?: undefined }
  | { viewer?: undefined; response: Response | Promise<Response> } {
  const gate = requireReader(c);
  if (!gate.viewer) return gate;
  if (collection && gate.viewer.id === collection.ownerId) return { viewer: gate.viewer, collection };
  if (!collection || !canViewCollection(gate.viewer, collection)) {
    return { response: renderError(c, ctx, 404, 'There is no such reading list.') };
  }
  return { response: renderError(c, ctx, 403, 'Only its owner can change this reading list.') };
}
