// `npm run eval:search -- [--mode keyword|semantic|hybrid] <dir> [<dir>...]`: search quality on
// collections in BEIR layout. Each collection goes through the production path — records upserted
// into a fresh store, the change log followed into a fresh search index, the embeddings job training
// the semantic model on the store's papers and storing their vectors (as `serve` does), and queries
// answered by the SearchPool the API calls (worker thread, query embedded by the SemanticService) —
// and nDCG@10, MAP, Recall@100 and MRR are printed for each mode. Tuning flags (--fusion, --rm3 …)
// need settings the pool does not take, so those runs call the same searchByMode on this thread.

import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openSqlite } from '../src/db/connection.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { BatchUpserter } from '../src/ingest/batch-upserter.js';
import { silentLogger } from '../src/lib/logger.js';
import { HYBRID_DEFAULTS, type HybridTuning } from '../src/search/hybrid/hybrid-search.js';
import { RM3_DEFAULTS } from '../src/search/hybrid/rm3.js';
import { InProcessSearch } from '../src/search/in-process-search.js';
import { SEARCH_MODES, type SearchMode } from '../src/search/search-mode.js';
import { SearchPool, type SearchService } from '../src/search/search-pool.js';
import type { SemanticService } from '../src/search/semantic/semantic-service.js';
import { readBeirCollection } from './eval/beir.js';
import { averagePrecision, mean, ndcgAt, recallAt, reciprocalRank } from './eval/metrics.js';
import { startSemanticService } from './eval/semantic.js';
import { benchOutDir } from './paths.js';

// Collection ids are arbitrary strings; the store wants arXiv-shaped keys, so number them.
const keyOf = (i: number) => `beir/${String(i + 1).padStart(7, '0')}`;

interface Variant {
  weights?: number[];
  tokenizer?: string;
  /** Undefined: production's defaults, through the SearchPool. */
  hybrid?: HybridTuning;
  modes: SearchMode[];
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
  const needsVectors = variant.modes.some((mode) => mode !== 'keyword');
  const semantic: SemanticService | undefined = needsVectors
    ? await startSemanticService(database)
    : undefined;
  const local = new InProcessSearch(
    join(work, 'search'),
    database,
    {
      ...(variant.weights ? { weights: variant.weights } : {}),
      ...(variant.tokenizer ? { tokenizer: variant.tokenizer } : {}),
      ...(variant.hybrid ? { hybrid: variant.hybrid } : {}),
    },
    semantic,
  );
  await local.catchUp();
  const isTuned = variant.weights || variant.tokenizer || variant.hybrid;
  const search: SearchService = isTuned ? local : new SearchPool(join(work, 'search'), 1, semantic);
  const results = [];
  for (const mode of variant.modes) results.push(await evaluateMode(collection, search, idOfKey, mode));
  await search.close();
  await local.close();
  await database.close();
  return { documents: collection.documents.length, results };
}

/** One query's figure, for `--per-query` (which queries a change helps or hurts). */
interface PerQuery {
  mode: SearchMode;
  queryId: string;
  /** The mode that actually ranked it (query-language queries are keyword). */
  used: SearchMode;
  ndcg10: number;
}

async function evaluateMode(
  collection: ReturnType<typeof readBeirCollection>,
  search: SearchService,
  idOfKey: Map<string, string>,
  mode: SearchMode,
) {
  const perQuery: PerQuery[] = [];
  const scores = { ndcg: [] as number[], map: [] as number[], recall: [] as number[], mrr: [] as number[] };
  const used = new Map<string, number>();
  const started = performance.now();
  for (const [queryId, relevant] of collection.qrels) {
    const text = collection.queries.get(queryId);
    if (text === undefined) continue;
    const page = await search.search({ q: text, sort: 'relevance', limit: 1000, offset: 0, mode });
    used.set(page.mode, (used.get(page.mode) ?? 0) + 1);
    const ranked = page.hits.map((h) => idOfKey.get(h.arxivId) ?? h.arxivId);
    scores.ndcg.push(ndcgAt(ranked, relevant, 10));
    scores.map.push(averagePrecision(ranked, relevant));
    scores.recall.push(recallAt(ranked, relevant, 100));
    scores.mrr.push(reciprocalRank(ranked, relevant));
    perQuery.push({ mode, queryId, used: page.mode, ndcg10: scores.ndcg.at(-1) as number });
  }
  return {
    mode,
    // Queries that used the query language fall back to keyword; say how many did.
    used: [...used].map(([m, n]) => `${m} ${n}`).join(', '),
    queries: scores.ndcg.length,
    'nDCG@10': mean(scores.ndcg),
    MAP: mean(scores.map),
    'Recall@100': mean(scores.recall),
    MRR: mean(scores.mrr),
    ms_per_query: (performance.now() - started) / scores.ndcg.length,
    perQuery,
  };
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    mode: { type: 'string' },
    // Comparisons for the issue note: bm25 column weights (title,authors,abstract,categories), tokenizer.
    weights: { type: 'string' },
    tokenizer: { type: 'string' },
    // Hybrid tuning: lexical weight in the fusion, RM3 as "on" (rm3.ts defaults), docs,terms,λ,score|exp or "off", list depth.
    fusion: { type: 'string' },
    rm3: { type: 'string' },
    candidates: { type: 'string' },
    // Vector feedback for hybrid's semantic list: "docs,queryWeight" or "off".
    vfb: { type: 'string' },
    // Writes each query's nDCG@10 per collection and mode as JSON lines to this file.
    'per-query': { type: 'string' },
  },
});

