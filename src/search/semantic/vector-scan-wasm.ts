// A hand-assembled WebAssembly SIMD kernel: int8 rows · int16 query → int32 dot products, 8 products
// per i32x4.dot_i16x8_s. Used by vector-scan.ts, which copies blocks of rows into this thread's own
// wasm memory (so the matrix may live in any ArrayBuffer or SharedArrayBuffer).

const SIMD = 0xfd;
const v128Load = (offset: number) => [SIMD, 0x00, 0x00, offset];
const op = {
  i16x8ExtendLowI8x16S: [SIMD, 0x87, 0x01],
  i16x8ExtendHighI8x16S: [SIMD, 0x88, 0x01],
  i32x4DotI16x8S: [SIMD, 0xba, 0x01],
  i32x4Add: [SIMD, 0xae, 0x01],
  i32x4ExtractLane: (lane: number) => [SIMD, 0x1b, lane],
  v128Zero: [SIMD, 0x0c, ...new Array(16).fill(0)],
};
const get = (i: number) => [0x20, i];
const set = (i: number) => [0x21, i];
const tee = (i: number) => [0x22, i];
const i32Const = (n: number) => [0x41, n]; // one-byte signed LEB128: 0 ≤ n < 64
const i32Add = [0x6a];

// dots(rows, n, dims, query, out): for r < n, out[r] = Σ_i int8 rows[r·dims + i] × int16 query[i].
// Params 0 rows, 1 n, 2 dims, 3 query, 4 out; locals 5 r, 6 i, 7 q, 8 acc (v128), 9 v (v128).
// dims must be a positive multiple of 16; the caller bounds dims × 127 × max|query| below 2³¹.
const body = [
  [0x02, 0x40, 0x03, 0x40], // block, loop (over rows)
  get(5),
  get(1),
  [0x4f, 0x0d, 0x01], // r >= n → exit
  op.v128Zero,
  set(8),
  i32Const(0),
  set(6),
  get(3),
  set(7),
  [0x03, 0x40], // loop (over 16 dims at a time)
  get(0),
  v128Load(0),
  set(9),
  get(8),
  get(9),
  op.i16x8ExtendLowI8x16S,
  get(7),
  v128Load(0),
  op.i32x4DotI16x8S,
  op.i32x4Add,
  get(9),
  op.i16x8ExtendHighI8x16S,
  get(7),
  v128Load(16),
  op.i32x4DotI16x8S,
  op.i32x4Add,
  set(8),
  get(0),
  i32Const(16),
  i32Add,
  set(0),
  get(7),
  i32Const(32),
  i32Add,
  set(7),
  get(6),
  i32Const(16),
  i32Add,
  tee(6),
  get(2),
  [0x49, 0x0d, 0x00], // i < dims → again
  [0x0b],
  get(4),
  get(8),
  op.i32x4ExtractLane(0),
  get(8),
  op.i32x4ExtractLane(1),
  i32Add,
  get(8),
  op.i32x4ExtractLane(2),
  i32Add,
  get(8),
  op.i32x4ExtractLane(3),
  i32Add,
  [0x36, 0x02, 0x00], // i32.store
  get(4),
  i32Const(4),
  i32Add,
  set(4),
  get(5),
  i32Const(1),
  i32Add,
  set(5),
  [0x0c, 0x00, 0x0b, 0x0b], // br loop, end loop, end block
  [0x0b], // end function
].flat();

function leb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

const section = (id: number, bytes: number[]) => [id, ...leb(bytes.length), ...bytes];
const ascii = (s: string) => [s.length, ...Array.from(s, (c) => c.charCodeAt(0))];
const functionBody = [0x02, 0x03, 0x7f, 0x02, 0x7b, ...body]; // locals: 3 i32, 2 v128

const MODULE_BYTES = new Uint8Array([
  ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
  ...section(1, [0x01, 0x60, 0x05, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x00]),
  ...section(2, [0x01, ...ascii('m'), ...ascii('m'), 0x02, 0x00, 0x01]),
  ...section(3, [0x01, 0x00]),
  ...section(7, [0x01, ...ascii('dots'), 0x00, 0x00]),
  ...section(10, [0x01, ...leb(functionBody.length), ...functionBody]),
]);

export type DotsFunction = (rows: number, n: number, dims: number, query: number, out: number) => void;

// The tsconfig's lib (ES2023, no DOM) does not declare WebAssembly; this is the part used here.
interface WasmMemory {
  readonly buffer: ArrayBuffer;
}
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Memory: new (descriptor: { initial: number }) => WasmMemory;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}
const wasm = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

export interface DotKernel {
  memory: WasmMemory;
  dots: DotsFunction;
}

let compiled: object | null | undefined;

/** The compiled module, or null where WebAssembly SIMD is unavailable (the caller falls back to JS). */
function compiledModule(): object | null {
  if (compiled === undefined) {
    compiled = wasm?.validate(MODULE_BYTES) ? new wasm.Module(MODULE_BYTES) : null;
  }
  return compiled;
}

/** A kernel with its own memory of at least `bytes` (one per thread; the caller keeps it). */
export function createDotKernel(bytes: number): DotKernel | null {
  const module = compiledModule();
  if (!module || !wasm) return null;
  const memory = new wasm.Memory({ initial: Math.ceil(bytes / 65536) });
  const instance = new wasm.Instance(module, { m: { m: memory } });
  return { memory, dots: instance.exports.dots as DotsFunction };
}
