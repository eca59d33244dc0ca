import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { sharedData } from '../../test/helpers/paths.js';
import { type PaperRecord, SourceFormatError } from '../model/paper.js';
import { boardDateFromFileName, parseHfDailyPapers } from './hf-daily.js';

const dailyDir = join(sharedData, 'hf-papers-api/daily_papers');
const mainSet = join(dailyDir, 'snap-0800utc_newsletter-chinese');
const laterSet = join(dailyDir, 'snap-1500utc_korean-autoflow');

function parseDay(dir: string, file: string, withBoardDate = true) {
  const path = join(dir, file);
  return parseHfDailyPapers(readFileSync(path, 'utf8'), {
    boardDate: withBoardDate ? boardDateFromFileName(path) : undefined,
  });
}

function find(records: PaperRecord[], id: string): PaperRecord {
  const record = records.find((r) => r.arxivId === id);
  assert.ok(record, `record ${id} not found`);
  return record;
}

/** A minimal valid item in the current (2026) shape, for malformed-input tests. */
function item(id: string, paper: Record<string, unknown> = {}, top: Record<string, unknown> = {}) {
  return {
    paper: {
      id,
      authors: [{ _id: 'a1', name: 'Ada Lovelace', hidden: false }],
      publishedAt: '2026-08-20T00:00:00.000Z',
      submittedOnDailyAt: '2026-08-21T00:00:00.000Z',
      title: `Paper ${id}`,
      summary: 'An abstract.',
      upvotes: 3,
      ...paper,
    },
    publishedAt: '2026-08-19T20:00:00.000Z',
    title: `Paper ${id}`,
    numComments: 1,
    submittedBy: { fullname: 'Grace Hopper', name: 'grace' },
    ...top,
  };
}