function usage(message: string): never {
  process.stderr.write(
    `${message}\nusage: npm run eval:search -- [--mode keyword|semantic|hybrid] [--fusion 0.8] [--rm3 on|off|10,30,0.7,exp] [--candidates 100] [--vfb 5,0.5|off] [--per-query out.jsonl] <beir-collection-dir> [...]\n`,
  );
  process.exit(2);
}

function parseRm3(text: string | undefined): HybridTuning['rm3'] {
  if (text === undefined || text === 'off') return HYBRID_DEFAULTS.rm3;
  if (text === 'on') return RM3_DEFAULTS;
  const [docs, terms, lambda, docWeight] = text.split(',');
  const rm3 = {
    feedbackDocs: Number(docs),
    expansionTerms: Number(terms),
    queryWeight: Number(lambda),
    docWeight: (docWeight ?? RM3_DEFAULTS.docWeight) as 'score' | 'exp',
  };
  const isValid =
    Number.isInteger(rm3.feedbackDocs) &&
    rm3.feedbackDocs > 0 &&
    Number.isInteger(rm3.expansionTerms) &&
    rm3.expansionTerms >= 0 &&
    rm3.queryWeight >= 0 &&
    rm3.queryWeight <= 1 &&
    (rm3.docWeight === 'score' || rm3.docWeight === 'exp');
  return isValid ? rm3 : usage(`bad --rm3 ${text}`);
}

const modes = values.mode === undefined ? [...SEARCH_MODES] : SEARCH_MODES.filter((m) => m === values.mode);
if (modes.length === 0) usage(`bad --mode ${values.mode}`);
const fusion = values.fusion === undefined ? HYBRID_DEFAULTS.lexicalWeight : Number(values.fusion);
if (!(fusion >= 0 && fusion <= 1)) usage(`bad --fusion ${values.fusion}`);
const candidates = values.candidates === undefined ? HYBRID_DEFAULTS.candidates : Number(values.candidates);
if (!Number.isInteger(candidates) || candidates < 1) usage(`bad --candidates ${values.candidates}`);
const rm3 = parseRm3(values.rm3);
function parseVectorFeedback(text: string | undefined): HybridTuning['vectorFeedback'] {
  if (text === undefined) return HYBRID_DEFAULTS.vectorFeedback;
  if (text === 'off') return undefined;
  const [docs, queryWeight] = text.split(',').map(Number);
  const isValid =
    Number.isInteger(docs) &&
    (docs as number) > 0 &&
    (queryWeight as number) >= 0 &&
    (queryWeight as number) <= 1;
  return isValid ? { docs: docs as number, queryWeight: queryWeight as number } : usage(`bad --vfb ${text}`);
}
const vectorFeedback = parseVectorFeedback(values.vfb);
const isHybridTuned = ['fusion', 'rm3', 'candidates', 'vfb'].some((flag) => flag in values);
const variant: Variant = {
  ...(values.weights ? { weights: values.weights.split(',').map(Number) } : {}),
  ...(values.tokenizer ? { tokenizer: values.tokenizer } : {}),
  ...(isHybridTuned
    ? {
        hybrid: {
          candidates,
          lexicalWeight: fusion,
          ...(rm3 ? { rm3 } : {}),
          ...(vectorFeedback ? { vectorFeedback } : {}),
        },
      }
    : {}),
  modes,
};
if (positionals.length === 0) usage('no collection given');
const rm3Text = rm3 ? `${rm3.feedbackDocs},${rm3.expansionTerms},${rm3.queryWeight},${rm3.docWeight}` : 'off';
const vfbText = vectorFeedback ? `${vectorFeedback.docs},${vectorFeedback.queryWeight}` : 'off';
console.log(
  `${variant.hybrid || variant.weights || variant.tokenizer ? 'tuned, on this thread' : 'production path (SearchPool)'}; hybrid: lexical weight ${fusion}, ${candidates} candidates per list, RM3 ${rm3Text}, vector feedback ${vfbText}`,
);
const perQueryLines: string[] = [];
for (const dir of positionals) {
  const r = await evaluate(dir, variant);
  for (const m of r.results) {
    for (const q of m.perQuery) perQueryLines.push(JSON.stringify({ collection: dir, ...q }));
  }
  const f = (x: number) => x.toFixed(3);
  for (const m of r.results) {
    console.log(
      `${dir} [${m.mode.padEnd(8)}]: ${r.documents} docs, ${m.queries} queries (${m.used}) | nDCG@10 ${f(m['nDCG@10'])}  MAP ${f(m.MAP)}  Recall@100 ${f(m['Recall@100'])}  MRR ${f(m.MRR)}  (${m.ms_per_query.toFixed(1)} ms/query)`,
    );
  }
}
if (values['per-query']) writeFileSync(values['per-query'], `${perQueryLines.join('\n')}\n`);
