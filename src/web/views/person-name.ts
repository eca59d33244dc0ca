// Splits an author's name as arXiv and HF give it ("Ada King Lovelace", "Ludwig van Beethoven",
// "Lovelace, Ada") into family and given names for reference managers (RIS "Last, First", CSL-JSON
// family/given): the last word is the family name, with lower-case particles before it ("van der");
// a single word (a collaboration, a mononym) stays whole. Used by ris.ts and csl-json.ts.

export type PersonName = { family: string; given: string } | { literal: string };

export function splitName(raw: string): PersonName {
  const name = raw.replace(/\s+/g, ' ').trim();
  const comma = name.indexOf(',');
  if (comma > 0) {
    const family = name.slice(0, comma).trim();
    const given = name.slice(comma + 1).trim();
    return given ? { family, given } : { literal: family };
  }
  const words = name.split(' ');
  if (words.length < 2) return { literal: name };
  let start = words.length - 1;
  // Particles: lower-case words (van, der, de, von, di) right before the last word, not the first word.
  while (start > 1 && /^\p{Ll}/u.test(words[start - 1] ?? '')) start--;
  return { family: words.slice(start).join(' '), given: words.slice(0, start).join(' ') };
}
