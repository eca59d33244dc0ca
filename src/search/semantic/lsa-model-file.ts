// The LSA model's bytes: an 8-byte magic, a small JSON header, the vocabulary as UTF-8 lines, then
// Float32 arrays (idf, singular values, term vectors). Called by lsa-model.ts to save, load and hash
// a model; loading validates everything and throws LsaModelFormatError on malformed bytes.

const MAGIC = 'PBLSA01\n';
const FORMAT = 'paperboard-lsa';

export interface LsaModelParts {
  /** The vocabulary; a term's index is its row in idf and termVectors. */
  terms: string[];
  idf: Float32Array;
  /** Singular values, descending, one per dimension. */
  sigma: Float32Array;
  /** Row-major terms×dims right singular vectors: term t's coordinates in concept space. */
  termVectors: Float32Array;
  /** Fold-in scales coordinates by σ^-alpha (0: none, 1: classic LSI query fold-in). */
  alpha: number;
  trainedDocuments: number;
}

interface Header {
  format: string;
  version: number;
  dims: number;
  terms: number;
  termBytes: number;
  alpha: number;
  trainedDocuments: number;
}

export class LsaModelFormatError extends Error {
  override name = 'LsaModelFormatError';
}

const align4 = (n: number) => (n + 3) & ~3;

export function encodeLsaParts(parts: LsaModelParts): Uint8Array {
  const dims = parts.sigma.length;
  const termBytes = new TextEncoder().encode(parts.terms.join('\n'));
  const header: Header = {
    format: FORMAT,
    version: 1,
    dims,
    terms: parts.terms.length,
    termBytes: termBytes.length,
    alpha: parts.alpha,
    trainedDocuments: parts.trainedDocuments,
  };
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const arraysStart = align4(MAGIC.length + 4 + headerBytes.length + termBytes.length);
  const floats = parts.terms.length + dims + parts.terms.length * dims;
  const out = new Uint8Array(arraysStart + floats * 4);
  out.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(MAGIC.length, headerBytes.length, true);
  out.set(headerBytes, MAGIC.length + 4);
  out.set(termBytes, MAGIC.length + 4 + headerBytes.length);
  const view = new Float32Array(out.buffer, arraysStart, floats);
  view.set(parts.idf, 0);
  view.set(parts.sigma, parts.terms.length);
  view.set(parts.termVectors, parts.terms.length + dims);
  return out;
}

function fail(message: string): never {
  throw new LsaModelFormatError(`not a Paperboard LSA model: ${message}`);
}

function readHeader(bytes: Uint8Array): { header: Header; headerEnd: number } {
  if (bytes.length < MAGIC.length + 4) fail(`${bytes.length} bytes is too short`);
  if (new TextDecoder().decode(bytes.subarray(0, MAGIC.length)) !== MAGIC) fail('wrong magic bytes');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = view.getUint32(MAGIC.length, true);
  const headerEnd = MAGIC.length + 4 + length;
  if (headerEnd > bytes.length) fail(`header of ${length} bytes runs past the end`);
  let value: unknown;
  try {
    value = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(MAGIC.length + 4, headerEnd)),
    );
  } catch {
    fail('header is not JSON');
  }
  const h = value as Partial<Header> | null;
  if (!h || typeof h !== 'object' || h.format !== FORMAT) fail('header has no paperboard-lsa format');
  if (h.version !== 1) fail(`unsupported version ${String(h.version)}`);
  for (const key of ['dims', 'terms', 'termBytes', 'trainedDocuments'] as const) {
    const n = h[key];
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) fail(`header ${key} is not a count`);
  }
  if (typeof h.alpha !== 'number' || !Number.isFinite(h.alpha)) fail('header alpha is not a number');
  if ((h.dims as number) < 1) fail('header dims is 0');
  return { header: h as Header, headerEnd };
}

export function decodeLsaParts(bytes: Uint8Array): LsaModelParts {
  const { header, headerEnd } = readHeader(bytes);
  const termsEnd = headerEnd + header.termBytes;
  const arraysStart = align4(termsEnd);
  const floats = header.terms + header.dims + header.terms * header.dims;
  const expected = arraysStart + floats * 4;
  if (bytes.length !== expected)
    fail(`expected ${expected} bytes, got ${bytes.length} (truncated or padded)`);
  let terms: string[];
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(headerEnd, termsEnd));
    terms = header.terms === 0 ? [] : text.split('\n');
  } catch {
    fail('vocabulary is not UTF-8');
  }
  if (terms.length !== header.terms)
    fail(`vocabulary has ${terms.length} terms, header says ${header.terms}`);
  if (new Set(terms).size !== terms.length) fail('vocabulary repeats a term');
  // A copy, aligned for Float32Array. Uint8Array's slice, not the argument's own: a Node Buffer's
  // slice is a view into a larger pool, and its .buffer would be the whole pool.
  const all = new Float32Array(Uint8Array.prototype.slice.call(bytes, arraysStart, expected).buffer);
  for (let i = 0; i < all.length; i++) if (!Number.isFinite(all[i])) fail(`float ${i} is not finite`);
  return {
    terms,
    idf: all.subarray(0, header.terms),
    sigma: all.subarray(header.terms, header.terms + header.dims),
    termVectors: all.subarray(header.terms + header.dims),
    alpha: header.alpha,
    trainedDocuments: header.trainedDocuments,
  };
}
