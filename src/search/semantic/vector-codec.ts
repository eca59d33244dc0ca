// Int8 quantisation of unit vectors for storage and the exact scan (vector-scan.ts): symmetric
// max-abs scale per vector, value ≈ scale × int8. Called by vector storage when writing and reading
// vectors; unpacking validates and throws VectorFormatError on malformed bytes.

import type { VectorCodec } from './embed-job.js';

export interface QuantizedVector {
  /** value[i] ≈ scale × values[i]; 0 for the zero vector. */
  scale: number;
  values: Int8Array;
}

export class VectorFormatError extends Error {
  override name = 'VectorFormatError';
}

/** Max-abs → 127, so the rounding error per component is at most scale / 2 = max|v| / 254. */
export function quantizeVector(vector: Float32Array): QuantizedVector {
  let max = 0;
  for (const v of vector) {
    if (!Number.isFinite(v))
      throw new VectorFormatError('cannot quantise a vector with NaN or infinite values');
    max = Math.max(max, Math.abs(v));
  }
  const values = new Int8Array(vector.length);
  if (max === 0) return { scale: 0, values };
  // Math.fround: the scale is stored as float32, so quantise against exactly the value stored.
  const scale = Math.fround(max / 127);
  for (let i = 0; i < vector.length; i++) {
    values[i] = Math.max(-127, Math.min(127, Math.round((vector[i] as number) / scale)));
  }
  return { scale, values };
}

export function dequantizeVector({ scale, values }: QuantizedVector): Float32Array {
  return Float32Array.from(values, (v) => v * scale);
}

const HEADER_BYTES = 6; // uint16 dims, float32 scale, little-endian

/** Bytes for storage: uint16 dims, float32 scale, then dims int8 values. */
export function packVector({ scale, values }: QuantizedVector): Uint8Array {
  if (values.length === 0 || values.length > 0xffff)
    throw new VectorFormatError(`cannot pack ${values.length} dims`);
  const out = new Uint8Array(HEADER_BYTES + values.length);
  const view = new DataView(out.buffer);
  view.setUint16(0, values.length, true);
  view.setFloat32(2, scale, true);
  out.set(new Uint8Array(values.buffer, values.byteOffset, values.length), HEADER_BYTES);
  return out;
}

export function unpackVector(bytes: Uint8Array): QuantizedVector {
  if (bytes.length < HEADER_BYTES + 1)
    throw new VectorFormatError(`a packed vector needs more than ${bytes.length} bytes`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims = view.getUint16(0, true);
  if (bytes.length !== HEADER_BYTES + dims) {
    throw new VectorFormatError(`packed vector says ${dims} dims but carries ${bytes.length - HEADER_BYTES}`);
  }
  const scale = view.getFloat32(2, true);
  if (!Number.isFinite(scale) || scale < 0) throw new VectorFormatError(`packed vector has scale ${scale}`);
  const values = new Int8Array(dims);
  values.set(new Int8Array(bytes.buffer, bytes.byteOffset + HEADER_BYTES, dims));
  if (values.includes(-128))
    throw new VectorFormatError('packed vector has -128, outside the symmetric range');
  return { scale, values };
}

/** The codec the embedding job stores vectors with and the vector index loads them with. */
export const int8VectorCodec: VectorCodec = {
  encode: (vector) => packVector(quantizeVector(vector)),
  decodeInto(bytes, row) {
    const { scale, values } = unpackVector(bytes);
    if (values.length !== row.length) {
      throw new VectorFormatError(`stored vector has ${values.length} dims, the index ${row.length}`);
    }
    row.set(values);
    return scale;
  },
};
