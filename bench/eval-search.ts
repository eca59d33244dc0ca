// `npm run eval:search -- <dir> [<dir>...]`: search quality on collections in BEIR layout. Each
// collection goes through the real path — records upserted into a fresh store, the change log
// followed into a fresh search index, queries run by the search engine exactly as users' are —
// and nDCG@10, MAP, Recall@100 and MRR are printed.

import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openSqlite } from '../src/db/connection.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { BatchUpserter } from '../src/ingest/batch-upserter.js';
import { silentLogger } from '../src/lib/logger.js';
import { InProcessSearch } from '../src/search/in-process-search.js';
import { readBeirCollection } from './eval/beir.js';
import { averagePrecision, mean, ndcgAt, recallAt, reciprocalRank } from './eval/metrics.js';
import { benchOutDir } from './paths.js';

// Collection ids are arbitrary strings; the store wants arXiv-shaped keys, so number them.
const keyOf = (i: number) => `beir/${String(i + 1).padStart(7, '0')}`;

interface Variant {
  weights?: number[];
  tokenizer?: string;
}

async function evaluate(dir: string, variant: Variant) {
  const collection = readBeirCollection(dir);
  const work = join(benchOutDir, `eval-${dir.replace(/\W+/g, '_')}`);
  rmSync(work, { recursive: true, force: true });
  const database = openSqlite(join(work, 'store.db'));
  await migrateToLatest(database.db, database.dialect);
  const sink = new BatchUpserter({ database, log: silentLogger(), inputName: dir });
  const idOfKey = new Map<string, string>();
  for (const [i, doc] of collection.documents.entries()) {
    idOfKey.set(keyOf(i), doc.id);
    await sink.add({
      arxivId: keyOf(i),
      title: doc.title,
      abstract: doc.text,
      authors: doc.authors.map((name) => ({ name })),
      categories: [],
      source: 'collection',
    });
  }
  await sink.flush();
  const search = new InProcessSearch(join(work, 'search'), database, variant);
  await search.catchUp();

  const scores = { ndcg: [] as number[], map: [] as number[], recall: [] as number[], mrr: [] as number[] };
  const started = performance.now();
  for (const [queryId, relevant] of collection.qrels) {
    const text = collection.queries.get(queryId);
    if (text === undefined) continue;
    const page = await search.search({ q: text, sort: 'relevance', limit: 1000, offset: 0 });
    const ranked = page.hits.map((h) => idOfKey.get(h.arxivId) ?? h.arxivId);
    scores.ndcg.push(ndcgAt(ranked, relevant, 10));
    scores.map.push(averagePrecision(ranked, relevant));
    scores.recall.push(recallAt(ranked, relevant, 100));
    scores.mrr.push(reciprocalRank(ranked, relevant));
  }
  const queryMs = (performance.now() - started) / scores.ndcg.length;
  await search.close();
  await database.close();
  return {
    collection: dir,
    documents: collection.documents.length,
    queries: scores.ndcg.length,
    'nDCG@10': mean(scores.ndcg),
    MAP: mean(scores.map),
    'Recall@100': mean(scores.recall),
    MRR: mean(scores.mrr),
    ms_per_query: queryMs,
  };
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    // Comparisons for the issue note: bm25 column weights (title,authors,abstract,categories), tokenizer.
    weights: { type: 'string' },
    tokenizer: { type: 'string' },
  },
});
const variant: Variant = {
  ...(values.weights ? { weights: values.weights.split(',').map(Number) } : {}),
  ...(values.tokenizer ? { tokenizer: values.tokenizer } : {}),
};
if (positionals.length === 0) {
  process.stderr.write('usage: npm run eval:search -- <beir-collection-dir> [...]\n');
  process.exit(2);
}
for (const dir of positionals) {
  const r = await evaluate(dir, variant);
  const f = (x: number) => x.toFixed(3);
  console.log(
    `${r.collection}: ${r.documents} docs, ${r.queries} queries | nDCG@10 ${f(r['nDCG@10'])}  MAP ${f(r.MAP)}  Recall@100 ${f(r['Recall@100'])}  MRR ${f(r.MRR)}  (${r.ms_per_query.toFixed(1)} ms/query)`,
  );
}
