// The external embeddings provider against recorded Text Embeddings Inference and Ollama responses
// (testdata/embeddings/SOURCE.md) replayed by a local server: batching, order by index, unit length,
// the API key, retries on 503/429, and clear errors (4xx bodies, timeouts, malformed bodies, wrong dims).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import {
  type EmbeddingsError,
  embeddingsEndpoint,
  OpenAiEmbedder,
  type OpenAiEmbedderOptions,
} from '../../src/search/semantic/openai-embeddings.js';
import { testdata } from '../helpers/paths.js';
import { type ReplayResponse, type ReplayServer, startReplayServer } from '../helpers/replay-server.js';

const json = { 'content-type': 'application/json' };
const recorded = (name: string, status = 200): ReplayResponse => ({
  status,
  headers: json,
  body: readFileSync(join(testdata, 'embeddings', name), 'utf8'),
});
const teiBatch = JSON.parse(recorded('tei-minilm-batch.json').body ?? '') as {
  data: { embedding: number[]; index: number }[];
};
const docs = [
  { title: 'What is Deep Learning?', abstract: '' },
  { title: 'Deep Learning is...', abstract: '' },
  { title: 'What is Deep Learning?', abstract: '' },
];

const servers: ReplayServer[] = [];
async function embedderFor(script: ReplayResponse[], options: Partial<OpenAiEmbedderOptions> = {}) {
  const server = await startReplayServer(script);
  servers.push(server);
  const embedder = new OpenAiEmbedder({
    url: server.origin,
    model: 'sentence-transformers/all-MiniLM-L6-v2',
    dims: 384,
    batchSize: 3,
    timeoutMs: 2000,
    backoffMs: 10,
    ...options,
  });
  return { server, embedder };
}

function norm(v: Float32Array): number {
  return Math.sqrt(v.reduce((s, x) => s + x * x, 0));
}

