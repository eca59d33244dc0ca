// A signed-in reader's copy of a cached anonymous page: the page's viewer slots (views/viewer-slot.tsx)
// rendered again for this reader — their account menu and footer, their upvotes, and on a paper page
// their save box, submission controls and the discussion with their controls — and the rest (cards,
// abstracts, math: nearly all of the work) reused as the cache holds it.

import { LRUCache } from 'lru-cache';
import type { PaperDiscussionData, PaperReaderView } from '../paper-reader.js';
import { SaveToCollection } from '../views/collection-parts.js';
import { FooterDigestForm } from '../views/digest-footer.js';
import { Discussion } from '../views/discussion.js';
import { FeedbackForms } from '../views/feedback-forms.js';
import { FollowAuthorButton } from '../views/follow-author.js';
import type { Site } from '../views/layout.js';
import { AccountMenu } from '../views/layout.js';
import { VoteForm } from '../views/paper-card.js';
import { SubmissionActions } from '../views/paper-page.js';
import { parseSlot, SLOT_END, SLOT_PATTERN, type SlotData } from '../views/viewer-slot.js';

type Viewer = NonNullable<Site['viewer']>;

/**
 * A page cut at its slots: parts[i] ends with slot i's opening marker, parts[i + 1] starts with its
 * end. Parts and the anonymous slot contents are kept as UTF-8 bytes: a page is ~45–130 KB, and
 * encoding it anew for every reader cost more than rendering their slots.
 */
export interface PageTemplate {
  parts: Uint8Array[];
  slots: Array<{ data: SlotData; anonymous: Uint8Array }>;
}

const encoder = new TextEncoder();

/** The page's template; undefined if it holds a slot this version cannot render again. */
export function parseTemplate(html: string): PageTemplate | undefined {
  const parts: Uint8Array[] = [];
  const slots: PageTemplate['slots'] = [];
  let from = 0;
  for (const match of html.matchAll(SLOT_PATTERN)) {
    const [whole, kind = '', fields = '', content = ''] = match;
    const data = parseSlot(kind, fields);
    if (!data) return undefined;
    const contentStart = match.index + whole.length - SLOT_END.length - content.length;
    parts.push(encoder.encode(html.slice(from, contentStart)));
    slots.push({ data, anonymous: encoder.encode(content) });
    from = contentStart + content.length;
  }
  parts.push(encoder.encode(html.slice(from)));
  return { parts, slots };
}

/** The papers whose upvote buttons the page shows (their state is the reader's). */
export function votablePaperIds(template: PageTemplate): number[] {
  return template.slots.flatMap((slot) => (slot.data.kind === 'vote' ? [slot.data.paperId] : []));
}

/** Who the page is spliced for, and their parts of a paper page, read when a slot needs them. */
export interface SpliceReader {
  viewer: Viewer;
  votedIds: ReadonlySet<number>;
  /** Their lists, discussion controls and reports on a paper (web/paper-reader.ts). */
  paper(paperId: number): Promise<PaperReaderView>;
  /** The paper's comments as the route reads them. */
  discussion(paperId: number): Promise<PaperDiscussionData>;
}

/** The page as a full render for the reader gives it (UTF-8), from the anonymous page's template. */
export async function spliceForViewer(template: PageTemplate, reader: SpliceReader): Promise<Uint8Array> {
  const out: Uint8Array[] = [template.parts[0] ?? new Uint8Array()];
  for (const [i, slot] of template.slots.entries()) {
    // Most slots (unpressed upvotes, feedback buttons) are bytes at hand: a board has hundreds, and
    // awaiting each cost more than the rest of the splice.
    const content = slotContent(slot, reader);
    out.push(
      content instanceof Uint8Array ? content : await content,
      template.parts[i + 1] ?? new Uint8Array(),
    );
  }
  return Buffer.concat(out);
}

/**
 * The account menu and footer form depend on the viewer's fields alone: rendered once per
 * viewer (as they are now), not for every page they open. Bounded: a few thousand readers' menus.
 */
const viewerSlots = new LRUCache<string, Uint8Array>({ max: 4096 });

function viewerSlot(kind: 'account' | 'digest-footer', viewer: Viewer): Uint8Array | Promise<Uint8Array> {
  // Every field of the viewer, so a field added to it later is part of the key too.
  const key = JSON.stringify([kind, viewer]);
  const bytes = viewerSlots.get(key);
  if (bytes) return bytes;
  return (async () => {
    const html = kind === 'account' ? await AccountMenu({ viewer }) : await FooterDigestForm({ viewer });
    const rendered = encoder.encode(String(html));
    viewerSlots.set(key, rendered);
    return rendered;
  })();
}

type Slot = PageTemplate['slots'][number];

/**
 * Slots whose content is the same for every signed-in reader (feedback buttons, "Follow"), rendered
 * once per template rather than once per card on every request: a week board holds a hundred of them.
 * Keyed by the slot object, so they go with the template they belong to.
 */
const sameForEveryReader = new WeakMap<Slot, Uint8Array>();

function renderedOnce(slot: Slot, render: () => unknown): Uint8Array | Promise<Uint8Array> {
  const bytes = sameForEveryReader.get(slot);
  if (bytes) return bytes;
  return (async () => {
    const rendered = encoder.encode(String(await render()));
    sameForEveryReader.set(slot, rendered);
    return rendered;
  })();
}

/** A slot's bytes for this reader: at hand when nothing is to be read or rendered, else a promise. */
function slotContent(slot: Slot, reader: SpliceReader): Uint8Array | Promise<Uint8Array> {
  const { data } = slot;
  switch (data.kind) {
    case 'account':
    case 'digest-footer':
      return viewerSlot(data.kind, reader.viewer);
    case 'vote':
      // An upvote button the reader has not pressed is the anonymous one.
      if (!reader.votedIds.has(data.paperId)) return slot.anonymous;
      return html(VoteForm({ arxivId: data.arxivId, upvotes: data.upvotes, voted: true, back: data.back }));
    case 'feedback':
      // The same buttons for every signed-in reader: nothing of one reader's is in them.
      return renderedOnce(slot, () =>
        FeedbackForms({ arxivId: data.arxivId, back: data.back, isInline: true }),
      );
    case 'follow-author':
      // "Follow" for every signed-in reader alike (following twice changes nothing; unfollow is on /for-you).
      return renderedOnce(slot, () => FollowAuthorButton({ name: data.name, back: data.back }));
    default:
      return paperSlotContent(data, reader);
  }
}

const html = async (element: unknown) => encoder.encode(String(await element));

/** A paper page's slots of the reader's own: their lists, their submission controls, the discussion. */
async function paperSlotContent(
  data: Extract<SlotData, { kind: 'save' | 'submission-actions' | 'discussion' }>,
  reader: SpliceReader,
): Promise<Uint8Array> {
  switch (data.kind) {
    case 'save':
      return html(
        SaveToCollection({
          arxivId: data.arxivId,
          back: data.back,
          state: (await reader.paper(data.paperId)).saveBox,
        }),
      );
    case 'submission-actions': {
      const parts = await reader.paper(data.paperId);
      return html(
        SubmissionActions({
          arxivId: data.arxivId,
          submittedBy: data.submittedBy,
          viewer: parts.discussionViewer,
          isReported: parts.isSubmissionReported,
        }),
      );
    }
    case 'discussion':
      return html(
        Discussion({
          arxivId: data.arxivId,
          importedComments: data.importedComments,
          ...(await reader.discussion(data.paperId)),
          viewer: (await reader.paper(data.paperId)).discussionViewer,
        }),
      );
  }
}
