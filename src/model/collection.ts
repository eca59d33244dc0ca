// Reading lists ("collections"): the limits on them and the checks on what a reader types as a list's
// name and description. Pure; the collection routes call it before the store writes anything.

import { parseRowId } from './row-id.js';

/** Characters in a list's name and description. */
export const MAX_COLLECTION_NAME = 100;
export const MAX_COLLECTION_DESCRIPTION = 1000;
/** Lists per reader and papers per list: generous for reading, small enough that a list is one page. */
export const MAX_COLLECTIONS_PER_READER = 50;
export const MAX_COLLECTION_PAPERS = 200;

export interface CollectionInput {
  name: string;
  description: string;
  isPublic: boolean;
}

export type CheckedInput = { ok: true; value: CollectionInput } | { ok: false; message: string };

// Control characters (newlines included) would break the one-line places a name is shown: titles,
// feed titles, the <select> on paper pages. A description keeps line breaks and tabs; NUL is refused
// everywhere (PostgreSQL text cannot hold it).
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

function text(form: Record<string, unknown>, name: string): string {
  const value = form[name];
  return typeof value === 'string' ? value : '';
}

/**
 * A list's fields from a submitted form: the name trimmed with inner whitespace collapsed, the
 * description trimmed (its line breaks kept), and `visibility` either `public` or `private`.
 */
export function checkCollectionInput(form: Record<string, unknown>): CheckedInput {
  const name = text(form, 'name').replace(/\s+/g, ' ').trim();
  const description = text(form, 'description').replace(/\r\n/g, '\n').trim();
  const visibility = text(form, 'visibility') || 'private';
  if (name === '' || name.length > MAX_COLLECTION_NAME || CONTROL.test(name)) {
    return {
      ok: false,
      message: `A list’s name has 1 to ${MAX_COLLECTION_NAME} characters on one line.`,
    };
  }
  if (description.length > MAX_COLLECTION_DESCRIPTION || CONTROL_BUT_LINES.test(description)) {
    return {
      ok: false,
      message: `A list’s description has at most ${MAX_COLLECTION_DESCRIPTION} characters of text.`,
    };
  }
  if (visibility !== 'public' && visibility !== 'private') {
    return { ok: false, message: 'visibility must be public or private.' };
  }
  return { ok: true, value: { name, description, isPublic: visibility === 'public' } };
}

/** A list id from a URL or form field: digits only, within the database's integer range. */
export function parseCollectionId(value: unknown): number | undefined {
  return parseRowId(value);
}

/**
 * Who sees a reading list: anyone when it is public, only its owner when it is private (admins
 * included: private means private). A banned reader's public lists are hidden like their profile,
 * except from admins. Pages, exports, feeds (always anonymous) and the API all ask this.
 */
export function canViewCollection(
  viewer: { id: number; isAdmin: boolean } | undefined,
  collection: { ownerId: number; isPublic: boolean; owner: { isBanned: boolean } },
): boolean {
  if (viewer?.id === collection.ownerId) return true;
  if (!collection.isPublic) return false;
  return !collection.owner.isBanned || viewer?.isAdmin === true;
}
