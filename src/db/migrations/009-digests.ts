// Email digests: subscribers (double opt-in, preferences, topics), the outbox that makes delivery
// exactly-once per (subscriber, period), a record of each sending run, and the site's signing secret.
import type { ColumnDefinitionBuilder, Kysely } from 'kysely';
import { type Dialect, idColumnType } from '../dialect.js';

export function digests(dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const id = idColumnType(dialect, 'int');
      const bigId = idColumnType(dialect, 'bigint');
      const primary = (c: ColumnDefinitionBuilder) =>
        dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey();

      await db.schema
        .createTable('subscribers')
        .addColumn('id', id, primary)
        // Lower-cased, like accounts: one subscription per mailbox.
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
        // pending (awaiting confirmation) | active | unsubscribed | bouncing
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('frequency', 'text', (c) => c.notNull())
        // ISO weekday (1 = Monday) of the weekly digest.
        .addColumn('weekly_day', 'integer', (c) => c.notNull())
        .addColumn('send_hour', 'integer', (c) => c.notNull())
        .addColumn('time_zone', 'text', (c) => c.notNull())
        .addColumn('max_papers', 'integer', (c) => c.notNull())
        .addColumn('include_trending', 'integer', (c) => c.notNull())
        // JSON: { categories, queries, authors, exclude }
        .addColumn('topics', 'text', (c) => c.notNull())
        // Bumped to void every signed link sent so far.
        .addColumn('link_version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('confirm_token_hash', 'text')
        .addColumn('confirm_expires_at', 'text')
        // When the next digest is due (UTC), computed on write from the schedule, so finding due
        // subscribers is an index range scan instead of evaluating every time zone on every tick.
        .addColumn('next_due_at', 'text')
        // Permanent delivery failures in a row; reset by a delivered digest.
        .addColumn('bounce_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('confirmed_at', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('subscribers_due')
        .on('subscribers')
        .columns(['status', 'next_due_at'])
        .execute();
      await db.schema.createIndex('subscribers_user').on('subscribers').column('user_id').execute();
      // `digest send` enqueues a period per distinct schedule (one INSERT … SELECT each).
      await db.schema
        .createIndex('subscribers_schedule')
        .on('subscribers')
        .columns(['status', 'frequency', 'weekly_day', 'send_hour', 'time_zone'])
        .execute();

      await db.schema
        .createTable('digest_outbox')
        .addColumn('id', bigId, primary)
        .addColumn('subscriber_id', 'integer', (c) =>
          c.notNull().references('subscribers.id').onDelete('cascade'),
        )
        // e.g. `daily:2026-11-30`, `weekly:2026-W49`: one digest per subscriber and period, ever.
        .addColumn('period_key', 'text', (c) => c.notNull())
        .addColumn('frequency', 'text', (c) => c.notNull())
        // Board dates the digest covers, inclusive.
        .addColumn('window_from', 'text', (c) => c.notNull())
        .addColumn('window_to', 'text', (c) => c.notNull())
        // pending | claimed | committing | sent | skipped | failed | bounced | cancelled
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'text', (c) => c.notNull())
        .addColumn('claim_token', 'text')
        .addColumn('lease_until', 'text')
        .addColumn('message_id', 'text')
        // JSON: ids of the papers the digest showed, so no later digest shows them again.
        .addColumn('paper_ids', 'text')
        .addColumn('last_error', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('sent_at', 'text')
        .addUniqueConstraint('digest_outbox_subscriber_period', ['subscriber_id', 'period_key'])
        .execute();
      await db.schema
        .createIndex('digest_outbox_work')
        .on('digest_outbox')
        .columns(['state', 'next_attempt_at'])
        .execute();
      await db.schema
        .createIndex('digest_outbox_subscriber_sent')
        .on('digest_outbox')
        .columns(['subscriber_id', 'created_at'])
        .execute();

      await db.schema
        .createTable('digest_runs')
        .addColumn('id', id, primary)
        .addColumn('frequency', 'text')
        .addColumn('instance', 'text', (c) => c.notNull())
        .addColumn('is_dry_run', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text')
        .addColumn('enqueued', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('composed', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('sent', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('skipped_empty', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('retried', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('bounced', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('failed', 'integer', (c) => c.notNull().defaultTo(0))
        // Digests a sender stopped at the very end of (dot or no dot?): sent again (see the outbox).
        .addColumn('uncertain', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.createIndex('digest_runs_started').on('digest_runs').column('started_at').execute();

      await db.schema
        .createTable('app_secrets')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
    },
  };
}
