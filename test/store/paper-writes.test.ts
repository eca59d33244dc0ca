import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { PaperRecord } from '../../src/model/paper.js';
import { listChangesSince } from '../../src/store/changes.js';
import {
  adjacentBoardDates,
  countPapers,
  getPaper,
  latestBoardDate,
  listBoard,
} from '../../src/store/paper-reads.js';
import { upsertPapers, type WriteTurn } from '../../src/store/paper-writes.js';
import { arxivRecord } from '../helpers/factories.js';
import { createTestDatabase, eachDialect, type TestDatabase } from '../helpers/test-db.js';

const T0 = '2026-08-01T00:00:00.000Z';

function hfRecord(overrides: Partial<PaperRecord> = {}): PaperRecord {
  return {
    arxivId: '2401.00001',
    title: 'Attention for $\\alpha$-divergences (HF copy)',
    abstract: 'We study things.',
    authors: [{ name: 'Ada Lovelace' }, { name: 'Alan Turing' }],
    categories: [],
    source: 'hf-daily',
    community: {
      upvotes: 12,
      numComments: 2,
      githubRepo: 'https://github.com/example/repo',
      projectPage: 'https://example.org/p/',
    },
    board: { date: '2024-01-03', submittedBy: 'akhaliq', submittedAt: '2024-01-03T08:00:00Z' },
    ...overrides,
  };
}

