// Marks the parts of a page that depend on who reads it — the account menu, the footer's digest
// form, each upvote button's state — so the render cache can serve a signed-in reader the anonymous
// page it already holds with only these parts rendered again (render-cache/viewer-splice.ts).
// The markers are HTML comments, in every render, so a spliced page is byte for byte the page a full
// render gives the same reader.

import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';

export type SlotData =
  | { kind: 'account' }
  | { kind: 'digest-footer' }
  | { kind: 'vote'; paperId: number; arxivId: string; upvotes: number; back: string };

/** Percent-encoding keeps `-->` and spaces out of a marker's fields. */
function markerOf(slot: SlotData): string {
  if (slot.kind !== 'vote') return `<!--pb:${slot.kind}-->`;
  const fields = [slot.paperId, slot.arxivId, slot.upvotes, slot.back].map((f) =>
    encodeURIComponent(String(f)),
  );
  return `<!--pb:vote ${fields.join(' ')}-->`;
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
  if (kind === 'account' || kind === 'digest-footer') return { kind };
  if (kind !== 'vote') return undefined;
  const [paperId, arxivId, upvotes, back] = fields.trim().split(' ').map(decodeURIComponent);
  if (arxivId === undefined || back === undefined) return undefined;
  return { kind, paperId: Number(paperId), arxivId, upvotes: Number(upvotes), back };
}
