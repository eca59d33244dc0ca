import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seededRandom } from './lsa-svd.js';
import {
  dequantizeVector,
  int8VectorCodec,
  packVector,
  quantizeVector,
  unpackVector,
  VectorFormatError,
} from './vector-codec.js';

function randomUnit(random: () => number, dims: number): Float32Array {
  const v = Float32Array.from({ length: dims }, () => random() * 2 - 1);
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}

test('quantisation error is at most max|v| / 254 per component, and dot products stay within 1%', () => {
  const random = seededRandom(3);
  for (let n = 0; n < 200; n++) {
    const v = randomUnit(random, 256);
    const w = randomUnit(random, 256);
    const back = dequantizeVector(quantizeVector(v));
    const max = Math.max(...v.map(Math.abs));
    v.forEach((x, i) => {
      assert.ok(Math.abs(x - (back[i] as number)) <= (max / 254) * 1.0001, `component ${i}`);
    });
    const exact = v.reduce((s, x, i) => s + x * (w[i] as number), 0);
    const approx = back.reduce((s, x, i) => s + x * (w[i] as number), 0);
    assert.ok(Math.abs(exact - approx) < 0.01, `${exact} vs ${approx}`);
  }
});

test('the largest component maps to ±127 and the zero vector to scale 0', () => {
  const q = quantizeVector(Float32Array.from([0.5, -1, 0.25, 0]));
  assert.deepEqual([...q.values], [64, -127, 32, 0]);
  assert.equal(q.scale, Math.fround(1 / 127));
  const zero = quantizeVector(new Float32Array(8));
  assert.equal(zero.scale, 0);
  assert.deepEqual(dequantizeVector(zero), new Float32Array(8));
  assert.throws(() => quantizeVector(Float32Array.from([1, Number.NaN])), VectorFormatError);
});

test('pack and unpack round trip', () => {
  const q = quantizeVector(randomUnit(seededRandom(5), 256));
  const bytes = packVector(q);
  assert.equal(bytes.length, 6 + 256);
  assert.deepEqual(unpackVector(bytes), q);
  // A view into a larger buffer at an odd offset unpacks the same.
  const larger = new Uint8Array(bytes.length + 3);
  larger.set(bytes, 3);
  assert.deepEqual(unpackVector(larger.subarray(3)), q);
});

test('malformed packed vectors throw VectorFormatError', () => {
  const bytes = packVector(quantizeVector(Float32Array.from([0.6, -0.8, 0, 0])));
  const cases: Array<[Uint8Array, RegExp]> = [
    [new Uint8Array(0), /needs more than 0 bytes/],
    [bytes.subarray(0, 6), /needs more/],
    [bytes.subarray(0, bytes.length - 1), /says 4 dims but carries 3/],
    [new Uint8Array([...bytes, 0]), /says 4 dims but carries 5/],
    [
      (() => {
        const b = bytes.slice();
        new DataView(b.buffer).setFloat32(2, Number.NaN, true);
        return b;
      })(),
      /scale NaN/,
    ],
    [
      (() => {
        const b = bytes.slice();
        new DataView(b.buffer).setFloat32(2, -1, true);
        return b;
      })(),
      /scale -1/,
    ],
    [
      (() => {
        const b = bytes.slice();
        b[7] = 0x80;
        return b;
      })(),
      /-128/,
    ],
  ];
  for (const [input, message] of cases) {
    assert.throws(
      () => unpackVector(input),
      (error: unknown) => error instanceof VectorFormatError && message.test(error.message),
    );
  }
  assert.throws(() => packVector({ scale: 1, values: new Int8Array(0) }), VectorFormatError);
});

test('int8VectorCodec stores a vector and decodes it into an index row', () => {
  const v = randomUnit(seededRandom(6), 32);
  const row = new Int8Array(new SharedArrayBuffer(32));
  const scale = int8VectorCodec.decodeInto(int8VectorCodec.encode(v), row);
  const q = quantizeVector(v);
  assert.equal(scale, q.scale);
  assert.deepEqual([...row], [...q.values]);
  assert.throws(
    () => int8VectorCodec.decodeInto(int8VectorCodec.encode(v), new Int8Array(16)),
    /32 dims, the index 16/,
  );
});
