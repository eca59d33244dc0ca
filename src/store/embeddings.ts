// Semantic vectors in the database (the only SQL for them): embedding models and their states, vector
// upserts and tombstones with a per-write seq, the "changed after seq X" feed every instance's
// vector index polls, and the embedding job's change-log cursor. Called by search/semantic/.

import { type Kysely, type Selectable, sql } from 'kysely';
import type { DatabaseHandle } from '../db/connection.js';
import type { Dialect } from '../db/dialect.js';
import type {
  Database,
  EmbeddingModelKind,
  EmbeddingModelState,
  EmbeddingModelsTable,
} from '../db/schema.js';
import { getIngestState, setIngestState } from './ingest-state.js';
import { inReadWriteTransaction } from './write-transaction.js';

export interface EmbeddingModel {
  id: number;
  modelKey: string;
  kind: EmbeddingModelKind;
  dims: number;
  state: EmbeddingModelState;
  createdAt: string;
  activatedAt: string | null;
}

export interface NewEmbeddingModel {
  modelKey: string;
  kind: EmbeddingModelKind;
  dims: number;
  /** The serialised LSA model; null for an external provider. */
  modelBytes: Uint8Array | null;
}

/**
 * A model's row without its bytes: the serving thread polls the active model every few seconds, and
 * reading a 50 MB LSA blob each time held the event loop for ~0.7 s (SQLite answers synchronously).
 */
const MODEL_COLUMNS = ['id', 'model_key', 'kind', 'dims', 'state', 'created_at', 'activated_at'] as const;

export interface VectorWrite {
  paperId: number;
  /** Packed vector; null removes it (a tombstone pollers see). */
  vector: Uint8Array | null;
}

export interface StoredVector extends VectorWrite {
  seq: number;
}

export interface EmbeddablePaper {
  id: number;
  title: string;
  abstract: string;
  isWithdrawn: boolean;
}

// Any constant (not the change log's): PostgreSQL vector writers take this transaction-scoped lock, so
// seqs drawn from the sequence commit in order and a poller past seq X never skips a late commit.
const VECTOR_SEQ_LOCK = 7_201_402;
// SQLite allows 32,766 bound parameters per statement; 4 per row.
const SQLITE_ROWS_PER_STATEMENT = 4000;

function toModel(row: Omit<Selectable<EmbeddingModelsTable>, 'model_bytes'>): EmbeddingModel {
  return {
    id: row.id,
    modelKey: row.model_key,
    kind: row.kind,
    dims: row.dims,
    state: row.state,
    createdAt: row.created_at,
    activatedAt: row.activated_at,
  };
}

/** Stores a new model in state `building`; a model with the same key is returned as it is (resuming). */
export async function saveModel(
  db: Kysely<Database>,
  model: NewEmbeddingModel,
  now: Date,
): Promise<EmbeddingModel> {
  await db
    .insertInto('embedding_models')
    .values({
      model_key: model.modelKey,
      kind: model.kind,
      dims: model.dims,
      state: 'building',
      model_bytes: model.modelBytes ? asBlob(model.modelBytes) : null,
      created_at: now.toISOString(),
      activated_at: null,
    })
    .onConflict((oc) => oc.column('model_key').doNothing())
    .execute();
  const saved = await getModelByKey(db, model.modelKey);
  if (!saved) throw new Error(`embedding model ${model.modelKey} vanished after saving`);
  return saved;
}

export async function getModelByKey(
  db: Kysely<Database>,
  modelKey: string,
): Promise<EmbeddingModel | undefined> {
  const row = await db
    .selectFrom('embedding_models')
    .select(MODEL_COLUMNS)
    .where('model_key', '=', modelKey)
    .executeTakeFirst();
  return row && toModel(row);
}

export async function getActiveModel(db: Kysely<Database>): Promise<EmbeddingModel | undefined> {
  const row = await db
    .selectFrom('embedding_models')
    .select(MODEL_COLUMNS)
    .where('state', '=', 'active')
    .executeTakeFirst();
  return row && toModel(row);
}

