// Byte encoding of one segment's posting list for one term: ascending paper ids as LEB128 varint
// gaps, each followed by the paper's weighted term frequency (×2, so the 0.5 weights stay whole).
// Written by segment-writer.ts, decoded on every keyword query by keyword-engine.ts.

/** Decoded postings: `docs[i]` holds the term with weighted frequency `freq2[i] / 2`. */
export interface Postings {
  docs: Int32Array;
  freq2: Int32Array;
}

export class PostingsEncoder {
  private bytes = new Uint8Array(256);
  private length = 0;
  private last = 0;
  count = 0;

  add(doc: number, freq2: number): void {
    if (doc <= this.last && this.count > 0)
      throw new Error(`postings out of order: ${doc} after ${this.last}`);
    this.writeVarint(doc - (this.count > 0 ? this.last : 0));
    this.writeVarint(freq2);
    this.last = doc;
    this.count += 1;
  }

  private writeVarint(value: number): void {
    if (this.length + 5 > this.bytes.length) {
      const grown = new Uint8Array(this.bytes.length * 2);
      grown.set(this.bytes);
      this.bytes = grown;
    }
    let v = value;
    while (v >= 0x80) {
      this.bytes[this.length++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.bytes[this.length++] = v;
  }

  finish(): Buffer {
    return Buffer.from(this.bytes.buffer, this.bytes.byteOffset, this.length);
  }
}

/** Counts the postings in an encoded list without decoding them (two varints each). */
function countPostings(bytes: Uint8Array): number {
  let ends = 0;
  for (const b of bytes) if (b < 0x80) ends += 1;
  if (ends % 2 !== 0) throw new Error('malformed postings: odd number of varints');
  return ends / 2;
}

/**
 * Decodes `bytes`, keeping only postings for which `isLive(doc)` holds (a paper rewritten or removed
 * since this segment was written has its postings elsewhere, or nowhere).
 */
export function decodePostings(bytes: Uint8Array, isLive: (doc: number) => boolean): Postings {
  const total = countPostings(bytes);
  const docs = new Int32Array(total);
  const freq2 = new Int32Array(total);
  let n = 0;
  let doc = 0;
  let i = 0;
  while (i < bytes.length) {
    let gap = 0;
    let shift = 0;
    let b: number;
    do {
      b = bytes[i++] as number;
      gap |= (b & 0x7f) << shift;
      shift += 7;
    } while (b >= 0x80);
    let freq = 0;
    shift = 0;
    do {
      b = bytes[i++] as number;
      freq |= (b & 0x7f) << shift;
      shift += 7;
    } while (b >= 0x80);
    doc += gap;
    if (isLive(doc)) {
      docs[n] = doc;
      freq2[n] = freq;
      n += 1;
    }
  }
  return { docs: docs.subarray(0, n), freq2: freq2.subarray(0, n) };
}

/**
 * Joins one term's live postings from several segments. A paper is live in exactly one segment, so
 * each doc appears once; the result is not sorted by doc (scoring accumulates per doc, in any order).
 */
export function concatPostings(parts: Postings[]): Postings {
  if (parts.length === 1 && parts[0]) return parts[0];
  const total = parts.reduce((sum, p) => sum + p.docs.length, 0);
  const docs = new Int32Array(total);
  const freq2 = new Int32Array(total);
  let at = 0;
  for (const part of parts) {
    docs.set(part.docs, at);
    freq2.set(part.freq2, at);
    at += part.docs.length;
  }
  return { docs, freq2 };
}