eachDialect('upsertPapers', (dialect) => {
  let t: TestDatabase;
  before(async () => {
    t = await createTestDatabase(dialect);
  });
  after(async () => {
    await t.destroy();
  });

  it('inserts a new paper with versions, code links and a change revision', async () => {
    const summary = await upsertPapers(t, [arxivRecord()], T0);
    assert.deepEqual(
      { ...summary, revisions: summary.revisions.length },
      { inserted: 1, updated: 0, unchanged: 0, revisions: 1 },
    );
    const paper = await getPaper(t.db, '2401.00001');
    assert.ok(paper);
    assert.equal(paper.title, 'Attention for $\\alpha$-divergences');
    assert.deepEqual(paper.authors[0], { name: 'Ada Lovelace', affiliations: ['Analytical Engines Ltd'] });
    assert.deepEqual(paper.categories, ['cs.LG', 'stat.ML']);
    assert.deepEqual(paper.versions, [{ version: 1, submittedAt: '2024-01-01T10:00:00Z', size: '100kb' }]);
    assert.deepEqual(paper.codeLinks, [{ kind: 'github', url: 'https://github.com/Example/Repo' }]);
    assert.equal(paper.firstSeenAt, T0);
  });

  it('re-running the same records changes nothing and writes no revision', async () => {
    const before = await listChangesSince(t.db, 0, 100);
    const summary = await upsertPapers(t, [arxivRecord(), arxivRecord()], '2026-08-02T00:00:00.000Z');
    assert.deepEqual(summary, { inserted: 0, updated: 0, unchanged: 1, revisions: [] });
    assert.equal((await listChangesSince(t.db, 0, 100)).length, before.length);
    assert.equal((await getPaper(t.db, '2401.00001'))?.modifiedAt, T0);
  });

  it('a lower-ranked source fills community fields and the board but keeps arXiv metadata', async () => {
    const summary = await upsertPapers(t, [hfRecord()], '2026-08-03T00:00:00.000Z');
    assert.equal(summary.updated, 1);
    const paper = await getPaper(t.db, '2401.00001');
    assert.ok(paper);
    assert.equal(paper.title, 'Attention for $\\alpha$-divergences');
    assert.equal(paper.upvotes, 12);
    assert.deepEqual(paper.board, {
      date: '2024-01-03',
      submittedAt: '2024-01-03T08:00:00Z',
      submittedBy: 'akhaliq',
      source: 'hf-daily',
    });
    assert.deepEqual(paper.codeLinks, [
      { kind: 'github', url: 'https://github.com/Example/Repo' },
      { kind: 'project', url: 'https://example.org/p' },
    ]);
    assert.equal(paper.authors[0]?.affiliations?.[0], 'Analytical Engines Ltd');
    assert.equal((await upsertPapers(t, [hfRecord()])).unchanged, 1);
  });

  it('a newer version updates the paper and records the version history', async () => {
    const v2 = arxivRecord({
      version: 2,
      title: 'Attention for $\\alpha$-divergences, revised',
      updatedAt: '2024-02-01T09:00:00Z',
      versions: [{ version: 2, submittedAt: '2024-02-01T09:00:00Z' }],
    });
    const summary = await upsertPapers(t, [v2], '2026-08-04T00:00:00.000Z');
    assert.equal(summary.updated, 1);
    const paper = await getPaper(t.db, '2401.00001');
    assert.equal(paper?.version, 2);
    assert.equal(paper?.title, 'Attention for $\\alpha$-divergences, revised');
    assert.deepEqual(
      paper?.versions.map((v) => [v.version, v.submittedAt]),
      [
        [1, '2024-01-01T10:00:00Z'],
        [2, '2024-02-01T09:00:00Z'],
      ],
    );
    assert.equal(paper?.publishedAt, '2024-01-01T10:00:00Z');
    assert.equal(paper?.updatedAt, '2024-02-01T09:00:00Z');
    // An older version arriving late does not roll the paper back.
    assert.equal((await upsertPapers(t, [arxivRecord()])).unchanged, 1);
    assert.equal((await getPaper(t.db, '2401.00001'))?.title, 'Attention for $\\alpha$-divergences, revised');
  });

  it('keeps HF upvotes monotonic and the earliest board date across snapshots', async () => {
    await upsertPapers(t, [hfRecord({ community: { upvotes: 40 }, board: { date: '2024-01-05' } })]);
    await upsertPapers(t, [hfRecord({ community: { upvotes: 30 } })]);
    const paper = await getPaper(t.db, '2401.00001');
    assert.equal(paper?.upvotes, 40);
    assert.equal(paper?.board?.date, '2024-01-03');
  });

  it('old-style ids, revisions in commit order, board listing sorted by upvotes', async () => {
    const records = [
      hfRecord({
        arxivId: 'hep-th/9901001',
        title: 'Old style',
        community: { upvotes: 5 },
        board: { date: '2024-01-03' },
      }),
      hfRecord({
        arxivId: '2401.00002',
        title: 'Second',
        community: { upvotes: 50 },
        board: { date: '2024-01-03' },
      }),
      hfRecord({
        arxivId: '2401.00003',
        title: 'Other day',
        community: { upvotes: 1 },
        board: { date: '2024-01-08' },
      }),
    ];
    const summary = await upsertPapers(t, records);
    assert.equal(summary.inserted, 3);
    const changes = await listChangesSince(t.db, 0, 100);
    assert.deepEqual(
      changes.map((c) => c.revision),
      [...changes.map((c) => c.revision)].sort((a, b) => a - b),
    );
    assert.equal(await countPapers(t.db), 4);
    const board = await listBoard(t.db, { from: '2024-01-03', to: '2024-01-03', limit: 10, offset: 0 });
    assert.equal(board.total, 3);
    assert.deepEqual(
      board.items.map((p) => [p.arxivId, p.upvotes]),
      [
        ['2401.00002', 50],
        ['2401.00001', 40],
        ['hep-th/9901001', 5],
      ],
    );
    assert.equal(await latestBoardDate(t.db), '2024-01-08');
    assert.deepEqual(await adjacentBoardDates(t.db, '2024-01-08', '2024-01-08'), { previous: '2024-01-03' });
    assert.deepEqual(await adjacentBoardDates(t.db, '2024-01-04', '2024-01-07'), {
      previous: '2024-01-03',
      next: '2024-01-08',
    });
  });

  it('concurrent batches touching the same papers leave one consistent row each', async () => {
    const batch = (n: number) =>
      Array.from({ length: 50 }, (_, i) =>
        hfRecord({
          arxivId: `2402.${String(i).padStart(5, '0')}`,
          community: { upvotes: n + i },
          board: { date: '2024-02-01' },
        }),
      );
    await Promise.all([1, 2, 3].map((n) => upsertPapers(t, batch(n))));
    const board = await listBoard(t.db, { from: '2024-02-01', to: '2024-02-01', limit: 100, offset: 0 });
    assert.equal(board.total, 50);
    assert.equal(board.items.find((p) => p.arxivId === '2402.00000')?.upvotes, 3);
  });
});

eachDialect('board placements by source', (dialect) => {
  let t: TestDatabase;
  before(async () => {
    t = await createTestDatabase(dialect);
  });
  after(async () => {
    await t.destroy();
  });

  it('a community submission replaces an automatic listing placement, never the reverse', async () => {
    const listing = arxivRecord({
      arxivId: '2405.00001',
      source: 'listing',
      board: { date: '2024-05-01', submittedBy: 'arXiv' },
    });
    await upsertPapers(t, [listing]);
    assert.deepEqual((await getPaper(t.db, '2405.00001'))?.board, {
      date: '2024-05-01',
      submittedBy: 'arXiv',
      source: 'listing',
    });
    await upsertPapers(t, [
      hfRecord({ arxivId: '2405.00001', board: { date: '2024-05-07', submittedBy: 'akhaliq' } }),
    ]);
    assert.deepEqual((await getPaper(t.db, '2405.00001'))?.board, {
      date: '2024-05-07',
      submittedBy: 'akhaliq',
      source: 'hf-daily',
    });
    assert.equal((await upsertPapers(t, [listing])).unchanged, 1);
    assert.equal((await getPaper(t.db, '2405.00001'))?.board?.date, '2024-05-07');
  });
});

