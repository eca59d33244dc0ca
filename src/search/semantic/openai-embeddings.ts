// An Embedder backed by an OpenAI-compatible `POST /v1/embeddings` server (Text Embeddings Inference,
// Ollama, llama.cpp server, vLLM): batches of EMBEDDINGS_BATCH_SIZE, a timeout per request, bounded
// retries with backoff on 429/503 and dropped connections, vectors put back in input order by `index`
// and scaled to unit length. Built by the CLI composition root from the EMBEDDINGS_* settings.

import type { EmbeddableDocument, Embedder } from './embedder.js';

export interface OpenAiEmbedderOptions {
  /** Server base URL, with or without the trailing `/v1` (`http://host:11434` and `http://host:11434/v1` both work). */
  url: string;
  model: string;
  /** Vector length the model produces; every response is checked against it. */
  dims: number;
  batchSize: number;
  timeoutMs: number;
  apiKey?: string;
  /** Attempts per request (429, 503, connection errors, timeouts); default 4. */
  maxAttempts?: number;
  /** First retry delay, doubling per attempt; default 500 ms. A `Retry-After` in seconds wins (at most 60 s). */
  backoffMs?: number;
}

export class EmbeddingsError extends Error {
  override name = 'EmbeddingsError';
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** `http://h:8080`, `http://h:8080/`, `http://h:8080/v1`, `http://h:8080/v1/` → `http://h:8080/v1/embeddings`. */
export function embeddingsEndpoint(url: string): string {
  const base = url.replace(/\/+$/, '');
  return `${base.endsWith('/v1') ? base : `${base}/v1`}/embeddings`;
}

/** Documents are embedded as "title\n\nabstract": the title carries the most topical words. */
export function documentText(document: EmbeddableDocument): string {
  return `${document.title}\n\n${document.abstract}`;
}

export class OpenAiEmbedder implements Embedder {
  readonly modelKey: string;
  readonly dims: number;
  private readonly endpoint: string;

  constructor(private readonly options: OpenAiEmbedderOptions) {
    this.modelKey = `openai:${options.model}`;
    this.dims = options.dims;
    this.endpoint = embeddingsEndpoint(options.url);
  }

  async embedDocuments(documents: EmbeddableDocument[]): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    for (let start = 0; start < documents.length; start += this.options.batchSize) {
      const batch = documents.slice(start, start + this.options.batchSize).map(documentText);
      out.push(...(await this.embedTexts(batch)));
    }
    return out;
  }

  /** The provider's vector length, learnt by embedding one short text (construct with dims 0). */
  async probeDimensions(): Promise<number> {
    const [vector] = await this.embedTexts(['dimensions']);
    if (!vector) throw new EmbeddingsError(`${this.endpoint}: no embedding returned for the probe`);
    return vector.length;
  }

  async embedQuery(text: string): Promise<Float32Array> {
    const [vector] = await this.embedTexts([text]);
    if (!vector) throw new EmbeddingsError(`${this.endpoint}: no embedding returned for the query`);
    return vector;
  }

