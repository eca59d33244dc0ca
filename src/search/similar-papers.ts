// "Similar papers": a more-like-this query over a paper's most distinctive words. Words of its title
// and abstract are weighted by frequency × inverse document frequency (document counts from the
// index's term_stats, so stemming matches); the best eight, within a postings budget, become an OR
// query ranked by BM25. The budget keeps this fast on a million papers.

import type SQLite from 'better-sqlite3';
import { stemmer } from 'stemmer';
import { FIELD_WEIGHTS } from './search-types.js';
import { isStopWord } from './stop-words.js';

export interface SimilarPaper {
  id: number;
  arxivId: string;
  score: number;
}

const MAX_TERMS = 8;
/**
 * The query scores every paper containing any chosen word; capping the words' summed document counts
 * bounds that work (and the latency) whatever the collection's size. Rare words come first anyway.
 */
const POSTINGS_BUDGET = 10_000;

function wordsOf(text: string): string[] {
  return (
    text
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .match(/\p{L}[\p{L}\p{N}]{2,}/gu) ?? []
  ).filter((w) => !isStopWord(w));
}

interface Candidate {
  word: string;
  stem: string;
  weight: number;
}

function candidateTerms(title: string, abstract: string): Candidate[] {
  const byStem = new Map<string, Candidate>();
  const add = (word: string, weight: number) => {
    const stem = stemmer(word);
    const seen = byStem.get(stem);
    if (seen) seen.weight += weight;
    else byStem.set(stem, { word, stem, weight });
  };
  for (const word of wordsOf(title)) add(word, 3);
  for (const word of wordsOf(abstract)) add(word, 1);
  return [...byStem.values()];
}

function distinctiveTerms(sqlite: SQLite.Database, candidates: Candidate[]): string[] {
  if (candidates.length === 0) return [];
  const total = (sqlite.prepare('select count(*) as n from search_docs').get() as { n: number }).n;
  const lookup = sqlite.prepare('select doc from term_stats where term = ?');
  const scored: Array<{ word: string; score: number; doc: number }> = [];
  for (const candidate of candidates) {
    const row = lookup.get(candidate.stem) as { doc: number } | undefined;
    // Unknown (stemmer disagreement, or stats not computed yet) or unique to this paper: no help.
    if (!row || row.doc < 2) continue;
    scored.push({ word: candidate.word, doc: row.doc, score: candidate.weight * Math.log(total / row.doc) });
  }
  const chosen: string[] = [];
  let postings = 0;
  for (const term of scored.sort((a, b) => b.score - a.score)) {
    if (chosen.length === MAX_TERMS) break;
    if (postings + term.doc > POSTINGS_BUDGET) continue;
    chosen.push(term.word);
    postings += term.doc;
  }
  return chosen;
}

export function findSimilar(sqlite: SQLite.Database, paperId: number, limit: number): SimilarPaper[] {
  const paper = sqlite.prepare('select title, abstract from papers_fts where rowid = ?').get(paperId) as
    | { title: string; abstract: string }
    | undefined;
  if (!paper) return [];
  const terms = distinctiveTerms(sqlite, candidateTerms(paper.title, paper.abstract));
  if (terms.length === 0) return [];
  const match = `{title abstract} : (${terms.map((t) => `"${t}"`).join(' OR ')})`;
  const rows = sqlite
    .prepare(
      `select f.rowid as id, d.arxiv_id as arxivId, bm25(papers_fts, ${FIELD_WEIGHTS.join(', ')}) as score
       from papers_fts f join search_docs d on d.rowid = f.rowid
       where papers_fts match ? and f.rowid != cast(? as integer) order by score limit ?`,
    )
    .all(match, paperId, limit) as SimilarPaper[];
  return rows;
}
