// Where a reader goes back to: the `back` of a form POST and the `next` of a sign-in, both only ever
// a path on this site. Also the sign-in link that keeps the reader's place, with the reason shown on
// the sign-in page. Used by the vote, reading-list, comment, submit and account routes and their views.

/**
 * A path on this site to return to, safe to put in a Location header; anything else (other hosts,
 * `//x`, `/\\x`, a scheme, whitespace or control characters such as NUL and CRLF) goes home. Letters
 * beyond ASCII are percent-encoded: Node refuses them in a header, which would fail the response
 * after the change.
 */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== 'string' || !/^\/(?![/\\])[^\s\p{Cc}]*$/u.test(value)) return '/';
  try {
    return value.replace(/[^\x21-\x7e]+/g, encodeURIComponent);
  } catch {
    return '/'; // a lone surrogate cannot be encoded
  }
}

/** Why a reader was sent to sign in, as the sign-in page says it. Keys are what URLs carry. */
export const SIGN_IN_REASONS = {
  vote: 'Sign in to upvote papers.',
  save: 'Sign in to save papers to your reading lists.',
  comment: 'Sign in to join the discussion.',
  submit: 'Sign in to put papers on the board.',
  page: 'Sign in to see that page.',
  'for-you': 'Sign in to see papers picked for you.',
} as const;

export type SignInReason = keyof typeof SIGN_IN_REASONS;

/** `/signin?reason=…&next=…`: after signing in (or signing up) the reader lands back on `next`. */
export function signInHref(next: string, reason?: SignInReason): string {
  const params = new URLSearchParams();
  if (reason) params.set('reason', reason);
  const path = safeReturnPath(next);
  if (path !== '/') params.set('next', path);
  const query = params.toString();
  return query ? `/signin?${query}` : '/signin';
}
