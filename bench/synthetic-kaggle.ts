// Deterministic synthetic papers in the Kaggle arXiv snapshot format (JSON lines), for the 1M-paper
// import benchmark. Words come from the real cs listings so lengths and vocabulary look like arXiv.

import { once } from 'node:events';
import { createWriteStream, existsSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { seededRandom } from '../src/lib/seeded-random.js';
import { sharedDataDir } from './paths.js';

export { seededRandom };

/** Distinct lower-case words of the real listing abstracts, in first-seen order. */
export function realVocabulary(limit = 20000): string[] {
  const dir = `${sharedDataDir}arxiv-listings-cs/daily-arxiv-ai-enhanced/dedup-shards/`;
  const words = new Set<string>();
  for (const name of readdirSync(dir).sort()) {
    for (const line of readFileSync(dir + name, 'utf8').split('\n')) {
      if (!line) continue;
      const { summary } = JSON.parse(line) as { summary: string };
      for (const w of summary.toLowerCase().match(/[a-z][a-z-]{2,}/g) ?? []) {
        words.add(w);
        if (words.size >= limit) return [...words];
      }
    }
  }
  return [...words];
}

const CATEGORIES = [
  'cs.LG',
  'cs.CV',
  'cs.CL',
  'cs.AI',
  'stat.ML',
  'cs.IR',
  'cs.RO',
  'math.OC',
  'eess.IV',
  'q-bio.NC',
];
const FIRST = [
  'Ada',
  'Alan',
  'Grace',
  'Yann',
  'Fei-Fei',
  'Geoffrey',
  'Yoshua',
  'Daphne',
  'Andrew',
  'Jürgen',
  'Mei',
  'Ravi',
];
const LAST = [
  'Lovelace',
  'Turing',
  'Hopper',
  'LeCun',
  'Li',
  'Hinton',
  'Bengio',
  'Koller',
  'Ng',
  'Schmidhuber',
  'Chen',
  'Kumar',
];
const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export interface SyntheticPaper {
  id: string;
  submitter: string;
  authors: string;
  title: string;
  comments: string | null;
  'journal-ref': null;
  doi: null;
  'report-no': null;
  categories: string;
  license: string;
  abstract: string;
  versions: Array<{ version: string; created: string }>;
  update_date: string;
  authors_parsed: string[][];
}

export function* syntheticPapers(count: number, vocabulary: string[], seed = 42): Generator<SyntheticPaper> {
  const random = seededRandom(seed);
  // Zipf-like word choice: common words ("model", "learning") dominate like in real abstracts.
  const word = () => vocabulary[Math.floor(vocabulary.length * random() ** 3)] ?? 'model';
  const words = (n: number) => Array.from({ length: n }, word).join(' ');
  for (let i = 0; i < count; i++) {
    const month = 1 + (Math.floor(i / 20000) % 12);
    const year = 15 + Math.floor(i / 240000);
    const id = `${String(year).padStart(2, '0')}${String(month).padStart(2, '0')}.${String(i % 100000).padStart(5, '0')}`;
    const authorCount = 1 + Math.floor(random() * 6);
    const parsed = Array.from({ length: authorCount }, () => [
      LAST[Math.floor(random() * LAST.length)] ?? 'Doe',
      FIRST[Math.floor(random() * FIRST.length)] ?? 'Jane',
      '',
    ]);
    const versionCount = 1 + Math.floor(random() * random() * 4);
    const day = 1 + (i % 28);
    const versions = Array.from({ length: versionCount }, (_, v) => ({
      version: `v${v + 1}`,
      created: `${DAYS[(day + v) % 5]}, ${day} ${MONTHS[month - 1]} 20${year + Math.floor(v / 2)} 1${v}:00:00 GMT`,
    }));
    const primary = CATEGORIES[Math.floor(random() * CATEGORIES.length)] ?? 'cs.LG';
    const cross = random() < 0.4 ? ` ${CATEGORIES[Math.floor(random() * CATEGORIES.length)]}` : '';
    yield {
      id,
      submitter: `${parsed[0]?.[1]} ${parsed[0]?.[0]}`,
      authors: parsed.map(([last, first]) => `${first} ${last}`).join(', '),
      title: words(6 + Math.floor(random() * 8)),
      comments:
        random() < 0.3
          ? `${5 + Math.floor(random() * 20)} pages; code at https://github.com/lab${i % 997}/repo${i}`
          : null,
      'journal-ref': null,
      doi: null,
      'report-no': null,
      categories: `${primary}${cross === ` ${primary}` ? '' : cross}`,
      license: 'http://creativecommons.org/licenses/by/4.0/',
      abstract: `  ${words(120 + Math.floor(random() * 80))}\n`,
      versions,
      update_date: `20${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      authors_parsed: parsed,
    };
  }
}

/** Writes (once) and returns the path of a synthetic snapshot with `count` papers. */
export async function ensureSyntheticKaggleFile(dir: string, count: number): Promise<string> {
  const path = `${dir}/kaggle-synthetic-${count}.jsonl`;
  if (existsSync(path)) return path;
  const partial = `${path}.partial`;
  const out = createWriteStream(partial);
  for (const paper of syntheticPapers(count, realVocabulary())) {
    if (!out.write(`${JSON.stringify(paper)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  renameSync(partial, path);
  return path;
}
