// `paperboard enrich`: looks up arXiv's metadata (categories, comments, journal ref, DOI) of the
// papers that lack it — HF imports — 100 per arXiv API request, with a progress bar; the same work
// as serve's `enrich-arxiv` job (ingest/enrich-arxiv.ts). Takes the job's lease, so it never runs
// beside that job or another `enrich` on a shared PostgreSQL; Ctrl-C stops after the current batch
// and the next run resumes there.

import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import { assertSchemaCurrent } from '../../db/migrate.js';
import { ENRICH_JOB, type EnrichTotals, enrichFromArxiv } from '../../ingest/enrich-arxiv.js';
import { countEnrichmentCandidates } from '../../store/arxiv-lookups.js';
import { leaseExpiry, releaseLease, renewLease, tryAcquireLease } from '../../store/job-leases.js';
import { createContext } from '../context.js';
import { configFrom } from '../program.js';
import { createProgressBar } from '../progress.js';

interface EnrichFlags {
  max?: string;
  count?: boolean;
}

/** Lease length, renewed after every batch: a crashed command frees the job within this. */
const LEASE_MS = 10 * 60_000;

export function registerEnrichCommand(program: Command): void {
  program
    .command('enrich')
    .description(
      'fill in arXiv categories, comments, journal refs and DOIs of papers that lack them (HF imports) from the arXiv API; resumable',
    )
    .option('--max <n>', 'look up at most this many papers in this run')
    .option('--count', 'only print how many papers need looking up')
    .action(async (flags: EnrichFlags) => {
      const max = flags.max === undefined ? undefined : Number(flags.max);
      if (max !== undefined && !(Number.isInteger(max) && max > 0)) {
        program.error(`error: --max must be a positive whole number, not "${flags.max}"`);
      }
      const ctx = createContext(configFrom(program));
      const { db } = ctx.database;
      const controller = new AbortController();
      const onSignal = () => controller.abort();
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      const owner = randomUUID();
      let isHolding = false;
      try {
        await assertSchemaCurrent(db, ctx.database.dialect);
        const pending = await countEnrichmentCandidates(db, { now: ctx.now() });
        if (flags.count) {
          process.stdout.write(`${pending}\n`);
          return;
        }
        isHolding = await tryAcquireLease(db, ENRICH_JOB, owner, ctx.now(), LEASE_MS);
        if (!isHolding) {
          const until = await leaseExpiry(db, ENRICH_JOB);
          process.stderr.write(
            `Another instance holds the ${ENRICH_JOB} job (its lease ends ${until ?? 'soon'}); try again after that.\n`,
          );
          process.exitCode = 1;
          return;
        }
        const total = Math.min(pending, max ?? pending);
        const bar = createProgressBar(total, 'papers');
        let totals: EnrichTotals;
        try {
          totals = await enrichFromArxiv(
            ctx.arxivClients.api,
            { database: ctx.database, log: ctx.log, now: ctx.now, signal: controller.signal },
            {
              ...(max !== undefined ? { maxPapers: max } : {}),
              onBatch: async (sofar) => {
                bar.update(Math.min(total, sofar.requested), { records: sofar.requested });
                if (!(await renewLease(db, ENRICH_JOB, owner, ctx.now(), LEASE_MS))) {
                  ctx.log.warn({ job: ENRICH_JOB }, 'lost the job lease; stopping');
                  controller.abort();
                }
              },
            },
          );
        } finally {
          bar.stop();
        }
        ctx.log.info(
          { job: ENRICH_JOB, ...totals, stopped: controller.signal.aborted },
          'enrichment finished',
        );
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        if (isHolding) await releaseLease(db, ENRICH_JOB, owner);
        await ctx.database.close();
      }
    });
}
