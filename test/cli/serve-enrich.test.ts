// `serve --sample` with ENRICH_ENABLED, the real binary, arXiv played by a local server: the
// enrich-arxiv job runs inside serve, the bundled HF papers (no categories) get arXiv's categories
// and comments through the change log (the JSON API and cat: search show them), and the server
// still shuts down cleanly on SIGTERM.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseHfDailyPapers } from '../../src/sources/hf-daily.js';
import { entryFromListing, idListFeed, requestedIds } from '../helpers/arxiv-id-list.js';
import { ensureBuilt, type RunningServer, startServer } from '../helpers/e2e-server.js';
import { repoRoot } from '../helpers/paths.js';
import { type ReplayServer, startReplayServer } from '../helpers/replay-server.js';

const SAMPLE_HF = join(repoRoot, 'sample', 'hf-daily');
/** Titles of the bundled HF papers by id: the entries arXiv "sends" for them carry the same title. */
const titles = new Map(
  readdirSync(SAMPLE_HF).flatMap((name) =>
    parseHfDailyPapers(readFileSync(join(SAMPLE_HF, name), 'utf8')).records.map((r) => [r.arxivId, r.title]),
  ),
);

describe('serve with ENRICH_ENABLED', () => {
  let arxiv: ReplayServer;
  let server: RunningServer;
  before(
    async () => {
      ensureBuilt();
      // Every bundled HF paper is a cs.CL paper with a comment, in arXiv's entry shape.
      arxiv = await startReplayServer((request) => {
        const ids = requestedIds(request);
        const entries = ids.map((id) =>
          entryFromListing({
            id,
            title: titles.get(id) ?? id,
            summary: 'An abstract.',
            authors: ['Ada Lovelace'],
            categories: ['cs.CL', 'cs.AI'],
            comment: '12 pages',
          }),
        );
        return { body: idListFeed(ids, entries) };
      });
      server = await startServer({
        env: { ENRICH_ENABLED: 'true', ARXIV_API_URL: `${arxiv.origin}/api/query`, ARXIV_DELAY_MS: '0' },
      });
    },
    { timeout: 60_000 },
  );
  after(async () => {
    // Already stopped when the test got that far; a failed test must not leave the server running.
    await server?.stop(15_000).catch(() => undefined);
    await arxiv.close();
  });

  it('fills the bundled HF papers’ categories from arXiv and shuts down cleanly', {
    timeout: 60_000,
  }, async () => {
    const [id] = [...titles.keys()];
    assert.ok(id);
    const deadline = Date.now() + 30_000;
    let detail: { categories?: string[]; arxivComments?: string | null } = {};
    while (Date.now() < deadline) {
      detail = (await (await fetch(`${server.baseUrl}/api/papers/${id}`)).json()) as typeof detail;
      if (detail.categories?.length) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    assert.deepEqual(detail.categories, ['cs.CL', 'cs.AI'], server.output());
    assert.equal(detail.arxivComments, '12 pages');
    const asked = arxiv.requests.flatMap(requestedIds);
    assert.ok(asked.includes(id));
    assert.equal(new Set(asked).size, asked.length, 'no id asked twice');
    for (const request of arxiv.requests) assert.ok(requestedIds(request).length <= 100);
    // The search index follows the change log: the paper is found by its new category.
    let found = '';
    while (Date.now() < deadline && !found.includes(`/papers/${id}"`)) {
      found = await (
        await fetch(`${server.baseUrl}/search?q=${encodeURIComponent(`cat:cs.CL ${titles.get(id)}`)}`)
      ).text();
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    assert.ok(found.includes(`/papers/${id}"`), 'found by cat:cs.CL');
    assert.equal(await server.stop(15_000), 0, server.output());
  });
});
