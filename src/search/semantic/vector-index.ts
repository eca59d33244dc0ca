// The per-instance in-memory vector index: the active model's vectors, loaded from the database by seq
// and kept current by polling the vectors written after the last seq seen (like the FTS index follows
// the change log). Rows live in SharedArrayBuffers so scan workers (vector-scan.ts) read them without
// copies. Memory per paper: dims bytes (int8 row) + 4 (scale) + 4 (row → paper id) + 1/8 (deleted bit)
// + ~40 for the paper → row map entry; 256 dims × 1M papers ≈ 300 MB.

import { setImmediate } from 'node:timers/promises';
import type { DatabaseHandle } from '../../db/connection.js';
import { getActiveModel, listVectorsSince, type StoredVector } from '../../store/embeddings.js';
import type { VectorCodec } from './embed-job.js';

const PAGE = 5000;
const INITIAL_CAPACITY = 1024;

/** What a scan reads: rows [0, rows) of a row-major int8 matrix; a row's value is int8 × scale. */
export interface VectorMatrix {
  modelKey: string;
  dims: number;
  rows: number;
  matrix: Int8Array<SharedArrayBuffer>;
  scales: Float32Array<SharedArrayBuffer>;
  /** Paper id of each row. */
  rowPaper: Int32Array<SharedArrayBuffer>;
  /** Bit r set: row r's paper was withdrawn (skip it). */
  deleted: Uint8Array<SharedArrayBuffer>;
}

export interface VectorCatchUp {
  /** Vector writes applied (tombstones included). */
  applied: number;
  /** True when the active model changed and the index was rebuilt. */
  isSwitched: boolean;
  seq: number;
}

export class VectorIndex {
  private modelId: number | undefined;
  private modelKey = '';
  private dims = 0;
  private rows = 0;
  private capacity = 0;
  private matrix = new Int8Array(new SharedArrayBuffer(0));
  private scales = new Float32Array(new SharedArrayBuffer(0));
  private rowPaper = new Int32Array(new SharedArrayBuffer(0));
  private deleted = new Uint8Array(new SharedArrayBuffer(0));
  private readonly paperRow = new Map<number, number>();
  private lastSeq = 0;

  constructor(
    private readonly database: DatabaseHandle,
    private readonly codec: VectorCodec,
  ) {}

  /** Applies vector writes after the last seq seen; rebuilds when another model became active. */
  async catchUp(): Promise<VectorCatchUp> {
    const active = await getActiveModel(this.database.db);
    let isSwitched = false;
    if (active?.id !== this.modelId) {
      this.reset(active?.id, active?.modelKey ?? '', active?.dims ?? 0);
      isSwitched = true;
    }
    let applied = 0;
    if (this.modelId === undefined) return { applied, isSwitched, seq: 0 };
    for (;;) {
      // SQLite answers synchronously: without a turn of the event loop per page, loading a million
      // vectors would hold every request of the serving thread until the last page.
      await setImmediate();
      const page = await listVectorsSince(this.database.db, this.modelId, this.lastSeq, PAGE);
      for (const write of page) this.apply(write);
      applied += page.length;
      const last = page.at(-1);
      if (last) this.lastSeq = last.seq;
      if (page.length < PAGE) return { applied, isSwitched, seq: this.lastSeq };
    }
  }

  /** The live matrix for a scan (valid until the next catchUp, which may grow or replace it). */
  snapshot(): VectorMatrix | undefined {
    if (this.modelId === undefined) return undefined;
    return {
      modelKey: this.modelKey,
      dims: this.dims,
      rows: this.rows,
      matrix: this.matrix,
      scales: this.scales,
      rowPaper: this.rowPaper,
      deleted: this.deleted,
    };
  }

  /** Papers with a live vector. */
  get size(): number {
    let removed = 0;
    for (let row = 0; row < this.rows; row++) if (this.isDeleted(row)) removed++;
    return this.rows - removed;
  }

  isDeleted(row: number): boolean {
    return ((this.deleted[row >> 3] ?? 0) & (1 << (row & 7))) !== 0;
  }

  /** Bytes held: the shared buffers plus an estimate of the paper → row map. */
  memoryBytes(): number {
    return (
      this.matrix.byteLength +
      this.scales.byteLength +
      this.rowPaper.byteLength +
      this.deleted.byteLength +
      this.paperRow.size * 40
    );
  }

  private reset(modelId: number | undefined, modelKey: string, dims: number): void {
    this.modelId = modelId;
    this.modelKey = modelKey;
    this.dims = dims;
    this.rows = 0;
    this.lastSeq = 0;
    this.paperRow.clear();
    this.matrix = new Int8Array(new SharedArrayBuffer(0));
    this.scales = new Float32Array(new SharedArrayBuffer(0));
    this.rowPaper = new Int32Array(new SharedArrayBuffer(0));
    this.deleted = new Uint8Array(new SharedArrayBuffer(0));
    this.allocate(modelId === undefined ? 0 : INITIAL_CAPACITY);
  }

  private apply(write: StoredVector): void {
    let row = this.paperRow.get(write.paperId);
    if (!write.vector) {
      // A tombstone; the row stays reserved for the paper in case it comes back.
      if (row !== undefined) this.setDeleted(row, true);
      return;
    }
    if (row === undefined) {
      if (this.rows === this.capacity) this.allocate(this.capacity * 2);
      row = this.rows++;
      this.paperRow.set(write.paperId, row);
      this.rowPaper[row] = write.paperId;
    }
    const start = row * this.dims;
    this.scales[row] = this.codec.decodeInto(write.vector, this.matrix.subarray(start, start + this.dims));
    this.setDeleted(row, false);
  }

  private setDeleted(row: number, isDeleted: boolean): void {
    const byte = row >> 3;
    const bit = 1 << (row & 7);
    const current = this.deleted[byte] ?? 0;
    this.deleted[byte] = isDeleted ? current | bit : current & ~bit;
  }

  /** Grows (or first allocates) the shared buffers, keeping the rows written so far. */
  private allocate(capacity: number): void {
    const matrix = new Int8Array(new SharedArrayBuffer(capacity * this.dims));
    const scales = new Float32Array(new SharedArrayBuffer(capacity * 4));
    const rowPaper = new Int32Array(new SharedArrayBuffer(capacity * 4));
    const deleted = new Uint8Array(new SharedArrayBuffer(Math.ceil(capacity / 8)));
    matrix.set(this.matrix.subarray(0, Math.min(this.matrix.length, matrix.length)));
    scales.set(this.scales.subarray(0, Math.min(this.scales.length, capacity)));
    rowPaper.set(this.rowPaper.subarray(0, Math.min(this.rowPaper.length, capacity)));
    deleted.set(this.deleted.subarray(0, Math.min(this.deleted.length, deleted.length)));
    this.matrix = matrix;
    this.scales = scales;
    this.rowPaper = rowPaper;
    this.deleted = deleted;
    this.capacity = capacity;
  }
}
