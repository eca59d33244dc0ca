// A one-time notice after an action ("Your report was sent"): the action's redirect sets a short
// cookie naming the notice, and the page it lands on shows it once and clears the cookie. Only a
// key from this list travels, never text, so nothing a request carries is echoed into a page.
// Pages that show notices are rendered per reader (a Set-Cookie keeps a response out of the render
// cache), so one reader's notice is never served to another.

import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppContext } from '../context.js';
import { clearCookie, setSecretCookie } from './session.js';

const FLASH_COOKIE = 'pb_flash';

export const FLASH_MESSAGES = {
  reported: 'Thank you — your report is with the moderators.',
  submitted: 'Your paper is on today’s board.',
  commented: 'Your comment is posted.',
  'report-dismissed': 'Report dismissed.',
} as const;

export type FlashKey = keyof typeof FLASH_MESSAGES;

export interface Flash {
  message: string;
  /** The comment the notice is about: shown at that comment, where the redirect's #comment-N lands. */
  commentId?: number;
}

/** Marks the next page this browser opens to say `key`'s notice (a minute is plenty for a redirect). */
export function setFlash(c: Context, ctx: AppContext, key: FlashKey, commentId?: number): void {
  const value = commentId === undefined ? key : `${key}.${commentId}`;
  setSecretCookie(c, ctx, FLASH_COOKIE, value, { maxAgeSeconds: 60 });
}

/** The notice this request should show, cleared so a reload does not show it again. */
export function takeFlash(c: Context, ctx: AppContext): Flash | undefined {
  const value = getCookie(c, FLASH_COOKIE);
  if (value === undefined) return undefined;
  clearCookie(c, ctx, FLASH_COOKIE);
  const [, key = '', id] = /^([a-z-]+)(?:\.(\d{1,10}))?$/.exec(value) ?? [];
  if (!Object.hasOwn(FLASH_MESSAGES, key)) return undefined;
  const message = FLASH_MESSAGES[key as FlashKey];
  return id === undefined ? { message } : { message, commentId: Number(id) };
}