/** The serialised model (LSA); undefined for a model stored without bytes (an external provider). */
export async function getModelBytes(db: Kysely<Database>, modelId: number): Promise<Uint8Array | undefined> {
  const row = await db
    .selectFrom('embedding_models')
    .select('model_bytes')
    .where('id', '=', modelId)
    .executeTakeFirst();
  return row?.model_bytes ?? undefined;
}

export async function listModels(db: Kysely<Database>): Promise<EmbeddingModel[]> {
  const rows = await db.selectFrom('embedding_models').select(MODEL_COLUMNS).orderBy('id').execute();
  return rows.map(toModel);
}

/** Makes the model the active one and retires the previous, in one transaction (readers see one or the other). */
export async function activateModel(database: DatabaseHandle, modelId: number, now: Date): Promise<void> {
  await inReadWriteTransaction(database, async (trx) => {
    await trx
      .updateTable('embedding_models')
      .set({ state: 'retired' })
      .where('state', '=', 'active')
      .where('id', '!=', modelId)
      .execute();
    const result = await trx
      .updateTable('embedding_models')
      .set({ state: 'active', activated_at: now.toISOString() })
      .where('id', '=', modelId)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new Error(`no embedding model ${modelId} to activate`);
  });
}

export async function retireModel(db: Kysely<Database>, modelId: number): Promise<void> {
  await db.updateTable('embedding_models').set({ state: 'retired' }).where('id', '=', modelId).execute();
}

/**
 * A transaction for vector writes: BEGIN IMMEDIATE on SQLite; on PostgreSQL one holding the vector-seq
 * lock, so seqs commit in the order they were drawn.
 */
export function inVectorTransaction<T>(
  database: DatabaseHandle,
  work: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  return inReadWriteTransaction(database, async (trx) => {
    if (database.dialect === 'postgres')
      await sql`select pg_advisory_xact_lock(${VECTOR_SEQ_LOCK})`.execute(trx);
    return work(trx);
  });
}

/**
 * Writes vectors (null: tombstone) with fresh seqs, one statement per batch: `unnest` arrays on
 * PostgreSQL, a multi-row upsert on SQLite. Run it inside inVectorTransaction. A paper listed twice
 * keeps its last vector.
 */
export async function upsertVectors(
  trx: Kysely<Database>,
  dialect: Dialect,
  modelId: number,
  writes: VectorWrite[],
): Promise<void> {
  const unique = [...new Map(writes.map((w) => [w.paperId, w.vector])).entries()];
  if (unique.length === 0) return;
  if (dialect === 'postgres') {
    const ids = unique.map(([id]) => id);
    const vectors = unique.map(([, v]) => (v ? asBlob(v) : null));
    await sql`
      insert into paper_vectors (model_id, paper_id, vector, seq)
      select ${modelId}, t.paper_id, t.vector, nextval('paper_vectors_seq')
      from unnest(${ids}::int[], ${vectors}::bytea[]) with ordinality as t(paper_id, vector, ord)
      order by t.ord
      on conflict (model_id, paper_id) do update set vector = excluded.vector, seq = excluded.seq
    `.execute(trx);
    return;
  }
  let seq = await maxSeq(trx, modelId);
  for (let start = 0; start < unique.length; start += SQLITE_ROWS_PER_STATEMENT) {
    const rows = unique.slice(start, start + SQLITE_ROWS_PER_STATEMENT).map(([paperId, vector]) => ({
      model_id: modelId,
      paper_id: paperId,
      vector: vector ? asBlob(vector) : null,
      seq: ++seq,
    }));
    await trx
      .insertInto('paper_vectors')
      .values(rows)
      .onConflict((oc) =>
        oc.columns(['model_id', 'paper_id']).doUpdateSet((eb) => ({
          vector: eb.ref('excluded.vector'),
          seq: eb.ref('excluded.seq'),
        })),
      )
      .execute();
  }
}

