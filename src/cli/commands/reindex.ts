// `paperboard reindex`: rebuilds the keyword index from the store with a progress bar and publishes
// it (a running server switches to it on its next query); then retrains the offline semantic model
// (LSA) on the store's papers and re-embeds every paper with it, activating it when done (servers
// load the new vectors on their next poll). With EMBEDDINGS_URL, the provider's vectors are built
// only if that model is not active yet.

import type { Command } from 'commander';
import { assertSchemaCurrent } from '../../db/migrate.js';
import { rebuildIndex } from '../../search/rebuild-index.js';
import { reembedAll } from '../../search/semantic/embed-job.js';
import {
  embeddingDeps,
  ensureSemanticModel,
  lsaModelRow,
  MIN_TRAINING_PAPERS,
  trainLsaFromStore,
} from '../../search/semantic/semantic-models.js';
import { countPapers } from '../../store/paper-reads.js';
import { type CommandContext, createContext } from '../context.js';
import { configFrom } from '../program.js';
import { createProgressBar } from '../progress.js';

interface ReindexFlags {
  vectors: boolean;
  keyword: boolean;
}

export function registerReindexCommand(program: Command): void {
  program
    .command('reindex')
    .description(
      'rebuild the keyword index and retrain the semantic model from the database (the live ones keep serving meanwhile)',
    )
    .option('--no-vectors', 'rebuild only the keyword index')
    .option('--no-keyword', 'retrain the semantic model and re-embed only')
    .action(async (flags: ReindexFlags) => {
      const ctx = createContext(configFrom(program));
      const controller = new AbortController();
      const onSignal = () => controller.abort();
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      try {
        await assertSchemaCurrent(ctx.database.db, ctx.database.dialect);
        const papers = await countPapers(ctx.database.db);
        if (flags.keyword) await rebuildKeywordIndex(ctx, papers, controller.signal);
        if (flags.vectors) await rebuildVectors(ctx, papers, controller.signal);
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        await ctx.database.close();
      }
    });
}

async function rebuildKeywordIndex(ctx: CommandContext, papers: number, signal: AbortSignal): Promise<void> {
  const bar = createProgressBar(papers, 'papers');
  const started = performance.now();
  const result = await rebuildIndex(ctx.config.searchIndexDir, ctx.database, {
    signal,
    onProgress: ({ papers: done }) => bar.update(done, { records: done }),
  });
  bar.stop();
  const seconds = (performance.now() - started) / 1000;
  ctx.log.info(
    { ...result, duration_ms: Math.round(seconds * 1000), papers_per_s: Math.round(result.papers / seconds) },
    'search index rebuilt',
  );
}

async function rebuildVectors(ctx: CommandContext, papers: number, signal: AbortSignal): Promise<void> {
  const deps = { ...embeddingDeps(ctx), signal };
  if (ctx.config.embeddingsUrl) {
    const outcome = await ensureSemanticModel(deps, ctx.config);
    ctx.log.info({ model: `openai:${ctx.config.embeddingsModel}`, outcome }, 'embeddings provider');
    return;
  }
  if (papers < MIN_TRAINING_PAPERS) {
    ctx.log.info({ papers, needed: MIN_TRAINING_PAPERS }, 'too few papers to train the semantic model');
    return;
  }
  let started = performance.now();
  const lsa = await trainLsaFromStore(ctx.database, { dims: ctx.config.lsaDimensions, signal });
  const trainMs = Math.round(performance.now() - started);
  ctx.log.info({ model: lsa.modelKey, duration_ms: trainMs }, 'semantic model trained');
  started = performance.now();
  const result = await reembedAll(deps, lsaModelRow(lsa));
  const seconds = (performance.now() - started) / 1000;
  ctx.log.info(
    {
      ...result,
      duration_ms: Math.round(seconds * 1000),
      papers_per_s: Math.round(result.embedded / seconds),
    },
    'papers embedded',
  );
}
