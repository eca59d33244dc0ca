// Reading lists in the API: the list as GET /api/collections/{id} and the token writes answer it (our
// fields and, beside them, those huggingface_hub's Collection and CollectionItem read), and the bodies
// of the writes, in the shapes huggingface_hub's create_collection, update_collection_metadata,
// add_collection_item and update_collection_item send.

import { z } from 'zod';
import { PaperDetail } from './papers.js';
import { component } from './registry.js';

const dateTime = (description: string) => z.string().meta({ format: 'date-time', description });

export const CollectionJson = component(
  'Collection',
  z.object({
    id: z.number().int().min(1),
    slug: z.string().describe('HF: the id as a string; the list is at /collections/{slug}.'),
    name: z.string().describe('Name given by its owner (1 to 100 characters).'),
    title: z.string().describe('HF: the name.'),
    description: z.string().describe('Description given by its owner; "" when none.'),
    isPublic: z.boolean().describe('False for a private list (only its owner gets it).'),
    private: z.boolean().describe('HF: not isPublic.'),
    owner: z.object({
      username: z.string(),
      displayName: z.string(),
      name: z.string().describe('HF: the username.'),
      fullname: z.string().describe('HF: the display name.'),
      type: z.literal('user'),
    }),
    createdAt: dateTime('When the list was made.'),
    updatedAt: dateTime('Last change: renamed, described, made public or private, a paper added or removed.'),
    lastUpdated: dateTime('HF: updatedAt.'),
    position: z.number().int().describe('HF: always 0.'),
    theme: z.string().describe('HF: always "default".'),
    upvotes: z.number().int().describe('HF: always 0 (lists are not upvoted here).'),
    pageUrl: z.string().meta({ format: 'uri', description: 'The list on Paperboard.' }),
    numPapers: z.number().int().min(0),
    items: z
      .array(
        z.object({
          _id: z.string().describe("HF's item object id: the paper's arXiv id."),
          id: z.string().describe('arXiv id.'),
          type: z.literal('paper'),
          position: z.number().int().min(0),
          note: z
            .object({ text: z.string(), html: z.string() })
            .optional()
            .describe("The owner's note (absent when none), as HF sends it."),
          addedAt: dateTime('When the paper was added to the list.'),
          paper: PaperDetail,
        }),
      )
      .describe('Most recently added first.'),
  }),
  "A reader's reading list and its papers (GET /api/collections/{id} and the list writes): our fields and, beside them, those huggingface_hub's Collection reads.",
);
export type CollectionJson = z.infer<typeof CollectionJson>;

export const CollectionUpdated = component('CollectionUpdated', z.object({ data: CollectionJson }));

export const CollectionDeleted = component(
  'CollectionDeleted',
  z.object({ deleted: z.literal(true), slug: z.string() }),
);

/** HF's limit on an item's note. */
export const MAX_ITEM_NOTE = 500;

export const CreateCollectionBody = z.object({
  title: z.string().describe('1 to 100 characters on one line.'),
  namespace: z.string().optional().describe("The token owner's username (the only namespace allowed)."),
  description: z.string().nullable().optional().describe('At most 1,000 characters.'),
  private: z.boolean().optional().describe('Public unless true, as on HF.'),
});

export const UpdateCollectionBody = z.object({
  title: z.string().optional(),
  description: z.string().nullable().optional(),
  private: z.boolean().optional(),
  position: z.number().int().optional().describe('Accepted and ignored.'),
  theme: z.string().optional().describe('Accepted and ignored.'),
});

const Note = z.string().max(MAX_ITEM_NOTE, `a note has at most ${MAX_ITEM_NOTE} characters`).nullable();

export const AddCollectionItemBody = z.object({
  item: z.object({
    id: z.string().min(1).max(300).describe('arXiv id.'),
    type: z.string().describe('Only "paper".'),
  }),
  note: Note.optional(),
});

export const UpdateCollectionItemBody = z.object({
  note: Note.optional().describe('null or "" clears it.'),
  position: z.number().int().optional().describe('Accepted and ignored (lists are newest first).'),
});
