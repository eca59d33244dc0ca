import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { importPath } from '../../src/ingest/import-path.js';
import { silentLogger } from '../../src/lib/logger.js';
import { SourceFormatError } from '../../src/model/paper.js';
import { listChangesSince } from '../../src/store/changes.js';
import { countPapers, getPaper, listBoard } from '../../src/store/paper-reads.js';
import { sharedData } from '../helpers/paths.js';
import { createTestDatabase, eachDialect, type TestDatabase, tempDir } from '../helpers/test-db.js';

const hfDir = `${sharedData}hf-papers-api/daily_papers/snap-0800utc_newsletter-chinese/`;
const laterHfDir = `${sharedData}hf-papers-api/daily_papers/snap-1500utc_korean-autoflow/`;

eachDialect('importPath', (dialect) => {
  let t: TestDatabase;
  const log = silentLogger();
  before(async () => {
    t = await createTestDatabase(dialect);
  });
  after(async () => {
    await t.destroy();
  });

  it('imports a real HF daily file onto its board date, sorted by upvotes', async () => {
    const summary = await importPath(`${hfDir}2026-08-21.json`, { database: t, log });
    assert.equal(summary.files, 1);
    assert.equal(summary.skipped, 0);
    assert.equal(summary.inserted, summary.read);
    const board = await listBoard(t.db, { from: '2026-08-21', to: '2026-08-21', limit: 500, offset: 0 });
    assert.equal(board.total, summary.inserted);
    const upvotes = board.items.map((p) => p.upvotes);
    assert.deepEqual(
      upvotes,
      [...upvotes].sort((a, b) => b - a),
    );
  });

  it('re-importing the same file changes nothing and writes no revisions', async () => {
    const before = (await listChangesSince(t.db, 0, 100_000)).length;
    const summary = await importPath(`${hfDir}2026-08-21.json`, { database: t, log });
    assert.equal(summary.inserted + summary.updated, 0);
    assert.equal(summary.unchanged, summary.read);
    assert.equal((await listChangesSince(t.db, 0, 100_000)).length, before);
  });

  it('the later snapshot of the same day raises upvotes (never lowers them)', async () => {
    const earlier = await listBoard(t.db, { from: '2026-08-21', to: '2026-08-21', limit: 500, offset: 0 });
    const byId = new Map(earlier.items.map((p) => [p.arxivId, p.upvotes]));
    const summary = await importPath(`${laterHfDir}2026-08-21.json`, { database: t, log });
    assert.ok(summary.updated > 0, 'later snapshot must update some papers');
    for (const [id, votes] of byId) {
      const now = await getPaper(t.db, id);
      assert.ok((now?.upvotes ?? 0) >= votes, `${id} lost upvotes`);
    }
  });

  it('imports a Kaggle snapshot and an arXiv listing day with versions and an automatic board date', async () => {
    const kaggle = await importPath(
      `${sharedData}arxiv-kaggle-sample/arxiv-metadata-oai-snapshot.first200.jsonl`,
      {
        database: t,
        log,
        batchSize: 64,
      },
    );
    assert.equal(kaggle.read, 200);
    assert.equal(kaggle.inserted, 200);
    const first = await getPaper(t.db, '0704.0001');
    assert.ok(first);
    assert.equal(first.versions.length >= 2, true);
    assert.equal(first.metadataSource, 'kaggle');

    const listing = await importPath(
      `${sharedData}arxiv-listings-cs/daily-arxiv-ai-enhanced/raw-daily/2026-06-29.jsonl`,
      {
        database: t,
        log,
      },
    );
    assert.equal(listing.read, 230);
    const board = await listBoard(t.db, { from: '2026-06-29', to: '2026-06-29', limit: 1, offset: 0 });
    // 230 lines but 166 distinct papers: the crawl repeats cross-listed papers within a day.
    assert.equal(board.total, 166);
    assert.equal(listing.inserted, 166);
    assert.equal(board.items[0]?.board?.submittedBy, 'arXiv listing');
  });

  it('imports arXiv Atom and OAI-PMH XML documents', async () => {
    const before = await countPapers(t.db);
    const oai = await importPath(`${sharedData}arxiv-oai-pmh/litpuvn-arxiv-oai-harvester/ListRecords.xml`, {
      database: t,
      log,
    });
    assert.equal(oai.read, 387);
    const atom = await importPath(`${sharedData}arxiv-api-atom/lukasschwab-arxiv.py/legacy-2016`, {
      database: t,
      log,
    });
    assert.ok(atom.files >= 5);
    assert.ok((await countPapers(t.db)) > before + 380);
  });

  it('skips a bad line with its position, keeps the rest, and rejects a broken document whole', async () => {
    const dir = tempDir();
    const lines = [
      '{"id":"2606.00001","categories":["cs.CL"],"authors":["A B"],"title":"Good one","comment":null,"summary":"Fine."}',
      '{"id":"not-an-id","categories":["cs.CL"],"authors":["A B"],"title":"Bad","comment":null,"summary":"x"}',
      '{"id":"2606.00002","categories":["cs.CL"],"authors":["A B"],"title":"Good two","comment":null,"summary":"Fine."}',
      '{"id":"2606.00003","categories":["cs.CL"],"auth',
    ];
    writeFileSync(join(dir, 'listing.jsonl'), `${lines.join('\n')}\n`);
    const before = await countPapers(t.db);
    const summary = await importPath(join(dir, 'listing.jsonl'), { database: t, log });
    assert.deepEqual(
      { read: summary.read, skipped: summary.skipped, inserted: summary.inserted },
      { read: 4, skipped: 2, inserted: 2 },
    );
    assert.equal(await countPapers(t.db), before + 2);

    writeFileSync(
      join(dir, '2026-01-05.json'),
      '[{"paper":{"id":"2601.00001","title":"T","summary":"S","authors":[]',
    );
    await assert.rejects(importPath(join(dir, '2026-01-05.json'), { database: t, log }), SourceFormatError);
    assert.equal(await getPaper(t.db, '2601.00001'), undefined);
  });
});

eachDialect('importPath on a folder with a broken file', (dialect) => {
  let t: TestDatabase;
  before(async () => {
    t = await createTestDatabase(dialect);
  });
  after(async () => {
    await t.destroy();
  });

  it('imports the readable files, names the broken one, and keeps what came before it', async () => {
    const dir = tempDir();
    const good = (id: string) =>
      JSON.stringify([
        {
          paper: {
            id,
            title: `Paper ${id}`,
            summary: 'S.',
            authors: [{ _id: 'a', name: 'A B', hidden: false }],
            publishedAt: '2026-01-05T00:00:00.000Z',
            upvotes: 3,
          },
          publishedAt: '2026-01-05T08:00:00.000Z',
          title: `Paper ${id}`,
          numComments: 0,
        },
      ]);
    writeFileSync(join(dir, '2026-01-05.json'), good('2601.00011'));
    writeFileSync(join(dir, '2026-01-06.json'), '<html>oops</html>');
    writeFileSync(join(dir, '2026-01-07.json'), good('2601.00012'));
    const summary = await importPath(dir, { database: t, log: silentLogger() });
    assert.deepEqual(summary.failedFiles, [join(dir, '2026-01-06.json')]);
    assert.equal(summary.inserted, 2);
    assert.equal((await getPaper(t.db, '2601.00012'))?.board?.date, '2026-01-07');
  });
});
