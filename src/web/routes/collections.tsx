// Reading lists: GET /collections (your lists), POST /collections (new list, optionally with a first
// paper), GET /collections/:id (a list's page), POST
// /collections/:id/edit and /delete (owner), POST /collections/add and /remove (a paper, owner; the
// list comes in the form, so the paper page's one <select> works without JavaScript). Who may see a
// list is model/collection.ts's canViewCollection; who may change it, authorize.ts. Feeds and JSON
// are served by api/feeds/page-feeds.ts and api/routes.ts; BibTeX, RIS and CSL-JSON exports by
// citation-exports.ts.

import type { Context, Hono } from 'hono';
import { COLLECTION_REFUSALS } from '../../community/collection-refusals.js';
import { COMMUNITY_LIMITS, hitCommunityLimit } from '../../community/limits.js';
import type { AppContext } from '../../context.js';
import { parseArxivId } from '../../model/arxiv-id.js';
import {
  canViewCollection,
  checkCollectionInput,
  MAX_COLLECTION_PAPERS,
  MAX_COLLECTIONS_PER_READER,
  parseCollectionId,
} from '../../model/collection.js';
import {
  addCollectionPaper,
  type Collection,
  createCollection,
  deleteCollection,
  getCollection,
  listCollectionPapers,
  listUserCollections,
  removeCollectionPaper,
  updateCollection,
} from '../../store/collections.js';
import { getPaper, type PaperView } from '../../store/paper-reads.js';
import type { User } from '../../store/users.js';
import { requireCollectionOwner, requireReader } from '../authorize.js';
import { renderError, renderPage, siteFor } from '../render.js';
import { viewerVotes } from '../viewer-votes.js';
import { CollectionPage } from '../views/collection-page.js';
import { collectionPath } from '../views/collection-parts.js';
import { CollectionsPage } from '../views/collections-page.js';
import { safeReturnPath } from './vote.js';

/** Papers a reader may put on lists per minute (community/limits.ts, shared with the token API). */
export const COLLECTION_ADDS_PER_MINUTE = COMMUNITY_LIMITS['collection-add'].perMinute;
const REFUSALS = COLLECTION_REFUSALS;

function field(form: Record<string, unknown>, name: string): string {
  const value = form[name];
  return typeof value === 'string' ? value : '';
}

