// Just enough email-address checking for a sign-in form: one @, a dotted domain, no spaces, angle
// brackets or control characters (PostgreSQL text cannot even hold NUL), at most 254 characters
// (RFC 5321). The emailed link proves the rest.

const SHAPE = /^[^\s\p{Cc}@<>()[\],;:"]+@[^\s\p{Cc}@<>()[\],;:"]+\.[^\s\p{Cc}@<>()[\],;:".]{2,}$/u;

/** The address lower-cased and trimmed, or undefined when it cannot be one. */
export function normaliseEmail(input: string): string | undefined {
  const email = input.trim().toLowerCase();
  return email.length <= 254 && SHAPE.test(email) ? email : undefined;
}

/** A username suggestion from the address's local part: `Ada.Lovelace+x@…` → `ada-lovelace`. */
export function usernameFromEmail(email: string): string {
  const local = email.split('@')[0]?.split('+')[0] ?? '';
  const base = local
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 24);
  return base.length >= 2 ? base : 'reader';
}
