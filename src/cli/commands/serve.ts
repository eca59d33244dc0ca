// `paperboard serve`: the web server, the digest job (when SMTP_URL is set), the embedding and
// similar-papers jobs, and the scheduled arXiv ingest and category enrichment when enabled. Refuses to start on a stale schema (unless --migrate).
// Listens at once: the search index catches up (or is rebuilt) on its own thread, reported by /healthz. Shuts down in order
// on SIGTERM/SIGINT: stop accepting, finish in-flight requests, let running jobs finish their
// transaction (digests on the wire are sent), close the database.

import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import type { Command } from 'commander';
import { type Config, deriveBaseUrl, isBaseUrlDerived, isLoopbackHost } from '../../config/config.js';
import type { SqliteMemory } from '../../db/connection.js';
import { assertSchemaCurrent, migrateToLatest } from '../../db/migrate.js';
import { importPath } from '../../ingest/import-path.js';
import { enrichJob } from '../../jobs/enrich-job.js';
import { readerModelsJob } from '../../jobs/reader-models-job.js';
import { digestCleanupJob, digestJob, embeddingJob, similarPapersJob } from '../../jobs/recurring-jobs.js';
import { type RecurringJob, Scheduler } from '../../jobs/scheduler.js';
import { CandidateCache } from '../../recs/candidate-papers.js';
import {
  IndexFollowerThread,
  searchHealth,
  searchUnlessRebuilding,
} from '../../search/index-follower-thread.js';
import { SearchPool } from '../../search/search-pool.js';
import { EmbeddingThread } from '../../search/semantic/embedding-thread.js';
import { embeddingDeps, embedPendingPapers } from '../../search/semantic/semantic-models.js';
import { SemanticService } from '../../search/semantic/semantic-service.js';
import { countPapers } from '../../store/paper-reads.js';
import { createApp } from '../../web/app.js';
import { serverOptions } from '../../web/server-limits.js';
import type { CommandContext } from '../context.js';
import { createContext } from '../context.js';
import { configFrom } from '../program.js';
import { waitForShutdownSignal } from '../shutdown.js';
import { createDigestPool } from './digest.js';
import { recentIngestJob } from './ingest.js';

interface ServeFlags {
  port?: string;
  host?: string;
  migrate?: boolean;
  sample?: boolean;
  ingest?: boolean;
  enrich?: boolean;
}

/** The bundled sample data, resolved from the installed package (dist/cli/commands → repo root). */
export const sampleDataDir = fileURLToPath(new URL('../../../sample/', import.meta.url));

async function loadSampleIfEmpty(ctx: CommandContext): Promise<void> {
  if ((await countPapers(ctx.database.db)) > 0) return;
  ctx.log.info({ input: sampleDataDir }, 'empty database: importing the bundled sample data');
  for (const folder of ['arxiv-listing', 'hf-daily']) {
    await importPath(`${sampleDataDir}${folder}`, {
      database: ctx.database,
      log: ctx.log,
      workers: ctx.config.importWorkers,
    });
  }
}

/** Each search index connection's page cache and mmap window, from the config. */
function indexMemoryOf(config: Config): SqliteMemory {
  return { cacheMb: config.searchIndexCacheMb, mmapMb: config.searchIndexMmapMb };
}

