// A small, deterministic, real Embedder for tests: each lower-cased word of the title and abstract
// adds ±1 to one of `dims` components (FNV-1a hash), then the vector is scaled to unit length. Papers
// sharing words point the same way; it stands in for the LSA model, which plugs in by the interface.
// Also a test VectorCodec (int8 with a per-vector scale: 4-byte float32 LE scale, then dims int8s).

import type { DatabaseHandle } from '../../src/db/connection.js';
import { silentLogger } from '../../src/lib/logger.js';
import { reembedAll, type VectorCodec } from '../../src/search/semantic/embed-job.js';
import type { EmbeddableDocument, Embedder } from '../../src/search/semantic/embedder.js';
import { int8VectorCodec } from '../../src/search/semantic/vector-codec.js';

function fnv1a(word: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) {
    hash ^= word.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

export class HashingEmbedder implements Embedder {
  readonly modelKey: string;
  /** Documents embedded so far (tests count calls and kill runs mid-way with it). */
  embedded = 0;
  /** `name` only changes the model key (same vectors); `salt` changes the vectors too. */
  constructor(
    readonly dims = 16,
    private readonly salt = '',
    name = '',
  ) {
    this.modelKey = `hash-${dims}${salt ? `-${salt}` : ''}${name ? `-${name}` : ''}`;
  }

  private embedText(text: string): Float32Array {
    const v = new Float32Array(this.dims);
    for (const word of text.toLowerCase().match(/[a-z0-9]+/g) ?? []) {
      const h = fnv1a(this.salt + word);
      const i = h % this.dims;
      v[i] = (v[i] ?? 0) + (h & 0x80000000 ? -1 : 1);
    }
    let norm = 0;
    for (const x of v) norm += x * x;
    norm = Math.sqrt(norm) || 1;
    return v.map((x) => x / norm);
  }

  async embedDocuments(documents: EmbeddableDocument[]): Promise<Float32Array[]> {
    this.embedded += documents.length;
    return documents.map((d) => this.embedText(`${d.title} ${d.abstract}`));
  }

  async embedQuery(text: string): Promise<Float32Array> {
    return this.embedText(text);
  }
}

export const testCodec: VectorCodec = {
  encode(vector) {
    let max = 0;
    for (const x of vector) max = Math.max(max, Math.abs(x));
    const scale = max / 127 || 1;
    const bytes = new Uint8Array(4 + vector.length);
    new DataView(bytes.buffer).setFloat32(0, scale, true);
    const q = new Int8Array(bytes.buffer, 4);
    vector.forEach((x, i) => {
      q[i] = Math.round(x / scale);
    });
    return bytes;
  },
  decodeInto(bytes, row) {
    row.set(new Int8Array(bytes.buffer, bytes.byteOffset + 4, row.length));
    return new DataView(bytes.buffer, bytes.byteOffset, 4).getFloat32(0, true);
  },
};

/**
 * Embeds every paper in the store with a HashingEmbedder of `dims` through the real re-embedding job
 * (production's int8 codec) and activates it, as the embeddings job would with a trained model.
 */
export async function embedAllWithHashing(
  database: DatabaseHandle,
  now: Date,
  dims = 64,
): Promise<HashingEmbedder> {
  const embedder = new HashingEmbedder(dims);
  await reembedAll(
    { database, log: silentLogger(), now: () => now, codec: int8VectorCodec, embedderFor: () => embedder },
    { modelKey: embedder.modelKey, kind: 'lsa', dims: embedder.dims, modelBytes: null },
  );
  return embedder;
}
