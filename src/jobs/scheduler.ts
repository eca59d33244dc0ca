// Runs recurring jobs (declared as data: name, interval, function — see jobs/recurring-jobs.ts)
// inside `serve`. An exclusive job's run first takes a lease in the database, so with several
// instances on one PostgreSQL it runs once per interval; a shared job (one whose work is claimed
// row by row, like digest delivery) runs on every instance. One instance never overlaps a job with
// itself. stop() stops scheduling and waits for running jobs to finish their current transaction.

import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Logger } from '../lib/logger.js';
import { releaseLease, tryAcquireLease } from '../store/job-leases.js';

export interface RecurringJob {
  name: string;
  intervalMs: number;
  /** False for jobs every instance may run at once (their work is claimed in the database); default true. */
  isExclusive?: boolean;
  run(signal: AbortSignal): Promise<unknown>;
}

export interface SchedulerOptions {
  db: Kysely<Database>;
  log: Logger;
  now: () => Date;
  /** Lease length; a crashed instance's lease frees itself after this. */
  leaseMs?: number;
}

export class Scheduler {
  private readonly owner = randomUUID();
  private readonly controller = new AbortController();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly options: SchedulerOptions) {}

  start(jobs: RecurringJob[]): void {
    for (const job of jobs) this.schedule(job, 1000);
  }

  private schedule(job: RecurringJob, delayMs: number): void {
    if (this.controller.signal.aborted) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      const run = this.runOnce(job).finally(() => {
        this.running.delete(run);
        this.schedule(job, job.intervalMs);
      });
      this.running.add(run);
    }, delayMs);
    timer.unref();
    this.timers.add(timer);
  }

  /** One run of a job if this instance gets its lease; errors are logged, never thrown. */
  async runOnce(job: RecurringJob): Promise<void> {
    const { db, log, now } = this.options;
    // The lease lasts one interval and is kept after success: across all instances the job then runs
    // at most once per interval, not once per instance.
    const leaseMs = this.options.leaseMs ?? job.intervalMs;
    const started = performance.now();
    try {
      const isExclusive = job.isExclusive ?? true;
      if (isExclusive && !(await tryAcquireLease(db, job.name, this.owner, now(), leaseMs))) {
        log.debug({ job: job.name }, 'job held by another instance');
        return;
      }
      const result = await job.run(this.controller.signal);
      // A frequent job that found nothing to do says so quietly (it returns undefined).
      const fields = { job: job.name, duration_ms: Math.round(performance.now() - started), result };
      if (result === undefined) log.debug(fields, 'job done');
      else log.info(fields, 'job done');
    } catch (error) {
      log.error(
        { job: job.name, err: error, duration_ms: Math.round(performance.now() - started) },
        'job failed',
      );
      // Free the lease so the next instance whose timer fires can retry sooner.
      await releaseLease(db, job.name, this.owner).catch(() => undefined);
    }
  }

  async stop(): Promise<void> {
    this.controller.abort();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled([...this.running]);
  }
}
