import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { importPath } from '../../src/ingest/import-path.js';
import { createLogger, silentLogger } from '../../src/lib/logger.js';
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

eachDialect('importPath with several workers', (dialect) => {
  let t: TestDatabase;
  before(async () => {
    t = await createTestDatabase(dialect);
  });
  after(async () => {
    await t.destroy();
  });

  it('shares a JSON-lines file among workers: every record once, bad lines named by their real line number', async () => {
    const dir = tempDir();
    const id = (n: number) => `2607.${String(n).padStart(5, '0')}`;
    const lines = Array.from({ length: 2_500 }, (_, i) =>
      JSON.stringify({
        id: id(i + 1),
        categories: ['cs.LG'],
        authors: ['Ada Lovelace'],
        title: `Paper ${i + 1}`,
        comment: null,
        summary: `Abstract ${i + 1}.`,
      }),
    );
    // Line 5 falls in the first worker's share, line 1,503 in the second's (runs of 1,000 lines).
    lines[4] = '{"id":"2607.00005","title":';
    lines[1502] = JSON.stringify({
      id: 'not-an-id',
      categories: ['cs.LG'],
      authors: ['A'],
      title: 'x',
      summary: 'y',
    });
    const file = join(dir, 'listing.jsonl');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const logged: Array<{ msg: string; position?: string; input?: string }> = [];
    const log = createLogger('info', { write: (line: string) => void logged.push(JSON.parse(line)) });

    const before = await countPapers(t.db);
    const summary = await importPath(file, { database: t, log, workers: 3, batchSize: 300 });
    assert.deepEqual(
      { read: summary.read, skipped: summary.skipped, inserted: summary.inserted, updated: summary.updated },
      { read: 2_500, skipped: 2, inserted: 2_498, updated: 0 },
    );
    assert.equal(await countPapers(t.db), before + 2_498);
    assert.deepEqual(
      logged
        .filter((l) => l.msg === 'skipped record')
        .map((l) => l.position)
        .sort(),
      ['line 1503', 'line 5'],
    );
    const fileLog = logged.filter((l) => l.msg === 'read file');
    assert.equal(fileLog.length, 1, 'one "read file" line for the shared file');
    assert.equal((await getPaper(t.db, id(2_500)))?.title, 'Paper 2500');

    // The same input through one worker: nothing new, nothing changed.
    const again = await importPath(file, { database: t, log: silentLogger(), workers: 1 });
    assert.deepEqual(
      { inserted: again.inserted, updated: again.updated, unchanged: again.unchanged },
      { inserted: 0, updated: 0, unchanged: 2_498 },
    );
  });

  it('stops every worker when aborted and rejects with AbortError; committed batches stay whole', async () => {
    const dir = tempDir();
    const lines = Array.from({ length: 20_000 }, (_, i) =>
      JSON.stringify({
        id: `2608.${String(i + 1).padStart(5, '0')}`,
        categories: ['cs.CL'],
        authors: ['Alan Turing'],
        title: `Paper ${i + 1}`,
        comment: null,
        summary: 'Abstract.',
      }),
    );
    const file = join(dir, 'listing.jsonl');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const controller = new AbortController();
    const before = await countPapers(t.db);
    await assert.rejects(
      importPath(file, {
        database: t,
        log: silentLogger(),
        workers: 2,
        batchSize: 500,
        signal: controller.signal,
        onProgress: (p) => {
          if (p.records >= 2_000) controller.abort();
        },
      }),
      { name: 'AbortError' },
    );
    const written = (await countPapers(t.db)) - before;
    assert.ok(written < 20_000, `stopped early (${written} written)`);
    assert.equal(written % 500, 0, 'only whole batches are committed');
  });
});