describe('parseHfDailyPapers on recorded responses', () => {
  it('reads every field of a 2026 entry (2608.19880, 2026-08-21)', () => {
    const { records, issues } = parseDay(mainSet, '2026-08-21.json');
    assert.equal(records.length, 17);
    assert.deepEqual(issues, []);
    const paper = find(records, '2608.19880');
    assert.equal(paper.source, 'hf-daily');
    assert.equal(paper.title, 'EnvHarness: Awakening Static Worlds for Agent Learning');
    assert.ok(paper.abstract.startsWith('LLM agents learn by interacting with environments, yet these'));
    assert.equal(paper.authors.length, 17);
    assert.deepEqual(paper.authors[0], { name: 'Chengsong Huang' });
    assert.equal(paper.authors[16]?.name, 'Chen-Yu Lee');
    assert.deepEqual(paper.categories, []);
    assert.equal(paper.publishedAt, '2026-08-20T00:00:00.000Z');
    assert.equal(paper.isWithdrawn, undefined);
    assert.deepEqual(paper.community, {
      upvotes: 163,
      numComments: 1,
      githubRepo: 'https://github.com/google-research/envharness',
      githubStars: 8,
      projectPage: 'https://envharness.com/',
      aiSummary:
        'EnvHarness and EnvRigger dynamically reshape static environments via programmable plugins to target agent weaknesses and improve reinforcement learning co-evolution.',
      aiKeywords: [
        'LLM agents',
        'Environment Harness',
        'EnvHarness',
        'EnvRigger',
        'black-box policy',
        'execution trajectories',
        'reinforcement learning',
        'co-evolution',
      ],
      aiSummaryModel: 'thinkingmachines/Inkling-Small',
      githubRepoAddedBy: 'user',
      organization: {
        id: '5e6aca39878b8b2bf9806447',
        name: 'google',
        fullname: 'Google',
        avatar:
          'https://cdn-avatars.huggingface.co/v1/production/uploads/5dd96eb166059660ed1ee413/WtA3YYitedOr9n02eHfJe.png',
      },
    });
    // taesiri's full name is the username itself, so no separate full name is kept.
    assert.deepEqual(paper.board, {
      date: '2026-08-21',
      submittedAt: '2026-08-21T00:00:00.000Z',
      submittedBy: 'taesiri',
      submitterAvatarUrl:
        'https://cdn-avatars.huggingface.co/v1/production/uploads/6039478ab3ecf716b1a5fd4d/_Thy4E7taiSYBLKxEKJbT.jpeg',
    });
  });

  it('the later snapshot of the same day has more upvotes for the same paper', () => {
    const later = find(parseDay(laterSet, '2026-08-21.json').records, '2608.19880');
    assert.equal(later.community?.upvotes, 217);
    assert.equal(later.board?.date, '2026-08-21');
  });

  it('keeps all 664 authors of "Humanity\'s Last Exam" in order, and the submitter of an old entry', () => {
    const { records } = parseDay(mainSet, '2025-01-27.json');
    const hle = find(records, '2501.14249');
    assert.equal(hle.title, "Humanity's Last Exam");
    assert.equal(hle.authors.length, 664);
    assert.equal(hle.authors[0]?.name, 'Long Phan');
    assert.equal(hle.authors.at(-1)?.name, 'Dan Hendrycks');
    assert.deepEqual(hle.community, { upvotes: 9, numComments: 1 });
    // Before 2025-03 there is no submittedOnDailyAt: the item's publishedAt is the board time.
    // HF's `submittedBy.name` is the username (akhaliq), `fullname` the display name (AK).
    assert.deepEqual(hle.board, {
      date: '2025-01-27',
      submittedAt: '2025-01-26T22:59:59.058Z',
      submittedBy: 'akhaliq',
      submitterFullname: 'AK',
      submitterAvatarUrl:
        'https://cdn-avatars.huggingface.co/v1/production/uploads/1674929746905-60f1abe7544c2adfd699860c.jpeg',
    });
  });

  it('without a file date the board date falls back to the UTC date of the board time', () => {
    const hle = find(parseDay(mainSet, '2025-01-27.json', false).records, '2501.14249');
    // HF's day is not a UTC day: this entry was put up at 22:59 UTC the evening before.
    assert.equal(hle.board?.date, '2025-01-26');
    const env = find(parseDay(mainSet, '2026-08-21.json', false).records, '2608.19880');
    // Newer entries: item.publishedAt (2026-08-19T20:00Z) lags; submittedOnDailyAt gives the right day.
    assert.equal(env.board?.date, '2026-08-21');
  });

  it('collapses hard-wrapped 2024 titles and abstracts; no submitter is left undefined', () => {
    const { records } = parseDay(mainSet, '2024-05-27.json');
    assert.equal(records.length, 13);
    const conv = find(records, '2405.15738');
    assert.equal(
      conv.title,
      'ConvLLaVA: Hierarchical Backbones as Visual Encoder for Large Multimodal Models',
    );
    assert.ok(conv.abstract.includes('the challenges of excessive visual tokens and quadratic'));
    assert.ok(!/\s{2}|\n/.test(conv.abstract));
    assert.equal(conv.authors.length, 9);
    assert.deepEqual(conv.community, { upvotes: 32, numComments: 3 });
    assert.deepEqual(conv.board, { date: '2024-05-27', submittedAt: '2024-05-27T03:50:58.348Z' });
  });

  it('keeps LaTeX in an abstract with $ (2411.19477)', () => {
    const paper = find(parseDay(mainSet, '2024-12-03.json').records, '2411.19477');
    assert.equal(
      paper.title,
      'A Simple and Provable Scaling Law for the Test-Time Compute of Large Language Models',
    );
    // HF already dropped the backslashes (`le`, `lceil`); the $...$ span must survive as given.
    assert.ok(
      paper.abstract.includes(
        '$P(final output is incorrect) le (1 - p_{gen})^N + lceil log_2 N rceil e^{-2 K (p_{comp} - 0.5)^2}.$ Our empirical',
      ),
    );
  });

  it('keeps hidden authors (hidden only hides the HF account link)', () => {
    const paper = find(parseDay(mainSet, '2024-06-17.json').records, '2406.06263');
    assert.equal(paper.authors[0]?.name, 'Amir Hossein Kargaran');
    assert.equal(paper.authors[1]?.name, 'François Yvon');
  });

  it('marks the one withdrawn paper (2608.12313, later snapshot 2026-08-14)', () => {
    const { records } = parseDay(laterSet, '2026-08-14.json');
    assert.equal(records.length, 28);
    const withdrawn = find(records, '2608.12313');
    assert.equal(withdrawn.isWithdrawn, true);
    assert.equal(withdrawn.title, 'AVA-Encoder: Towards Agent-Native Video Representation Learning');
    assert.equal(withdrawn.board?.submittedBy, 'xiangan');
    // The abstract's paragraph break ("\n  ") is collapsed like any other wrap.
    assert.ok(withdrawn.abstract.includes('via agentic auto-encoding. AVA-Encoder transforms a video'));
    assert.equal(records.filter((r) => r.isWithdrawn).length, 1);
  });

  it('reads the board date from an "-ex" file name', () => {
    const { records, issues } = parseDay(laterSet, '2024-12-16-ex.json');
    assert.equal(records.length, 18);
    assert.equal(issues.length, 0);
    assert.ok(records.every((r) => r.board?.date === '2024-12-16'));
  });

  it('parses all 580 main-set days: 9,881 entries, 9,877 papers, no issues, counts match MANIFEST.csv', () => {
    const manifest = readFileSync(join(mainSet, 'MANIFEST.csv'), 'utf8').trim().split('\n').slice(1);
    assert.equal(manifest.length, 580);
    const ids = new Set<string>();
    let entries = 0;
    for (const row of manifest) {
      const [date = '', count = ''] = row.split(',');
      const { records, issues } = parseDay(mainSet, `${date}.json`);
      assert.deepEqual(issues, [], date);
      assert.equal(records.length, Number(count), date);
      assert.ok(records.every((r) => r.board?.date === date));
      for (const r of records) ids.add(r.arxivId);
      entries += records.length;
    }
    assert.equal(entries, 9881);
    assert.equal(ids.size, 9877);
  });

  it('parses all 83 later-snapshot days: 2,563 entries, no issues', () => {
    const files = readdirSync(laterSet).filter((f) => f.endsWith('.json'));
    assert.equal(files.length, 83);
    let entries = 0;
    for (const file of files) {
      const { records, issues } = parseDay(laterSet, file);
      assert.deepEqual(issues, [], file);
      entries += records.length;
    }
    assert.equal(entries, 2563);
  });
});

