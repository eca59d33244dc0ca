// The token API's reading-list writes, in Hugging Face's collection shapes so huggingface_hub's
// create_collection, update_collection_metadata, delete_collection, add_collection_item,
// update_collection_item and delete_collection_item work against Paperboard (papers are the only item
// type). The same rules as the web forms decide (model/collection.ts checks, store limits,
// community/ refusals and rate limits); only a list's owner changes it, with a write-scope token.

import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { COLLECTION_REFUSALS } from '../community/collection-refusals.js';
import type { AppContext } from '../context.js';
import { AppError, invalid, notFound } from '../lib/errors.js';
import {
  canViewCollection,
  checkCollectionInput,
  MAX_COLLECTION_PAPERS,
  MAX_COLLECTIONS_PER_READER,
  parseCollectionId,
} from '../model/collection.js';
import {
  addCollectionPaper,
  type Collection,
  type CollectionChange,
  collectionsHoldingPaper,
  createCollection,
  deleteCollection,
  getCollection,
  listCollectionPapers,
  listUserCollections,
  removeCollectionPaper,
  setCollectionPaperNote,
  updateCollection,
} from '../store/collections.js';
import type { User } from '../store/users.js';
import { toCollectionJson } from './collection-shape.js';
import { readJsonBody } from './json-body.js';
import { errorBody } from './json-error.js';
import { siteInfo } from './site.js';
import { requireToken } from './token-auth.js';
import { findStoredPaper, limitWrite } from './write-guards.js';

/** HF's limit on an item's note. */
export const MAX_ITEM_NOTE = 500;

const CreateBody = z.object({
  title: z.string(),
  namespace: z.string().optional(),
  description: z.string().nullable().optional(),
  private: z.boolean().optional(),
});
const UpdateBody = z.object({
  title: z.string().optional(),
  description: z.string().nullable().optional(),
  private: z.boolean().optional(),
  position: z.number().int().optional(),
  theme: z.string().optional(),
});
const Note = z.string().max(MAX_ITEM_NOTE, `a note has at most ${MAX_ITEM_NOTE} characters`).nullable();
const AddItemBody = z.object({
  item: z.object({ id: z.string().min(1).max(300), type: z.string() }),
  note: Note.optional(),
});
const UpdateItemBody = z.object({ note: Note.optional(), position: z.number().int().optional() });

function refusal(reason: Exclude<CollectionChange, { ok: true }>['reason']): AppError {
  const [status, message] = COLLECTION_REFUSALS[reason];
  return new AppError(status === 409 ? 'conflict' : status === 404 ? 'not_found' : 'invalid', message);
}

/** An empty note clears it: HF shows no note for an empty one either. */
const noteValue = (note: string | null | undefined) => (note ? note.trim() || null : null);

