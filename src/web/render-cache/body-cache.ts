// Rendered bodies in memory, bounded by bytes (least recently used first out), each stored with its
// gzip and brotli forms so a hit never compresses. An entry belongs to the change-log revision that
// was current when its rendering began and to a moment in time: it is served only while the
// revision is still current and for at most `maxAgeMs` (what depends on the clock alone) — or, aged,
// for up to `maxAgeMs` more while the render that replaces it runs (render-cache.ts).

import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { LRUCache } from 'lru-cache';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

export type ContentCoding = 'br' | 'gzip' | 'identity';

export interface CachedBody {
  revision: number;
  storedAt: number;
  status: number;
  /** The handler's headers (content type, cache control, CORS…), without Set-Cookie or ETag. */
  headers: [string, string][];
  /** Weak: one tag for every coding of the same bytes (RFC 9110 §8.8.3). */
  etag: string;
  bodies: Record<ContentCoding, Uint8Array>;
  /** Shorter than the cache's own age limit for a body that may lag the change log (render-cache.ts). */
  maxAgeMs?: number;
}

/** Smaller bodies are not worth a compressed copy (their headers weigh as much). */
const COMPRESS_MIN_BYTES = 512;

/** One body in one coding: brotli at the given quality, or gzip at level 6. */
export function encodeBody(
  body: Uint8Array,
  coding: 'br' | 'gzip',
  brotliQuality: number,
): Promise<Uint8Array> {
  return coding === 'br'
    ? brotli(body, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: brotliQuality,
          [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength,
        },
      })
    : gzipAsync(body, { level: 6 });
}

/**
 * Brotli quality 5 and gzip level 6: a body is compressed once per change, so ~1 ms for a 40 KB page
 * is paid rarely, and q5 compresses HTML within a few percent of q11 at a tenth of its time.
 */
export async function compressAll(body: Uint8Array): Promise<Record<ContentCoding, Uint8Array>> {
  if (body.byteLength < COMPRESS_MIN_BYTES) return { identity: body, gzip: body, br: body };
  const [br, gz] = await Promise.all([encodeBody(body, 'br', 5), encodeBody(body, 'gzip', 5)]);
  return { identity: body, gzip: gz, br };
}

export function weakEtagOf(body: Uint8Array): string {
  return `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

export class BodyCache {
  readonly #entries: LRUCache<string, CachedBody>;

  constructor(
    maxBytes: number,
    private readonly maxAgeMs: number,
  ) {
    this.#entries = new LRUCache<string, CachedBody>({
      maxSize: Math.max(1, maxBytes),
      sizeCalculation: (entry, key) =>
        key.length +
        entry.bodies.identity.byteLength +
        (entry.bodies.gzip === entry.bodies.identity ? 0 : entry.bodies.gzip.byteLength) +
        (entry.bodies.br === entry.bodies.identity ? 0 : entry.bodies.br.byteLength) +
        256,
    });
  }

  /** The entry for `key` if it was rendered at `revision` and is young enough. */
  get(key: string, revision: number, now: number): CachedBody | undefined {
    const entry = this.#atRevision(key, revision);
    return entry && now - entry.storedAt < this.#maxAgeOf(entry) ? entry : undefined;
  }

  /**
   * The entry for `key` rendered at `revision` that has outlived `maxAgeMs` by less than `maxAgeMs`
   * again: no change has reached what it shows, only the clock moved (relative times, today's board,
   * trending's decay). The render cache serves it while one render replaces it (stale-while-revalidate).
   */
  getAged(key: string, revision: number, now: number): CachedBody | undefined {
    const entry = this.#atRevision(key, revision);
    if (!entry) return undefined;
    const age = now - entry.storedAt;
    const maxAge = this.#maxAgeOf(entry);
    return age >= maxAge && age < 2 * maxAge ? entry : undefined;
  }

  #maxAgeOf(entry: CachedBody): number {
    return Math.min(entry.maxAgeMs ?? this.maxAgeMs, this.maxAgeMs);
  }

  #atRevision(key: string, revision: number): CachedBody | undefined {
    const entry = this.#entries.get(key);
    return entry?.revision === revision ? entry : undefined;
  }

  set(key: string, entry: CachedBody): void {
    // An entry rendered at an older revision than one already stored (a slow render) is not kept.
    const current = this.#entries.peek(key);
    if (current && current.revision > entry.revision) return;
    this.#entries.set(key, entry);
  }

  get stats(): { entries: number; bytes: number } {
    return { entries: this.#entries.size, bytes: this.#entries.calculatedSize };
  }
}

/** The client's preferred coding we have: brotli, then gzip, then the bytes as they are (RFC 9110 §12.5.3). */
export function chooseCoding(acceptEncoding: string | undefined): ContentCoding {
  if (!acceptEncoding) return 'identity';
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const weight = q ? Number(q.slice(2)) : 1;
    accepted.set(name, Number.isFinite(weight) ? weight : 0);
  }
  const weightOf = (coding: string) => accepted.get(coding) ?? accepted.get('*') ?? 0;
  if (weightOf('br') > 0) return 'br';
  if (weightOf('gzip') > 0) return 'gzip';
  return 'identity';
}
