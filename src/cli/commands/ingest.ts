// `paperboard ingest`: pulls new papers from arXiv — once (`--once`, for cron) or on the configured
// interval in the foreground. `--oai` harvests OAI-PMH instead (bulk backfill, resumable).

import type { Command } from 'commander';
import { assertSchemaCurrent } from '../../db/migrate.js';
import { harvestOai, ingestRecent, oaiSetOf } from '../../ingest/harvest-arxiv.js';
import { Scheduler } from '../../jobs/scheduler.js';
import type { CommandContext } from '../context.js';
import { createContext } from '../context.js';
import { configFrom } from '../program.js';
import { waitForShutdownSignal } from '../shutdown.js';

interface IngestFlags {
  once?: boolean;
  categories?: string;
  max: string;
  oai?: boolean;
  from?: string;
  until?: string;
}

/** The scheduled ingest job: newest papers of the configured categories via the arXiv API. */
export function recentIngestJob(ctx: CommandContext, maxResults = 2000) {
  const clients = ctx.arxivClients;
  return {
    name: 'ingest-recent',
    intervalMs: ctx.config.ingestIntervalMinutes * 60_000,
    run: (signal: AbortSignal) =>
      ingestRecent(
        clients.api,
        { database: ctx.database, log: ctx.log, now: ctx.now, signal },
        {
          categories: ctx.config.ingestCategories,
          maxResults,
        },
      ),
  };
}

async function harvestAllSets(ctx: CommandContext, flags: IngestFlags, signal: AbortSignal) {
  const { oai } = ctx.arxivClients;
  const categories = ctx.config.ingestCategories;
  for (const set of [...new Set(categories.map(oaiSetOf))]) {
    const totals = await harvestOai(
      oai,
      { database: ctx.database, log: ctx.log, now: ctx.now, signal },
      {
        set,
        categories,
        ...(flags.from ? { from: flags.from } : {}),
        ...(flags.until ? { until: flags.until } : {}),
      },
    );
    ctx.log.info({ job: 'harvest-oai', set, ...totals }, 'harvest finished');
  }
}

export function registerIngestCommand(program: Command): void {
  program
    .command('ingest')
    .description('pull new papers from arXiv (API), or harvest OAI-PMH with --oai')
    .option('--once', 'run one ingest and exit (for cron)')
    .option('--categories <list>', 'comma-separated arXiv categories [INGEST_CATEGORIES]')
    .option('--max <n>', 'most entries to read per run from the API', '2000')
    .option('--oai', 'harvest with OAI-PMH (resumes an interrupted harvest)')
    .option('--from <date>', 'OAI-PMH: harvest records changed since YYYY-MM-DD')
    .option('--until <date>', 'OAI-PMH: harvest records changed until YYYY-MM-DD')
    .action(async (flags: IngestFlags) => {
      const ctx = createContext(
        configFrom(program, flags.categories ? { ingestCategories: flags.categories } : {}),
      );
      const controller = new AbortController();
      const stopOnSignal = waitForShutdownSignal().then(() => controller.abort());
      try {
        await assertSchemaCurrent(ctx.database.db, ctx.database.dialect);
        if (flags.oai) {
          await harvestAllSets(ctx, flags, controller.signal);
        } else if (flags.once) {
          const totals = await recentIngestJob(ctx, Number(flags.max)).run(controller.signal);
          ctx.log.info({ job: 'ingest-recent', ...totals }, 'ingest finished');
        } else {
          const scheduler = new Scheduler({ db: ctx.database.db, log: ctx.log, now: ctx.now });
          scheduler.start([recentIngestJob(ctx, Number(flags.max))]);
          await stopOnSignal;
          await scheduler.stop();
        }
      } finally {
        await ctx.database.close();
      }
    });
}