  private async embedTexts(input: string[]): Promise<Float32Array[]> {
    const body = JSON.stringify({ model: this.options.model, input });
    const maxAttempts = this.options.maxAttempts ?? 4;
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.post(body);
      if (outcome.kind === 'ok') return this.parse(outcome.text, input.length);
      if (!outcome.isRetryable || attempt >= maxAttempts) throw outcome.error;
      await sleep(this.retryDelay(attempt, outcome.retryAfter));
    }
  }

  private async post(body: string): Promise<PostOutcome> {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/json',
    };
    if (this.options.apiKey) headers.authorization = `Bearer ${this.options.apiKey}`;
    const signal = AbortSignal.timeout(this.options.timeoutMs);
    try {
      const response = await fetch(this.endpoint, { method: 'POST', headers, body, signal });
      const text = await response.text();
      if (response.ok) return { kind: 'ok', text };
      const status = response.status;
      const error = new EmbeddingsError(
        `${this.endpoint} answered ${status}: ${serverMessage(text) || response.statusText}`,
        status,
      );
      return {
        kind: 'failed',
        error,
        isRetryable: status === 429 || status === 503,
        retryAfter: response.headers.get('retry-after'),
      };
    } catch (cause) {
      const isTimeout = signal.aborted;
      const reason = isTimeout ? `no answer within ${this.options.timeoutMs} ms` : connectionReason(cause);
      return {
        kind: 'failed',
        error: new EmbeddingsError(`${this.endpoint}: ${reason}`),
        isRetryable: true,
        retryAfter: null,
      };
    }
  }

  private retryDelay(attempt: number, retryAfter: string | null): number {
    const seconds = retryAfter === null ? Number.NaN : Number(retryAfter);
    if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds, 60) * 1000;
    return (this.options.backoffMs ?? 500) * 2 ** (attempt - 1);
  }

  /** `{data: [{embedding: number[], index}]}` → unit vectors in input order, or a clear error. */
  private parse(text: string, expected: number): Float32Array[] {
    const fail = (why: string) => new EmbeddingsError(`${this.endpoint}: ${why}`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw fail(`response is not JSON: ${text.slice(0, 120)}`);
    }
    const data = (parsed as { data?: unknown } | null)?.data;
    if (!Array.isArray(data)) throw fail('response has no `data` array');
    if (data.length !== expected) throw fail(`${data.length} embeddings for ${expected} inputs`);
    const out = new Array<Float32Array | undefined>(expected);
    data.forEach((item: { embedding?: unknown; index?: unknown }, position) => {
      const index = item?.index ?? position;
      if (
        typeof index !== 'number' ||
        !Number.isInteger(index) ||
        index < 0 ||
        index >= expected ||
        out[index]
      ) {
        throw fail(`embedding ${position} has a bad or repeated index ${JSON.stringify(index)}`);
      }
      const values = item.embedding;
      if (!Array.isArray(values) || !values.every((x) => typeof x === 'number' && Number.isFinite(x))) {
        throw fail(`embedding ${index} is not an array of numbers (base64 encoding is not supported)`);
      }
      // dims 0: not known yet (probeDimensions), any length is taken.
      if (this.dims !== 0 && values.length !== this.dims) {
        throw fail(
          `embedding ${index} has ${values.length} dimensions; EMBEDDINGS_MODEL ${this.options.model} was set up with ${this.dims}`,
        );
      }
      out[index] = unitLength(values, () => fail(`embedding ${index} is all zeros`));
    });
    return out as Float32Array[];
  }
}

type PostOutcome =
  | { kind: 'ok'; text: string }
  | { kind: 'failed'; error: EmbeddingsError; isRetryable: boolean; retryAfter: string | null };

function unitLength(values: number[], zero: () => Error): Float32Array {
  let norm = 0;
  for (const x of values) norm += x * x;
  if (norm === 0) throw zero();
  const scale = 1 / Math.sqrt(norm);
  return Float32Array.from(values, (x) => x * scale);
}

/**
 * The server's own words from an error body: OpenAI and Ollama `{"error":{"message"}}`, TEI
 * `{"message","type"}` / `{"error":"…"}`, llama.cpp `{"error":{"message"}}`, or plain text.
 */
export function serverMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: unknown; message?: unknown; detail?: unknown };
    if (typeof parsed.error === 'object' && parsed.error && 'message' in parsed.error) {
      return String((parsed.error as { message: unknown }).message);
    }
    if (typeof parsed.error === 'string') return parsed.error;
    if (typeof parsed.message === 'string') return parsed.message;
    if (typeof parsed.detail === 'string') return parsed.detail;
  } catch {
    // Not JSON: fall through to the text itself.
  }
  return body.trim().slice(0, 300);
}

function connectionReason(cause: unknown): string {
  const inner = (cause as { cause?: { code?: string; message?: string } })?.cause;
  return inner?.code ?? inner?.message ?? (cause instanceof Error ? cause.message : String(cause));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
