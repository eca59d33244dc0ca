// What the reader model sees of a paper: its semantic vector (unit length, from the stored int8
// vector), its title and abstract as stemmed term counts (the same terms LSA uses), its categories
// and its author names. Pure, except loadPaperFeatures, which reads them through the store.

import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { documentTermCounts } from '../search/semantic/lsa-terms.js';
import { dequantizeVector, unpackVector } from '../search/semantic/vector-codec.js';
import { getPaperVectors, getRecsPaperTexts, type RecsPaperText } from '../store/reader-candidates.js';

export interface PaperFeatures {
  id: number;
  title: string;
  /** Unit-length semantic vector; null when the paper has none under the active model. */
  vector: Float32Array | null;
  /** Stemmed term → weighted count (title words count twice, as for LSA). */
  terms: Map<string, number>;
  categories: string[];
  /** Author names, lower-cased for matching followed authors. */
  authorKeys: string[];
}

/** Lower-cased, spaces collapsed: how author names are compared with the ones a reader follows. */
export function authorKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** A stored vector as a unit Float32Array; null for the zero vector (nothing to compare). */
export function unitVector(packed: Uint8Array): Float32Array | null {
  const vector = dequantizeVector(unpackVector(packed));
  let norm = 0;
  for (const v of vector) norm += v * v;
  if (norm === 0) return null;
  const scale = 1 / Math.sqrt(norm);
  for (let i = 0; i < vector.length; i++) vector[i] = (vector[i] as number) * scale;
  return vector;
}

export function featuresOf(text: RecsPaperText, packed: Uint8Array | undefined): PaperFeatures {
  let terms: Map<string, number> | undefined;
  return {
    id: text.id,
    title: text.title,
    vector: packed ? unitVector(packed) : null,
    // Tokenised on first use: a reader's own papers are compared by vector when both have one, and
    // stemming them on every request was a fifth of a ranking's cost (bench:recs).
    get terms() {
      terms ??= documentTermCounts({ title: text.title, abstract: text.abstract });
      return terms;
    },
    categories: text.categories,
    authorKeys: text.authors.map(authorKey),
  };
}

/** Features of the given papers (missing ids are absent); vectors only when a model id is given. */
export async function loadPaperFeatures(
  db: Kysely<Database>,
  embeddingModelId: number | undefined,
  ids: readonly number[],
): Promise<Map<number, PaperFeatures>> {
  const [texts, vectors] = await Promise.all([
    getRecsPaperTexts(db, ids),
    embeddingModelId === undefined
      ? new Map<number, Uint8Array>()
      : getPaperVectors(db, embeddingModelId, ids),
  ]);
  return new Map(texts.map((t) => [t.id, featuresOf(t, vectors.get(t.id))]));
}

export function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) sum += (a[i] as number) * (b[i] as number);
  return sum;
}
