// Marks the parts of a page that depend on who reads it — the account menu, the footer's digest
// form, each upvote button's state, and on a paper page the save box, the submission's report and
// moderation controls and the discussion — so the render cache can serve a signed-in reader the anonymous
// page it already holds with only these parts rendered again (render-cache/viewer-splice.ts).
// The markers are HTML comments, in every render, so a spliced page is byte for byte the page a full
// render gives the same reader.

import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';

export type SlotData =
  | { kind: 'account' }
  | { kind: 'digest-footer' }
  | { kind: 'vote'; paperId: number; arxivId: string; upvotes: number; back: string }
  | { kind: 'save'; paperId: number; arxivId: string; back: string }
  | { kind: 'feedback'; paperId: number; arxivId: string; back: string }
  | { kind: 'follow-author'; name: string; back: string }
  | { kind: 'submission-actions'; paperId: number; arxivId: string; submittedBy: string }
  | { kind: 'discussion'; paperId: number; arxivId: string; importedComments: number };

type SlotKind = SlotData['kind'];

/** Each kind's fields, in marker order; numbers are read back as numbers. */
const FIELDS: { [K in SlotKind]: ReadonlyArray<Exclude<keyof Extract<SlotData, { kind: K }>, 'kind'>> } = {
  account: [],
  'digest-footer': [],
  vote: ['paperId', 'arxivId', 'upvotes', 'back'],
  save: ['paperId', 'arxivId', 'back'],
  feedback: ['paperId', 'arxivId', 'back'],
  'follow-author': ['name', 'back'],
  'submission-actions': ['paperId', 'arxivId', 'submittedBy'],
  discussion: ['paperId', 'arxivId', 'importedComments'],
};
const NUMERIC = new Set(['paperId', 'upvotes', 'importedComments']);

/** Percent-encoding keeps `-->` and spaces out of a marker's fields. */
function markerOf(slot: SlotData): string {
  const values = (FIELDS[slot.kind] as readonly string[]).map((name) =>
    encodeURIComponent(String((slot as unknown as Record<string, unknown>)[name])),
  );
  return `<!--pb:${[slot.kind, ...values].join(' ')}-->`;
}

export const SLOT_END = '<!--/pb-->';
/** A marked slot: its data, then its content up to the end marker (slots never nest). */
export const SLOT_PATTERN = /<!--pb:([a-z-]+)((?: [^ >]*)*)-->([\s\S]*?)<!--\/pb-->/g;

export const ViewerSlot = (props: { slot: SlotData; children?: Child }) => (
  <>
    {raw(markerOf(props.slot))}
    {props.children}
    {raw(SLOT_END)}
  </>
);

/** A marker's data, or undefined for one this version does not write. */
export function parseSlot(kind: string, fields: string): SlotData | undefined {
  if (!Object.hasOwn(FIELDS, kind)) return undefined;
  const names = FIELDS[kind as SlotKind] as readonly string[];
  const values = fields.trim() === '' ? [] : fields.trim().split(' ').map(decodeURIComponent);
  if (values.length !== names.length) return undefined;
  const data: Record<string, unknown> = { kind };
  for (const [i, name] of names.entries()) {
    const value = values[i] as string;
    data[name] = NUMERIC.has(name) ? Number(value) : value;
    if (NUMERIC.has(name) && !Number.isFinite(data[name])) return undefined;
  }
  return data as unknown as SlotData;
}
