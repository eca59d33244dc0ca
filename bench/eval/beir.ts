// Reads an information-retrieval test collection in BEIR layout: corpus.jsonl ({_id, title, text,
// metadata?}), queries.jsonl ({_id, text}) and qrels/test.tsv (query-id, corpus-id, score).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface BeirDocument {
  id: string;
  title: string;
  text: string;
  authors: string[];
}

export interface BeirCollection {
  documents: BeirDocument[];
  queries: Map<string, string>;
  /** query id → ids of documents judged relevant (score > 0). */
  qrels: Map<string, Set<string>>;
}

export class BeirFormatError extends Error {
  override name = 'BeirFormatError';
}

function jsonLines(path: string): Array<Record<string, unknown>> {
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((line, i) => ({ line, i }))
    .filter(({ line }) => line.trim() !== '')
    .map(({ line, i }) => {
      try {
        const value = JSON.parse(line) as unknown;
        if (value && typeof value === 'object' && !Array.isArray(value))
          return value as Record<string, unknown>;
      } catch {
        // Reported below with the position.
      }
      throw new BeirFormatError(`${path}: line ${i + 1} is not a JSON object`);
    });
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export function readBeirCollection(dir: string): BeirCollection {
  const documents = jsonLines(join(dir, 'corpus.jsonl')).map((d, i) => {
    if (d._id === undefined) throw new BeirFormatError(`corpus.jsonl: document ${i + 1} has no _id`);
    const metadata = (d.metadata ?? {}) as { authors?: unknown };
    const authors = Array.isArray(metadata.authors)
      ? metadata.authors.filter((a) => typeof a === 'string')
      : [];
    return { id: String(d._id), title: text(d.title), text: text(d.text), authors };
  });
  const queries = new Map(jsonLines(join(dir, 'queries.jsonl')).map((q) => [String(q._id), text(q.text)]));
  const qrels = new Map<string, Set<string>>();
  const lines = readFileSync(join(dir, 'qrels', 'test.tsv'), 'utf8')
    .split('\n')
    .slice(1);
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const [query, doc, score] = line.split('\t');
    if (!query || !doc || score === undefined || Number.isNaN(Number(score))) {
      throw new BeirFormatError(`qrels/test.tsv: line ${i + 2} is not "query-id<TAB>corpus-id<TAB>score"`);
    }
    if (Number(score) <= 0) return;
    const set = qrels.get(query) ?? new Set<string>();
    set.add(doc);
    qrels.set(query, set);
  });
  return { documents, queries, qrels };
}