/** Tombstones the live vectors of these papers (withdrawn or gone); papers without one are skipped. */
export async function removeVectors(
  trx: Kysely<Database>,
  dialect: Dialect,
  modelId: number,
  paperIds: number[],
): Promise<number> {
  if (paperIds.length === 0) return 0;
  const live = await trx
    .selectFrom('paper_vectors')
    .select('paper_id')
    .where('model_id', '=', modelId)
    .where('paper_id', 'in', paperIds)
    .where('vector', 'is not', null)
    .execute();
  await upsertVectors(
    trx,
    dialect,
    modelId,
    live.map((r) => ({ paperId: r.paper_id, vector: null })),
  );
  return live.length;
}

async function maxSeq(db: Kysely<Database>, modelId: number): Promise<number> {
  const row = await db
    .selectFrom('paper_vectors')
    .select((eb) => eb.fn.max('seq').as('s'))
    .where('model_id', '=', modelId)
    .executeTakeFirst();
  return Number(row?.s ?? 0);
}

/** The next `limit` vector writes (tombstones included) after `afterSeq`, in seq order. */
export async function listVectorsSince(
  db: Kysely<Database>,
  modelId: number,
  afterSeq: number,
  limit: number,
): Promise<StoredVector[]> {
  const rows = await db
    .selectFrom('paper_vectors')
    .select(['paper_id', 'vector', 'seq'])
    .where('model_id', '=', modelId)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ paperId: r.paper_id, vector: r.vector, seq: Number(r.seq) }));
}

/** How many papers have a (live) vector of this model. */
export async function countVectors(db: Kysely<Database>, modelId: number): Promise<number> {
  const row = await db
    .selectFrom('paper_vectors')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('model_id', '=', modelId)
    .where('vector', 'is not', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Papers after `afterId` (id order) that are not withdrawn and have no vector of this model yet. */
export async function listPapersNeedingVectors(
  db: Kysely<Database>,
  modelId: number,
  afterId: number,
  limit: number,
): Promise<EmbeddablePaper[]> {
  const rows = await db
    .selectFrom('papers')
    .select(['id', 'title', 'abstract', 'is_withdrawn'])
    .where('id', '>', afterId)
    .where('is_withdrawn', '=', 0)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('paper_vectors')
            .select('paper_vectors.paper_id')
            .whereRef('paper_vectors.paper_id', '=', 'papers.id')
            .where('paper_vectors.model_id', '=', modelId)
            .where('paper_vectors.vector', 'is not', null),
        ),
      ),
    )
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(toEmbeddable);
}

/** Title, abstract and withdrawal of the given papers (missing ids are simply absent). */
export async function getEmbeddablePapers(db: Kysely<Database>, ids: number[]): Promise<EmbeddablePaper[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('papers')
    .select(['id', 'title', 'abstract', 'is_withdrawn'])
    .where('id', 'in', ids)
    .execute();
  return rows.map(toEmbeddable);
}

function toEmbeddable(r: {
  id: number;
  title: string;
  abstract: string;
  is_withdrawn: number;
}): EmbeddablePaper {
  return { id: r.id, title: r.title, abstract: r.abstract, isWithdrawn: r.is_withdrawn === 1 };
}

// The embedding job's change-log cursor per model lives in ingest_state (key/value bookkeeping).
const cursorKey = (modelId: number) => `embeddings:revision:${modelId}`;

/** The change-log revision a model's vectors reflect; undefined before the model was first built. */
export async function getEmbeddingCursor(db: Kysely<Database>, modelId: number): Promise<number | undefined> {
  const value = await getIngestState(db, cursorKey(modelId));
  return value === undefined ? undefined : Number(value);
}

export async function setEmbeddingCursor(
  db: Kysely<Database>,
  modelId: number,
  revision: number,
  now: Date,
): Promise<void> {
  await setIngestState(db, cursorKey(modelId), String(revision), now.toISOString());
}

// better-sqlite3 binds Buffers as blobs; a view over the same memory, no copy.
function asBlob(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
