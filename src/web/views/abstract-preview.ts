// The short abstract shown on board cards: about `max` characters, cut at a word boundary and
// never inside a formula (a formula is kept whole or dropped). The paper card calls it.

import { type Segment, tokenizeLatex } from '../../model/tex-segments.js';

export interface Preview {
  segments: Segment[];
  isTruncated: boolean;
}

function lengthOf(segment: Segment): number {
  return segment.kind === 'text' ? segment.text.length : segment.source.length;
}

/** The text cut at the last whitespace within `budget` characters, or undefined if there is none. */
function cutAtWord(text: string, budget: number): string | undefined {
  const head = text.slice(0, budget + 1);
  const space = head.search(/\s\S*$/);
  return space > 0 ? head.slice(0, space) : undefined;
}

export function previewAbstract(abstract: string, max = 300): Preview {
  const segments = tokenizeLatex(abstract.replace(/\s+/g, ' ').trim());
  const total = segments.reduce((n, s) => n + lengthOf(s), 0);
  if (total <= max) return { segments, isTruncated: false };

  const kept: Segment[] = [];
  let used = 0;
  for (const segment of segments) {
    const length = lengthOf(segment);
    if (used + length <= max) {
      kept.push(segment);
      used += length;
      continue;
    }
    if (segment.kind === 'text') {
      const head =
        cutAtWord(segment.text, max - used) ?? (kept.length === 0 ? segment.text.slice(0, max) : '');
      if (head) kept.push({ kind: 'text', text: head });
    }
    break;
  }
  return { segments: trimEnd(kept), isTruncated: true };
}

// Drop trailing spaces and dangling punctuation so the ellipsis sits right after a word.
function trimEnd(segments: Segment[]): Segment[] {
  const last = segments.at(-1);
  if (last?.kind !== 'text') return segments;
  const text = last.text.replace(/[\s,;:(–—-]+$/, '');
  return text ? [...segments.slice(0, -1), { kind: 'text', text }] : segments.slice(0, -1);
}
