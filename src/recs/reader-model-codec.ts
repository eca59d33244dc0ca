// A reader model as the text the store keeps (reader_models.model) and back. Format 2: the weight
// arrays as base64 float32 and the terms as one space-separated string, so reading a model is a few
// string decodes instead of parsing 8,000 JSON numbers into a 4,000-key object (bench:recs: that was
// ~10 ms of every ranking on a shared core). Format 1 (an object of terms) is still read: models stored
// before it are served until the job retrains them. Called by recs/ and bench/.

import type { ReaderModel } from './reader-model.js';

interface StoredV2 extends Omit<ReaderModel, 'vector' | 'terms' | 'termWeights' | 'termIdf'> {
  vector: string;
  terms: string;
  termWeights: string;
  termIdf: string;
}

interface StoredV1 extends Omit<ReaderModel, 'format' | 'vector' | 'terms' | 'termWeights' | 'termIdf'> {
  format: 1;
  vector: number[];
  terms: Record<string, [number, number]>;
}

function encodeFloats(values: Float32Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');
}

function decodeFloats(text: string): Float32Array {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.byteLength % 4 !== 0) throw new Error('not float32 data');
  // Copied: a Buffer's offset in its pool need not be 4-aligned.
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

export function serializeReaderModel(model: ReaderModel): string {
  const stored: StoredV2 = {
    ...model,
    vector: encodeFloats(model.vector),
    terms: model.terms.join(' '),
    termWeights: encodeFloats(model.termWeights),
    termIdf: encodeFloats(model.termIdf),
  };
  return JSON.stringify(stored);
}

/** A stored model's text back as a model; undefined when it is not one this code can use. */
export function parseReaderModel(json: string | null): ReaderModel | undefined {
  if (json === null) return undefined;
  try {
    const parsed = JSON.parse(json) as StoredV2 | StoredV1;
    if (parsed.format === 1) return fromV1(parsed);
    if (parsed.format !== 2 || typeof parsed.terms !== 'string') return undefined;
    const model: ReaderModel = {
      ...parsed,
      vector: decodeFloats(parsed.vector),
      terms: parsed.terms === '' ? [] : parsed.terms.split(' '),
      termWeights: decodeFloats(parsed.termWeights),
      termIdf: decodeFloats(parsed.termIdf),
    };
    return model.termWeights.length === model.terms.length && model.termIdf.length === model.terms.length
      ? model
      : undefined;
  } catch {
    // Unreadable text is treated as no model: the job retrains and overwrites it.
    return undefined;
  }
}

function fromV1(parsed: StoredV1): ReaderModel | undefined {
  if (!Array.isArray(parsed.vector) || typeof parsed.terms !== 'object') return undefined;
  const entries = Object.entries(parsed.terms);
  return {
    ...parsed,
    format: 2,
    vector: Float32Array.from(parsed.vector),
    terms: entries.map(([term]) => term),
    termWeights: Float32Array.from(entries, ([, [w]]) => w),
    termIdf: Float32Array.from(entries, ([, [, idf]]) => idf),
  };
}
