// The embeddings job on its worker thread (search/semantic/embedding-thread.ts): a real worker on its
// own connection trains LSA on a new hub, embeds every paper, then only what changed; its log lines
// reach the server's logger; an abort stops a run and the thread stays usable.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, it } from 'node:test';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/lib/logger.js';
import { EmbeddingThread } from '../../src/search/semantic/embedding-thread.js';
import { getActiveModel, listVectorsSince } from '../../src/store/embeddings.js';
import { upsertPapers } from '../../src/store/paper-writes.js';
import { arxivRecord } from '../helpers/factories.js';
import { createTestDatabase, eachDialect, type TestDatabase } from '../helpers/test-db.js';

const TOPICS = [
  'sparse attention',
  'graph networks',
  'protein folding',
  'speech recognition',
  'robot grasping',
];

function papers(from: number, count: number) {
  return Array.from({ length: count }, (_, k) => {
    const i = from + k;
    const topic = TOPICS[i % TOPICS.length] as string;
    return arxivRecord({
      arxivId: `2402.${String(i).padStart(5, '0')}`,
      title: `${topic} study ${i}`,
      abstract: `We study ${topic} with new methods and report results on ${topic} benchmarks (${i}).`,
    });
  });
}

eachDialect('embedding thread', (dialect) => {
  let t: TestDatabase;
  let thread: EmbeddingThread;
  const lines: string[] = [];

  before(async () => {
    t = await createTestDatabase(dialect);
    const log = createLogger(
      'info',
      new Writable({
        write(chunk, _encoding, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    thread = new EmbeddingThread(t.connectOptions, loadConfig({}, { lsaDimensions: '32' }), log);
  });
  after(async () => {
    await thread.stop();
    await t.destroy();
  });

  it('trains and activates LSA on a new hub, embeds every paper, then only the changes', async () => {
    await upsertPapers(t, papers(0, 120));
    const first = await thread.run(new AbortController().signal);
    assert.equal(first.ensured, 'activated');
    const model = await getActiveModel(t.db);
    assert.equal(model?.kind, 'lsa');
    const vectors = await listVectorsSince(t.db, model?.id as number, 0, 1000);
    assert.equal(new Set(vectors.filter((v) => v.vector).map((v) => v.paperId)).size, 120);
    assert.ok(
      lines.some((line) => line.includes('"job"')),
      'the worker’s log lines reach this logger',
    );

    await upsertPapers(t, papers(120, 3));
    const second = await thread.run(new AbortController().signal);
    assert.equal(second.ensured, 'active', 'the trained model is kept');
    assert.equal(second.result?.embedded, 3);
  });

  it('stops a run that is aborted, and runs again afterwards', async () => {
    await upsertPapers(t, papers(200, 4));
    const controller = new AbortController();
    controller.abort();
    const aborted = await thread.run(controller.signal);
    assert.equal(aborted.result?.embedded ?? 0, 0, 'an aborted run embeds nothing');
    const next = await thread.run(new AbortController().signal);
    assert.equal(next.result?.embedded, 4);
  });
});