eachDialect('board order ties', (dialect) => {
  let t: TestDatabase;
  before(async () => {
    t = await createTestDatabase(dialect);
  });
  after(async () => {
    await t.destroy();
  });

  it('orders equal upvotes by board time with unknown times last, the same on both databases', async () => {
    await upsertPapers(t, [
      hfRecord({ arxivId: '2409.00001', community: { upvotes: 3 }, board: { date: '2024-09-02' } }),
      hfRecord({
        arxivId: '2409.00002',
        community: { upvotes: 3 },
        board: { date: '2024-09-02', submittedAt: '2024-09-02T08:00:00Z' },
      }),
      hfRecord({
        arxivId: '2409.00003',
        community: { upvotes: 3 },
        board: { date: '2024-09-02', submittedAt: '2024-09-02T09:00:00Z' },
      }),
    ]);
    const board = await listBoard(t.db, { from: '2024-09-02', to: '2024-09-02', limit: 10, offset: 0 });
    assert.deepEqual(
      board.items.map((p) => p.arxivId),
      ['2409.00003', '2409.00002', '2409.00001'],
    );
  });
});

eachDialect('upsertPapers text fidelity', (dialect) => {
  let t: TestDatabase;
  before(async () => {
    t = await createTestDatabase(dialect);
  });
  after(async () => {
    await t.destroy();
  });

  it('stores text with tabs, line breaks, backslashes and COPY-like markers exactly, new and updated', async () => {
    // PostgreSQL writes papers with COPY's text format, where these characters have meaning.
    const awkward = 'Tab\there, CR\rLF\r\nLF\nend; back\\slash \\N and \\. alone; \\t not a tab; ünï 漢字 🙂';
    const record = arxivRecord({ arxivId: '2401.09999', title: `T ${awkward}`, comments: awkward });
    await upsertPapers(t, [record], T0);
    assert.equal((await getPaper(t.db, '2401.09999'))?.comments, awkward);
    // The update path (a changed paper) goes through the staging table.
    const changed = `${awkward} v2`;
    const summary = await upsertPapers(t, [{ ...record, version: 2, comments: changed }], T0);
    assert.equal(summary.updated, 1);
    const stored = await getPaper(t.db, '2401.09999');
    assert.equal(stored?.comments, changed);
    assert.equal(stored?.title, `T ${awkward}`);
  });
});

eachDialect('upsertPapers with a write turn', (dialect) => {
  let t: TestDatabase;
  before(async () => {
    t = await createTestDatabase(dialect);
  });
  after(async () => {
    await t.destroy();
  });

  it('merges again when another writer changed the papers between the snapshot and the turn', async () => {
    await upsertPapers(t, [hfRecord({ arxivId: '2402.00001', community: { upvotes: 5 } })], T0);
    // The turn comes only after someone else raised the upvotes: a write of the early merge
    // (made from the 5-upvote snapshot) would lower them again.
    const lateTurn: WriteTurn = {
      async hold(work) {
        await upsertPapers(t, [hfRecord({ arxivId: '2402.00001', community: { upvotes: 40 } })], T0);
        return work();
      },
    };
    const summary = await upsertPapers(
      t,
      [arxivRecord({ arxivId: '2402.00001' }), arxivRecord({ arxivId: '2402.00002' })],
      T0,
      lateTurn,
    );
    assert.deepEqual({ inserted: summary.inserted, updated: summary.updated }, { inserted: 1, updated: 1 });
    const stored = await getPaper(t.db, '2402.00001');
    assert.equal(stored?.upvotes, 40);
    assert.equal(stored?.metadataSource, 'arxiv-api');
  });

  it('uses the early merge when nothing changed meanwhile, with the same result as without a turn', async () => {
    let held = 0;
    const turn: WriteTurn = {
      async hold(work) {
        held += 1;
        return work();
      },
    };
    const records = [arxivRecord({ arxivId: '2402.00003' }), hfRecord({ arxivId: '2402.00003' })];
    const summary = await upsertPapers(t, records, T0, turn);
    assert.equal(held, 1);
    assert.equal(summary.inserted, 1);
    const again = await upsertPapers(t, records, T0, turn);
    assert.deepEqual(
      { ...again, revisions: again.revisions.length },
      { inserted: 0, updated: 0, unchanged: 1, revisions: 0 },
    );
    const stored = await getPaper(t.db, '2402.00003');
    assert.deepEqual(
      [stored?.metadataSource, stored?.upvotes, stored?.board?.date],
      ['arxiv-api', 12, '2024-01-03'],
    );
  });
});
