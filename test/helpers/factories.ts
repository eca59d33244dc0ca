// Small builders for source records, so tests state only the fields they care about.
import type { PaperRecord } from '../../src/model/paper.js';

export function arxivRecord(overrides: Partial<PaperRecord> = {}): PaperRecord {
  return {
    arxivId: '2401.00001',
    version: 1,
    title: 'Attention for $\\alpha$-divergences',
    abstract: 'We study $\\mathcal{L}_2$ things. Code: https://github.com/Example/Repo.git',
    authors: [{ name: 'Ada Lovelace', affiliations: ['Analytical Engines Ltd'] }, { name: 'Alan Turing' }],
    primaryCategory: 'cs.LG',
    categories: ['cs.LG', 'stat.ML'],
    publishedAt: '2024-01-01T10:00:00Z',
    updatedAt: '2024-01-01T10:00:00Z',
    versions: [{ version: 1, submittedAt: '2024-01-01T10:00:00Z', size: '100kb' }],
    source: 'arxiv-api',
    ...overrides,
  };
}

export function boardRecord(overrides: Partial<PaperRecord> = {}): PaperRecord {
  return {
    arxivId: '2401.00001',
    title: 'A paper on the board',
    abstract: 'An abstract with $x^2$ in it.',
    authors: [{ name: 'Ada Lovelace' }, { name: 'Alan Turing' }],
    categories: [],
    source: 'hf-daily',
    community: { upvotes: 12, numComments: 2 },
    board: { date: '2026-08-21', submittedBy: 'akhaliq', submittedAt: '2026-08-21T08:00:00Z' },
    ...overrides,
  };
}