export function registerCollectionRoutes(app: Hono, ctx: AppContext): void {
  const db = ctx.database.db;
  const load = async (raw: string) => {
    const id = parseCollectionId(raw);
    return id === undefined ? undefined : getCollection(db, id);
  };

  /** The paper named in a form, or the response that says why there is none. */
  async function formPaper(
    c: Context,
    form: Record<string, unknown>,
  ): Promise<{ paper: PaperView; response?: undefined } | { paper?: undefined; response: Response }> {
    const parsed = parseArxivId(field(form, 'paper'));
    if (!parsed) return { response: await renderError(c, ctx, 400, 'paper must be an arXiv identifier.') };
    const paper = await getPaper(db, parsed.id);
    if (!paper)
      return {
        response: await renderError(c, ctx, 404, `arXiv:${parsed.id} is not on ${ctx.config.siteName}.`),
      };
    return { paper };
  }

  /** Counts one paper added by this reader; a 429 response when over the limit. */
  async function limitAdds(c: Context, viewer: User): Promise<Response | undefined> {
    const hit = await hitCommunityLimit(db, 'collection-add', viewer.id, ctx.now());
    if (hit.allowed) return undefined;
    c.header('Retry-After', String(hit.retryAfterSeconds));
    return renderError(c, ctx, 429, COMMUNITY_LIMITS['collection-add'].message);
  }

  app.get('/collections', async (c) => {
    const gate = requireReader(c);
    if (!gate.viewer) return gate.response;
    const collections = await listUserCollections(db, gate.viewer.id, { isPublicOnly: false });
    return renderPage(c, <CollectionsPage site={siteFor(c, ctx)} collections={collections} />);
  });

  app.post('/collections', async (c) => {
    const gate = requireReader(c);
    if (!gate.viewer) return gate.response;
    const form = await c.req.parseBody();
    const input = checkCollectionInput(form);
    if (!input.ok) return renderError(c, ctx, 400, input.message);
    let paperId: number | undefined;
    if (field(form, 'paper') !== '') {
      const found = await formPaper(c, form);
      if (!found.paper) return found.response;
      paperId = found.paper.id;
      const limited = await limitAdds(c, gate.viewer);
      if (limited) return limited;
    }
    const result = await createCollection(ctx.database, {
      ...input.value,
      userId: gate.viewer.id,
      now: ctx.now().toISOString(),
      maxPerReader: MAX_COLLECTIONS_PER_READER,
      ...(paperId === undefined ? {} : { paperId }),
    });
    if (!result.ok) return renderError(c, ctx, ...REFUSALS[result.reason]);
    // From a paper page, back to the paper; from the lists page, to the new list.
    return c.redirect(form.back === undefined ? collectionPath(result.id) : safeReturnPath(form.back), 303);
  });

  app.get('/collections/:id', async (c) => {
    const collection = await load(c.req.param('id'));
    const viewer = c.get('viewer');
    if (!collection || !canViewCollection(viewer, collection)) {
      return renderError(c, ctx, 404, 'There is no such reading list (or it is private).');
    }
    const entries = await listCollectionPapers(db, collection.id, MAX_COLLECTION_PAPERS);
    return renderPage(
      c,
      <CollectionPage
        site={siteFor(c, ctx)}
        collection={collection}
        entries={entries}
        isOwner={viewer?.id === collection.ownerId}
        votedIds={
          await viewerVotes(
            c,
            ctx,
            entries.map((entry) => entry.paper),
          )
        }
      />,
    );
  });

  app.post('/collections/:id/edit', async (c) => {
    const gate = requireCollectionOwner(c, ctx, await load(c.req.param('id')));
    if (!gate.viewer) return gate.response;
    const input = checkCollectionInput(await c.req.parseBody());
    if (!input.ok) return renderError(c, ctx, 400, input.message);
    const id = gate.collection.id;
    const result = await updateCollection(ctx.database, { ...input.value, id, now: ctx.now().toISOString() });
    if (!result.ok) return renderError(c, ctx, ...REFUSALS[result.reason]);
    return c.redirect(collectionPath(id), 303);
  });

  app.post('/collections/:id/delete', async (c) => {
    const gate = requireCollectionOwner(c, ctx, await load(c.req.param('id')));
    if (!gate.viewer) return gate.response;
    await deleteCollection(db, gate.collection.id, ctx.now().toISOString());
    ctx.log.info({ user_id: gate.viewer.id, collection_id: gate.collection.id }, 'reading list deleted');
    return c.redirect('/collections', 303);
  });

  /** The owner's list and the paper an add/remove form names, with where to go back to; or the refusal. */
  async function formTarget(
    c: Context,
  ): Promise<
    | { viewer: User; collection: Collection; paper: PaperView; back: string; response?: undefined }
    | { paper?: undefined; response: Response }
  > {
    const form = await c.req.parseBody();
    const gate = requireCollectionOwner(c, ctx, await load(field(form, 'collection')));
    if (!gate.viewer) return { response: await gate.response };
    const found = await formPaper(c, form);
    if (!found.paper) return found;
    const back = safeReturnPath(form.back ?? collectionPath(gate.collection.id));
    return { viewer: gate.viewer, collection: gate.collection, paper: found.paper, back };
  }

  app.post('/collections/add', async (c) => {
    const target = await formTarget(c);
    if (!target.paper) return target.response;
    const limited = await limitAdds(c, target.viewer);
    if (limited) return limited;
    const result = await addCollectionPaper(ctx.database, {
      collectionId: target.collection.id,
      paperId: target.paper.id,
      now: ctx.now().toISOString(),
      maxPapers: MAX_COLLECTION_PAPERS,
    });
    if (!result.ok) return renderError(c, ctx, ...REFUSALS[result.reason]);
    return c.redirect(target.back, 303);
  });

  // Taking off a paper that is not (or no longer) on the list changes nothing, like a second click.
  app.post('/collections/remove', async (c) => {
    const target = await formTarget(c);
    if (!target.paper) return target.response;
    await removeCollectionPaper(ctx.database, {
      collectionId: target.collection.id,
      paperId: target.paper.id,
      now: ctx.now().toISOString(),
    });
    return c.redirect(target.back, 303);
  });
}