/** The start-up line: where this process answers, and the public URL when that is somewhere else. */
export function startupLine(baseUrl: string, listening: string): string {
  return baseUrl === listening
    ? `Paperboard is running at ${listening}`
    : `Paperboard is running at ${listening} (public URL: ${baseUrl})`;
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('run the web server (and the scheduled arXiv ingest with --ingest)')
    .option('--port <port>', 'listening port [PORT]')
    .option('--host <host>', 'listening address [HOST]')
    .option('--migrate', 'apply pending migrations before serving')
    .option('--sample', 'apply migrations and load the bundled sample data into an empty database')
    .option('--ingest', 'run the scheduled arXiv ingest in this process [INGEST_ENABLED]')
    .option(
      '--enrich',
      'look up missing arXiv categories of imported papers in this process [ENRICH_ENABLED]',
    )
    .action(async (flags: ServeFlags) => {
      const config = configFrom(program, {
        ...(flags.port !== undefined ? { port: flags.port } : {}),
        ...(flags.host ? { host: flags.host } : {}),
        ...(flags.ingest ? { ingestEnabled: true } : {}),
        ...(flags.enrich ? { enrichEnabled: true } : {}),
      });
      const ctx = createContext(config);
      if (isBaseUrlDerived() && !isLoopbackHost(config.host)) {
        // Feeds, API answers, OpenAPI and emails carry this URL: readers elsewhere need the real one.
        ctx.log.warn(
          { base_url: config.baseUrl, host: config.host },
          'BASE_URL is not set: links in feeds, the API and emails use the listening address; set BASE_URL to the URL readers use',
        );
      }
      const { db, dialect } = ctx.database;
      if (flags.migrate || flags.sample) await migrateToLatest(db, dialect);
      await assertSchemaCurrent(db, dialect);
      if (flags.sample) await loadSampleIfEmpty(ctx);

      // Search: each instance follows the change log into its own index, on a thread of its own, and
      // queries run in workers; we listen at once and serve from the index as it is while it catches
      // up (after downtime) or is rebuilt for a new format (search answers 503 until then).
      const follower = new IndexFollowerThread(
        config.searchIndexDir,
        ctx.database.connectOptions,
        ctx.log,
        config.searchPollMs,
        indexMemoryOf(config),
      );
      follower.start();
      // A first run on the bundled sample (a few hundred papers) is searchable as soon as it listens.
      if (flags.sample) await follower.poke();
      // Semantic search: vectors are computed once in the database (the embeddings job, on one
      // instance) and each instance loads them; the sample is embedded before we listen.
      if (flags.sample) await embedPendingPapers(embeddingDeps(ctx), config);
      const semantic = new SemanticService(ctx.database, config, ctx.log);
      // Until the vectors are loaded searches are keyword; a load failure is logged and retried each poll.
      const loadVectors = () =>
        semantic
          .catchUp()
          .catch((error: unknown) => ctx.log.error({ err: error }, 'vector index could not be loaded'));
      if (flags.sample) await loadVectors();
      else void loadVectors();
      semantic.start(config.searchPollMs);
      const pool = new SearchPool(
        config.searchIndexDir,
        config.searchWorkers,
        semantic,
        indexMemoryOf(config),
      );
      const search = searchUnlessRebuilding(pool, () => follower.status());
      const searchHealthNow = () => searchHealth(follower.status(), ctx.database);
      const appContext = {
        ...ctx,
        search,
        searchHealth: searchHealthNow,
        searchRevision: () => follower.status().revision,
        // For-you windows shared by readers: a day's board is read and tokenised once a minute, not
        // once a request; three windows (day, week, month) at ~10 kB a paper.
        recsCandidates: new CandidateCache({ ttlMs: 60_000, maxWindows: 3 }),
      };
      // Built once the port is known: with `--port 0` the system picks it, and the app's routes take
      // the base URL their links name when they are created. No request arrives before 'listening'.
      let app: ReturnType<typeof createApp> | undefined;
      const server = serve(
        {
          fetch: (request, env) =>
            app ? app.fetch(request, env) : new Response('starting', { status: 503 }),
          port: config.port,
          hostname: config.host,
          serverOptions: serverOptions(),
        },
        (info) => {
          if (isBaseUrlDerived() && config.port === 0) config.baseUrl = deriveBaseUrl(config.host, info.port);
          app = createApp(appContext);
          ctx.log.info(
            {
              address: info.address,
              port: info.port,
              base_url: config.baseUrl,
              database: ctx.database.location,
            },
            'listening',
          );
          process.stderr.write(`${startupLine(config.baseUrl, deriveBaseUrl(config.host, info.port))}\n`);
        },
      );
      const scheduler = new Scheduler({ db, log: ctx.log, now: ctx.now });
      const embeddingThread = new EmbeddingThread(ctx.database.connectOptions, config, ctx.log);
      const jobs: RecurringJob[] = config.ingestEnabled ? [recentIngestJob(ctx)] : [];
      // HF imports carry no arXiv categories; this fills them in (and `cat:` search finds them).
      if (config.enrichEnabled) jobs.push(enrichJob(ctx.arxivClients.api, ctx, config));
      jobs.push(
        embeddingJob((signal) => embeddingThread.run(signal)),
        // Stored similar papers, computed by the search workers this instance runs.
        similarPapersJob({ database: ctx.database, search, log: ctx.log, now: ctx.now }),
        // Readers' "For you" models whose signals changed (recs/); requests never train, they ask this.
        readerModelsJob(ctx),
      );
      const digestPool =
        config.digestEnabled && config.smtpUrl ? createDigestPool(config, ctx.log) : undefined;
      if (digestPool) {
        jobs.push(digestJob({ ...ctx, pool: digestPool }), digestCleanupJob(ctx));
      } else if (config.digestEnabled) {
        ctx.log.info('email digests are not sent: no SMTP_URL (subscriptions are still taken)');
      }
      scheduler.start(jobs);

      const signal = await waitForShutdownSignal();
      ctx.log.info({ signal }, 'shutting down');
      // A second signal, or a stuck connection, must not keep the process alive forever.
      const forceExit = setTimeout(() => process.exit(1), 15_000);
      forceExit.unref();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ('closeIdleConnections' in server) server.closeIdleConnections();
      });
      await scheduler.stop();
      await embeddingThread.stop();
      await digestPool?.close();
      await follower.stop();
      await semantic.stop();
      await search.close();
      ctx.mailer.close();
      await ctx.database.close();
      ctx.log.info('stopped');
    });
}