describe('OpenAI-compatible embeddings provider', () => {
  after(async () => {
    await Promise.all(servers.map((s) => s.close()));
  });

  it('accepts the base URL with or without /v1', () => {
    for (const url of ['http://h:8080', 'http://h:8080/', 'http://h:8080/v1', 'http://h:8080/v1/']) {
      assert.equal(embeddingsEndpoint(url), 'http://h:8080/v1/embeddings');
    }
  });

  it('posts {model, input} with the API key and returns unit vectors in input order (TEI recording)', async () => {
    const { server, embedder } = await embedderFor([recorded('tei-minilm-batch.json')], {
      apiKey: 'sk-test',
    });
    const vectors = await embedder.embedDocuments(docs);
    const request = server.requests[0];
    assert.equal(request?.url, '/v1/embeddings');
    assert.equal(request?.headers.authorization, 'Bearer sk-test');
    assert.deepEqual(JSON.parse(request?.body ?? ''), {
      model: 'sentence-transformers/all-MiniLM-L6-v2',
      input: ['What is Deep Learning?\n\n', 'Deep Learning is...\n\n', 'What is Deep Learning?\n\n'],
    });
    assert.equal(vectors.length, 3);
    for (const v of vectors) assert.ok(Math.abs(norm(v) - 1) < 1e-5, 'unit length');
    // The recording's first component is -0.5904484 with norm 7.581010 (mean-pooled, not normalised).
    assert.ok(Math.abs((vectors[0]?.[0] ?? 0) - -0.5904484 / 7.581010368751003) < 1e-6);
    assert.deepEqual(vectors[0], vectors[2], 'same text, same vector');
    assert.notDeepEqual(vectors[0], vectors[1]);
  });

  it('orders by `index` when the server answers out of order', async () => {
    const reversed = { ...teiBatch, data: [...teiBatch.data].reverse() };
    const { embedder } = await embedderFor([{ headers: json, body: JSON.stringify(reversed) }]);
    const [first, second] = await embedder.embedDocuments(docs);
    const inOrder = await (await embedderFor([recorded('tei-minilm-batch.json')])).embedder.embedDocuments(
      docs,
    );
    assert.deepEqual(first, inOrder[0]);
    assert.deepEqual(second, inOrder[1]);
  });

  it('splits documents into batches of the configured size', async () => {
    const single = (i: number) => ({ ...teiBatch, data: [{ ...teiBatch.data[i], index: 0 }] });
    const { server, embedder } = await embedderFor(
      [0, 1, 2].map((i) => ({ headers: json, body: JSON.stringify(single(i)) })),
      { batchSize: 1 },
    );
    const vectors = await embedder.embedDocuments(docs);
    assert.equal(server.requests.length, 3);
    assert.deepEqual(
      server.requests.map((r) => (JSON.parse(r.body) as { input: string[] }).input.length),
      [1, 1, 1],
    );
    assert.deepEqual(vectors[0], vectors[2]);
  });

  it('retries a 503 and then succeeds', async () => {
    const { server, embedder } = await embedderFor([
      { status: 503, headers: { 'content-type': 'text/plain' }, body: 'Service Unavailable' },
      recorded('tei-error-429.json', 429),
      recorded('tei-minilm-batch.json'),
    ]);
    assert.equal((await embedder.embedDocuments(docs)).length, 3);
    assert.equal(server.requests.length, 3);
  });

  it('gives up after the bounded attempts, naming the status and the server message', async () => {
    const { server, embedder } = await embedderFor(
      [1, 2, 3].map(() => recorded('tei-error-429.json', 429)),
      { maxAttempts: 3 },
    );
    await assert.rejects(embedder.embedDocuments(docs), (error: EmbeddingsError) => {
      assert.equal(error.status, 429);
      assert.match(error.message, /answered 429: Model is overloaded/);
      return true;
    });
    assert.equal(server.requests.length, 3);
  });

  it('does not retry a 4xx and reports its message (TEI 413, Ollama 404)', async () => {
    const tei = await embedderFor([recorded('tei-error-413.json', 413)]);
    await assert.rejects(
      tei.embedder.embedDocuments(docs),
      /answered 413: batch size 3 > maximum allowed batch size 2/,
    );
    assert.equal(tei.server.requests.length, 1);
    const ollama = await embedderFor([recorded('ollama-error-404.json', 404)]);
    await assert.rejects(
      ollama.embedder.embedQuery('graphs'),
      /answered 404: model "nomic-embed-text" not found, try pulling it first/,
    );
  });

  it('times out a request that gets no answer, retries, then fails clearly', async () => {
    const { server, embedder } = await embedderFor(
      [
        { ...recorded('tei-minilm-batch.json'), delayMs: 1500 },
        { ...recorded('tei-minilm-batch.json'), delayMs: 1500 },
      ],
      { timeoutMs: 200, maxAttempts: 2 },
    );
    const started = performance.now();
    await assert.rejects(embedder.embedDocuments(docs), /no answer within 200 ms/);
    assert.ok(performance.now() - started < 1400, 'did not wait for the slow replies');
    assert.equal(server.requests.length, 2);
  });

  it('retries a dropped connection', async () => {
    const { server, embedder } = await embedderFor([
      { drop: 'before-headers' },
      recorded('tei-minilm-batch.json'),
    ]);
    assert.equal((await embedder.embedDocuments(docs)).length, 3);
    assert.equal(server.requests.length, 2);
  });

  it('rejects malformed bodies', async () => {
    const cases: [string, RegExp][] = [
      ['{"object":"list","data":[{"object":"embedding","embedding":[0.1,', /not JSON/],
      ['{"object":"list"}', /no `data` array/],
      [JSON.stringify({ data: teiBatch.data.slice(0, 2) }), /2 embeddings for 3 inputs/],
      [JSON.stringify({ data: teiBatch.data.map((d) => ({ ...d, index: 0 })) }), /repeated index/],
      [
        JSON.stringify({ data: teiBatch.data.map((d) => ({ ...d, embedding: 'AAAA' })) }),
        /not an array of numbers/,
      ],
    ];
    for (const [body, expected] of cases) {
      const { embedder } = await embedderFor([{ headers: json, body }]);
      await assert.rejects(embedder.embedDocuments(docs), expected);
    }
  });

  it('rejects vectors of the wrong dimensions (a 128-dim Matryoshka recording for a 384-dim setup)', async () => {
    const { embedder } = await embedderFor([recorded('tei-minilm-mrl128-single.json')]);
    await assert.rejects(embedder.embedQuery('test'), /has 128 dimensions; .* set up with 384/);
    const right = await embedderFor([recorded('tei-minilm-mrl128-single.json')], { dims: 128 });
    const v = await right.embedder.embedQuery('test');
    assert.ok(Math.abs(norm(v) - 1) < 1e-5);
    assert.equal(right.embedder.modelKey, 'openai:sentence-transformers/all-MiniLM-L6-v2');
  });
});
