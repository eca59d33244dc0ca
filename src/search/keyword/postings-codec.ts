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

/**
 * Decodes `bytes`, keeping only postings of papers whose live segment is `seg` (a paper rewritten or
 * removed since this segment was written has its postings elsewhere, or nowhere).
 */
export function decodePostings(bytes: Uint8Array, seg: number, docSeg: Int32Array): Postings {
  // Each posting takes at least two bytes, so this bounds the count without a first pass.
  const docs = new Int32Array(bytes.length >> 1);
  const freq2 = new Int32Array(bytes.length >> 1);
  const segs = docSeg.length;
  let n = 0;
  let doc = 0;
  let i = 0;
  const end = bytes.length;
  while (i < end) {
    let b = bytes[i++] as number;
    let gap = b & 0x7f;
    for (let shift = 7; b >= 0x80; shift += 7) {
      b = bytes[i++] as number;
      gap |= (b & 0x7f) << shift;
    }
    b = bytes[i++] as number;
    let freq = b & 0x7f;
    for (let shift = 7; b >= 0x80; shift += 7) {
      b = bytes[i++] as number;
      freq |= (b & 0x7f) << shift;
    }
    doc += gap;
    if (doc < segs && docSeg[doc] === seg) {
      docs[n] = doc;
      freq2[n] = freq;
      n += 1;
    }
  }
  if (i !== end) throw new Error('malformed postings: truncated varint');
  return { docs: docs.slice(0, n), freq2: freq2.slice(0, n) };
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