describe('parseHfDailyPapers on malformed input', () => {
  it('throws SourceFormatError for text that is not JSON, naming the problem', () => {
    assert.throws(
      () => parseHfDailyPapers('<!DOCTYPE html><title>502</title>'),
      (error: unknown) => {
        assert.ok(error instanceof SourceFormatError);
        assert.match(error.message, /not JSON/);
        return true;
      },
    );
  });

  it('throws SourceFormatError for a truncated response', () => {
    const text = JSON.stringify([item('2608.00001')]).slice(0, -20);
    assert.throws(() => parseHfDailyPapers(text), SourceFormatError);
  });

  it('throws SourceFormatError for an object that is not the wrapped form, and shows API errors', () => {
    assert.throws(() => parseHfDailyPapers('{"papers":[]}'), /expected a JSON array of items, got object/);
    assert.throws(() => parseHfDailyPapers('"hello"'), /got string/);
    assert.throws(() => parseHfDailyPapers('{"error":"Invalid date"}'), /API error: Invalid date/);
  });

  it('accepts the wrapped {"status","date","count","data":[...]} form', () => {
    const wrapped = { status: 'success', date: '2026-08-21', count: 1, data: [item('2608.00001')] };
    const { records, issues } = parseHfDailyPapers(JSON.stringify(wrapped), { boardDate: '2026-08-21' });
    assert.deepEqual(issues, []);
    assert.equal(records[0]?.arxivId, '2608.00001');
  });

  it('an empty array is an empty day', () => {
    assert.deepEqual(parseHfDailyPapers('[]'), { records: [], issues: [] });
  });

  it('reports bad items by position and keeps the rest', () => {
    const items = [
      item('2608.00001'),
      { ...item('x'), paper: { ...item('x').paper, id: undefined } },
      item('not-an-id'),
      item('2608.00004', { authors: 'Ada Lovelace' }),
      item('2608.00005', { upvotes: '12' }),
      'just a string',
      { title: 'no paper' },
      item('2608.00008', { publishedAt: 'yesterday' }),
      item('2608.00009', {}, { numComments: -1 }),
      item('2608.00010', { ai_keywords: ['ok', 3] }),
      item('2608.00011', { authors: [{ name: 'A' }, { _id: 'x' }] }),
      item('2608.00012', { title: '  \n ' }),
      item('2608.00013'),
    ];
    const { records, issues } = parseHfDailyPapers(JSON.stringify(items), { boardDate: '2026-08-21' });
    assert.deepEqual(
      records.map((r) => r.arxivId),
      ['2608.00001', '2608.00013'],
    );
    assert.deepEqual(issues, [
      { position: 'item 2', message: 'paper.id must be a string, got undefined' },
      { position: 'item 3', message: 'paper.id is not an arXiv identifier: "not-an-id"' },
      { id: '2608.00004', position: 'item 4', message: 'paper.authors must be an array, got string' },
      {
        id: '2608.00005',
        position: 'item 5',
        message: 'paper.upvotes must be a non-negative integer, got "12"',
      },
      { position: 'item 6', message: 'expected an object, got string' },
      { position: 'item 7', message: 'paper is missing' },
      {
        id: '2608.00008',
        position: 'item 8',
        message: 'paper.publishedAt is not an ISO timestamp: "yesterday"',
      },
      { id: '2608.00009', position: 'item 9', message: 'numComments must be a non-negative integer, got -1' },
      { id: '2608.00010', position: 'item 10', message: 'paper.ai_keywords[1] must be a string, got number' },
      { id: '2608.00011', position: 'item 11', message: 'paper.authors[1].name must be a non-empty string' },
      { id: '2608.00012', position: 'item 12', message: 'paper.title is empty' },
    ]);
  });

  it('a versioned id keeps its version; blank optional strings are dropped', () => {
    const { records } = parseHfDailyPapers(
      JSON.stringify([item('2608.00001v3', { githubRepo: '', projectPage: '  ' })]),
    );
    assert.equal(records[0]?.arxivId, '2608.00001');
    assert.equal(records[0]?.version, 3);
    assert.deepEqual(records[0]?.community, { upvotes: 3, numComments: 1 });
    assert.deepEqual(records[0]?.board, {
      date: '2026-08-21',
      submittedAt: '2026-08-21T00:00:00.000Z',
      submittedBy: 'grace',
      submitterFullname: 'Grace Hopper',
    });
  });

  it('an item with no board time and no file date is an issue', () => {
    const bare = item('2608.00001', { submittedOnDailyAt: undefined }, { publishedAt: undefined });
    const { records, issues } = parseHfDailyPapers(JSON.stringify([bare]));
    assert.equal(records.length, 0);
    assert.deepEqual(issues, [
      { id: '2608.00001', position: 'item 1', message: 'no board date: publishedAt is missing' },
    ]);
  });

  it('rejects a boardDate option that is not YYYY-MM-DD', () => {
    assert.throws(() => parseHfDailyPapers('[]', { boardDate: '21/08/2026' }), RangeError);
  });
});

describe('boardDateFromFileName', () => {
  it('takes the YYYY-MM-DD prefix of the basename', () => {
    assert.equal(boardDateFromFileName('/data/daily_papers/2024-12-16-ex.json'), '2024-12-16');
    assert.equal(boardDateFromFileName('2026-08-21.json'), '2026-08-21');
    assert.equal(boardDateFromFileName('C:\\data\\2025-01-16.json'), '2025-01-16');
  });

  it('is undefined for names without a real date', () => {
    assert.equal(boardDateFromFileName('/data/2024-12-16/papers.json'), undefined);
    assert.equal(boardDateFromFileName('MANIFEST.csv'), undefined);
    assert.equal(boardDateFromFileName('2025-02-30.json'), undefined);
    assert.equal(boardDateFromFileName('2025-01-160.json'), undefined);
  });
});