export function registerCollectionWriteRoutes(api: Hono, ctx: AppContext): void {
  const site = siteInfo(ctx.config);
  const db = ctx.database.db;

  const answer = async (collectionId: number) => {
    const collection = await getCollection(db, collectionId);
    if (!collection) throw notFound(`no collection ${collectionId}`);
    return toCollectionJson(
      collection,
      await listCollectionPapers(db, collectionId, MAX_COLLECTION_PAPERS),
      site,
    );
  };

  /** The token owner's own list: 404 when it does not exist or they cannot see it, 403 when not theirs. */
  async function ownedList(c: Context): Promise<{ user: User; collection: Collection }> {
    const user = await requireToken(c, ctx, 'write');
    const raw = c.req.param('id') ?? '';
    const id = parseCollectionId(raw);
    if (id === undefined)
      throw invalid(`collection id must be a positive number, not ${JSON.stringify(raw.slice(0, 80))}`);
    const collection = await getCollection(db, id);
    if (!collection || !canViewCollection(user, collection)) throw notFound(`no collection ${id}`);
    if (collection.ownerId !== user.id)
      throw new AppError('forbidden', 'Only its owner can change this reading list.');
    return { user, collection };
  }

  // HF: `namespace` is the owner (the client sends the token owner's name); private defaults to false.
  // A list with the same name answers 409 with its slug, which `exists_ok=True` reads.
  api.post('/collections', async (c) => {
    const user = await requireToken(c, ctx, 'write');
    const body = await readJsonBody(c, CreateBody);
    if (body.namespace !== undefined && body.namespace !== user.username) {
      throw new AppError(
        'forbidden',
        `You can only create collections in your own namespace (${user.username}).`,
      );
    }
    const input = checkCollectionInput({
      name: body.title,
      description: body.description ?? '',
      visibility: body.private ? 'private' : 'public',
    });
    if (!input.ok) throw invalid(input.message);
    const result = await createCollection(ctx.database, {
      ...input.value,
      userId: user.id,
      now: ctx.now().toISOString(),
      maxPerReader: MAX_COLLECTIONS_PER_READER,
    });
    if (!result.ok && result.reason === 'name_taken') {
      const lists = await listUserCollections(db, user.id, { isPublicOnly: false });
      const existing = lists.find((list) => list.name === input.value.name);
      return c.json(
        { ...errorBody('conflict', COLLECTION_REFUSALS.name_taken[1]), slug: String(existing?.id ?? '') },
        409,
      );
    }
    if (!result.ok) throw refusal(result.reason);
    ctx.log.info({ user_id: user.id, collection_id: result.id, via: 'api' }, 'reading list created');
    return c.json(await answer(result.id));
  });

  // Only the given fields change; `position` and `theme` (HF's ordering and colour) are accepted and
  // ignored. HF answers `{"data": collection}` here, which update_collection_metadata reads.
  api.patch('/collections/:id', async (c) => {
    const { collection } = await ownedList(c);
    const body = await readJsonBody(c, UpdateBody);
    const input = checkCollectionInput({
      name: body.title ?? collection.name,
      description: body.description === undefined ? collection.description : (body.description ?? ''),
      visibility: (body.private ?? !collection.isPublic) ? 'private' : 'public',
    });
    if (!input.ok) throw invalid(input.message);
    const result = await updateCollection(ctx.database, {
      ...input.value,
      id: collection.id,
      now: ctx.now().toISOString(),
    });
    if (!result.ok) throw refusal(result.reason);
    return c.json({ data: await answer(collection.id) });
  });

  api.delete('/collections/:id', async (c) => {
    const { user, collection } = await ownedList(c);
    await deleteCollection(db, collection.id, ctx.now().toISOString());
    ctx.log.info({ user_id: user.id, collection_id: collection.id, via: 'api' }, 'reading list deleted');
    return c.json({ deleted: true, slug: String(collection.id) });
  });

  // 409 when the paper is already on the list (what `exists_ok=True` expects), 404 for a paper this
  // site does not have, 400 for item types other than papers.
  api.post('/collections/:id/items', async (c) => {
    const { user, collection } = await ownedList(c);
    const body = await readJsonBody(c, AddItemBody);
    if (body.item.type !== 'paper')
      throw invalid(
        `item.type: only papers can be put on a reading list, not ${JSON.stringify(body.item.type.slice(0, 40))}.`,
      );
    const paper = await findStoredPaper(ctx, body.item.id);
    await limitWrite(c, ctx, 'collection-add', user);
    const result = await addCollectionPaper(ctx.database, {
      collectionId: collection.id,
      paperId: paper.id,
      now: ctx.now().toISOString(),
      maxPapers: MAX_COLLECTION_PAPERS,
      note: noteValue(body.note),
    });
    if (!result.ok) throw refusal(result.reason);
    if (!result.isAdded) {
      return c.json(
        {
          ...errorBody('conflict', `arXiv:${paper.arxivId} is already on this list.`),
          slug: String(collection.id),
        },
        409,
      );
    }
    return c.json(await answer(collection.id));
  });

  // The item id is the paper's arXiv id (the items' `_id`); `{.+}` keeps old-style ids' slash.
  api.patch('/collections/:id/items/:item{.+}', async (c) => {
    const { user, collection } = await ownedList(c);
    const body = await readJsonBody(c, UpdateItemBody);
    const paper = await findStoredPaper(ctx, c.req.param('item'));
    if (!(await collectionsHoldingPaper(db, user.id, paper.id)).has(collection.id)) {
      throw notFound(`arXiv:${paper.arxivId} is not on this list.`);
    }
    if (body.note !== undefined) {
      const changed = await setCollectionPaperNote(ctx.database, {
        collectionId: collection.id,
        paperId: paper.id,
        note: noteValue(body.note),
        now: ctx.now().toISOString(),
      });
      if (!changed) throw notFound(`arXiv:${paper.arxivId} is not on this list.`);
    }
    return c.json(await answer(collection.id));
  });

  // 404 when the paper is not on the list, which `missing_ok=True` reads as done.
  api.delete('/collections/:id/items/:item{.+}', async (c) => {
    const { collection } = await ownedList(c);
    const paper = await findStoredPaper(ctx, c.req.param('item'));
    const removed = await removeCollectionPaper(ctx.database, {
      collectionId: collection.id,
      paperId: paper.id,
      now: ctx.now().toISOString(),
    });
    if (!removed) throw notFound(`arXiv:${paper.arxivId} is not on this list.`);
    return c.json(await answer(collection.id));
  });
}
