// `paperboard reindex`: rebuilds the search index from the store with a progress bar, then
// publishes it; a running server switches to it on its next query.

import type { Command } from 'commander';
import { assertSchemaCurrent } from '../../db/migrate.js';
import { rebuildIndex } from '../../search/rebuild-index.js';
import { countPapers } from '../../store/paper-reads.js';
import { createContext } from '../context.js';
import { configFrom } from '../program.js';
import { createProgressBar } from '../progress.js';

export function registerReindexCommand(program: Command): void {
  program
    .command('reindex')
    .description('rebuild the search index from the database (the live index keeps serving meanwhile)')
    .action(async () => {
      const ctx = createContext(configFrom(program));
      const controller = new AbortController();
      const onSignal = () => controller.abort();
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      try {
        await assertSchemaCurrent(ctx.database.db, ctx.database.dialect);
        const bar = createProgressBar(await countPapers(ctx.database.db), 'papers');
        const started = performance.now();
        const result = await rebuildIndex(ctx.config.searchIndexDir, ctx.database, {
          signal: controller.signal,
          onProgress: ({ papers }) => bar.update(papers, { records: papers }),
        });
        bar.stop();
        const seconds = (performance.now() - started) / 1000;
        ctx.log.info(
          {
            ...result,
            duration_ms: Math.round(seconds * 1000),
            papers_per_s: Math.round(result.papers / seconds),
          },
          'search index rebuilt',
        );
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        await ctx.database.close();
      }
    });
}
