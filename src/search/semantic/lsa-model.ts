// The offline semantic model: LSA (tf-idf folded onto a truncated SVD's term vectors) as an Embedder.
// Trained by lsa-train.ts, saved and loaded with serializeLsaModel / deserializeLsaModel; used by
// whatever embeds papers for the vector index and queries for semantic search.

import { createHash } from 'node:crypto';
import type { EmbeddableDocument, Embedder } from './embedder.js';
import { decodeLsaParts, encodeLsaParts, type LsaModelParts } from './lsa-model-file.js';
import { documentTermCounts, queryTermCounts } from './lsa-terms.js';

export { LsaModelFormatError, type LsaModelParts } from './lsa-model-file.js';

export class LsaModel implements Embedder {
  readonly modelKey: string;
  readonly dims: number;
  readonly parts: LsaModelParts;
  private readonly termIds: Map<string, number>;
  /** σ_j^-alpha per dimension (0 for a zero singular value: that direction carries nothing). */
  private readonly dimensionScale: Float32Array;

  /** `bytes`, when given, are this model's serialization (saves encoding it again to hash it). */
  constructor(parts: LsaModelParts, bytes?: Uint8Array) {
    const dims = parts.sigma.length;
    if (dims === 0) throw new Error('an LSA model needs at least one dimension');
    if (parts.idf.length !== parts.terms.length || parts.termVectors.length !== parts.terms.length * dims) {
      throw new Error('LSA model parts disagree on the vocabulary size or dimensions');
    }
    this.parts = parts;
    this.dims = dims;
    this.termIds = new Map(parts.terms.map((term, i) => [term, i]));
    this.dimensionScale = parts.sigma.map((s) => (s > 0 ? s ** -parts.alpha : 0));
    const hash = createHash('sha256')
      .update(bytes ?? encodeLsaParts(parts))
      .digest('hex');
    this.modelKey = `lsa-${dims}-${hash.slice(0, 12)}`;
  }

  /**
   * Sublinear tf × idf weights folded onto the term vectors, scaled by σ^-alpha, unit length. Text
   * with no word of the vocabulary gives the ZERO vector: callers must read it as "no semantic
   * signal" (its dot product with everything is 0), not as a match.
   */
  private fold(counts: Map<string, number>): Float32Array {
    const dims = this.dims;
    const sum = new Float64Array(dims);
    const { idf, termVectors } = this.parts;
    for (const [term, count] of counts) {
      const id = this.termIds.get(term);
      if (id === undefined) continue;
      const weight = (1 + Math.log(count)) * (idf[id] as number);
      const base = id * dims;
      for (let j = 0; j < dims; j++) sum[j] = (sum[j] as number) + weight * (termVectors[base + j] as number);
    }
    let norm = 0;
    for (let j = 0; j < dims; j++) {
      const v = (sum[j] as number) * (this.dimensionScale[j] as number);
      sum[j] = v;
      norm += v * v;
    }
    const out = new Float32Array(dims);
    if (norm === 0) return out;
    const inverse = 1 / Math.sqrt(norm);
    for (let j = 0; j < dims; j++) out[j] = (sum[j] as number) * inverse;
    return out;
  }

  embedDocumentSync(document: EmbeddableDocument): Float32Array {
    return this.fold(documentTermCounts(document));
  }

  embedQuerySync(text: string): Float32Array {
    return this.fold(queryTermCounts(text));
  }

  async embedDocuments(documents: EmbeddableDocument[]): Promise<Float32Array[]> {
    return documents.map((document) => this.embedDocumentSync(document));
  }

  async embedQuery(text: string): Promise<Float32Array> {
    return this.embedQuerySync(text);
  }

  /** The same model folding in with another alpha (for measuring which ranks better). */
  withAlpha(alpha: number): LsaModel {
    return new LsaModel({ ...this.parts, alpha });
  }
}

export function serializeLsaModel(model: LsaModel): Uint8Array {
  return encodeLsaParts(model.parts);
}

/** Throws LsaModelFormatError on truncated, padded or garbage bytes. */
export function deserializeLsaModel(bytes: Uint8Array): LsaModel {
  return new LsaModel(decodeLsaParts(bytes), bytes);
}
