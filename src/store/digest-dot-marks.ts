// The mark step around each digest's SMTP dot (see digest-outbox.ts for the states): `committing`,
// durable before the dot is written, and `sent` right after it — on SQLite one synchronous step per
// digest, on PostgreSQL by group commit across the sending lanes. Called by the send step.

import type SQLite from 'better-sqlite3';
import type { DatabaseHandle } from '../db/connection.js';

export interface DigestCommit {
  id: number;
  claimToken: string;
  messageId: string;
  paperIds: number[];
  now: Date;
  leaseMs: number;
}

/** One digest at its dot: what the `committing` mark records. */
export interface DotDigest {
  id: number;
  messageId: string;
  paperIds: number[];
}

const statements = new WeakMap<SQLite.Database, { commit: SQLite.Statement; sent: SQLite.Statement }>();

const COMMIT_SQL = `update digest_outbox
  set state = 'committing', message_id = $1, paper_ids = $2, lease_until = $3, updated_at = $4
  where id = $5 and claim_token = $6 and state = 'claimed'`;
const SENT_SQL = `update digest_outbox set state = 'sent', sent_at = $1, updated_at = $1
  where id = $2 and claim_token = $3 and state = 'committing'`;

/**
 * PostgreSQL's marks for a whole group in one statement and one transaction: `sent` for the digests
 * whose dot went out since the last group, `committing` for those waiting at their dot (only rows
 * still claimed under this token; the ids it returns are the ones whose dot may go).
 * synchronous_commit off for this transaction only (set_config(…, true) lasts until its commit): the
 * marks must survive the *sender* dying, which they do once PostgreSQL has them (like SQLite's
 * synchronous=NORMAL in WAL mode); waiting for the WAL flush of every group halves the rate. Only a
 * database server crash could lose the last marks, and those digests would be sent again.
 */
const GROUP_MARK_SQL = `with async_commit as (select set_config('synchronous_commit', 'off', true)),
  sent as (
    update digest_outbox as o set state = 'sent', sent_at = $1, updated_at = $1
    from unnest($2::bigint[]) as s(id)
    where o.id = s.id and o.claim_token = $3 and o.state = 'committing'
    returning o.id),
  committing as (
    update digest_outbox as o
    set state = 'committing', message_id = v.message_id, paper_ids = v.paper_ids, lease_until = $4, updated_at = $1
    from unnest($5::bigint[], $6::text[], $7::text[]) as v(id, message_id, paper_ids)
    where o.id = v.id and o.claim_token = $3 and o.state = 'claimed'
    returning o.id)
  select (select count(*) from async_commit) as settings, (select count(*) from sent) as sent,
    coalesce((select array_agg(id) from committing), '{}') as committed`;

interface AtTheDot {
  digest: DotDigest;
  resolve(isCommitted: boolean): void;
  reject(error: unknown): void;
}

interface AfterTheDot {
  id: number;
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * The two marks around each digest's SMTP dot, for one sender (its claim token): `committing`,
 * durable before the dot is written, and `sent` right after it. A crash between them leaves
 * `committing`, which requeueUncertain sends again with the same Message-ID; never a dot without
 * its `committing` mark, so nothing is lost.
 *
 * SQLite marks each digest on its own: update, dot, update in one synchronous step, no round trip.
 * PostgreSQL marks by group commit: the digests of every sending lane that reach their dot (or just
 * wrote it) while a group's statement is on its way wait for the next one, which marks them all in
 * one round trip — one transaction for ~lanes digests instead of four round trips per digest. A
 * digest's dot still follows its own committed mark, and its `sent` mark follows the dot by at most
 * two statements, as it followed it by one before: the window for a copy on a crash stays the same.
 */
export class DotMarks {
  private readonly atTheDot: AtTheDot[] = [];
  private readonly afterTheDot: AfterTheDot[] = [];
  private flushing: Promise<void> | undefined;

  constructor(
    private readonly database: DatabaseHandle,
    private readonly claim: { claimToken: string; leaseMs: number; now(): Date },
  ) {}

  /**
   * Marks the claimed digest `committing`, calls `writeDot` (which sends the message's final dot),
   * and marks it `sent`. False (and no dot) when the claim is no longer this sender's — its lease
   * lapsed and another sender took the row. A refusal the server answers after the dot undoes
   * `sent` (markRetry, markFinished). Rejects when a mark fails; `writeDot` has run if it was the
   * `sent` mark.
   */
  async markAroundDot(digest: DotDigest, writeDot: () => void): Promise<boolean> {
    if (!this.database.postgres) return this.markAroundDotSqlite(digest, writeDot);
    const isCommitted = await new Promise<boolean>((resolve, reject) => {
      this.atTheDot.push({ digest, resolve, reject });
      this.flushSoon();
    });
    if (!isCommitted) return false;
    // The dot only once the group's COMMIT is confirmed: a crash in between leaves `committing`,
    // which is sent again (never lost); one after the dot and before `sent` is the one gap for a copy.
    writeDot();
    await new Promise<void>((resolve, reject) => {
      this.afterTheDot.push({ id: digest.id, resolve, reject });
      this.flushSoon();
    });
    return true;
  }

  /** Starts a group's statement unless one is on its way (that one starts the next when it ends). */
  private flushSoon(): void {
    if (this.flushing) return;
    // From a microtask: every lane that reaches its dot in this turn of the event loop joins.
    this.flushing = Promise.resolve().then(async () => {
      while (this.atTheDot.length > 0 || this.afterTheDot.length > 0) {
        const committing = this.atTheDot.splice(0);
        const sent = this.afterTheDot.splice(0);
        try {
          const committed = await this.markGroup(
            committing.map((w) => w.digest),
            sent.map((w) => w.id),
          );
          for (const w of committing) w.resolve(committed.has(w.digest.id));
          for (const w of sent) w.resolve();
        } catch (error) {
          for (const w of [...committing, ...sent]) w.reject(error);
        }
      }
      this.flushing = undefined;
    });
  }

  private async markGroup(committing: DotDigest[], sentIds: number[]): Promise<Set<number>> {
    const pool = this.database.postgres;
    if (!pool) throw new Error('group marks need PostgreSQL');
    const now = this.claim.now();
    // Named, so each connection plans it once (planning cost as much as running it).
    const result = await pool.query<{ committed: Array<string | number> }>({
      name: 'digest-group-marks',
      text: GROUP_MARK_SQL,
      values: [
        now.toISOString(),
        sentIds,
        this.claim.claimToken,
        new Date(now.getTime() + this.claim.leaseMs).toISOString(),
        committing.map((d) => d.id),
        committing.map((d) => d.messageId),
        committing.map((d) => JSON.stringify(d.paperIds)),
      ],
    });
    return new Set((result.rows[0]?.committed ?? []).map(Number));
  }

  private async markAroundDotSqlite(digest: DotDigest, writeDot: () => void): Promise<boolean> {
    const sqlite = this.database.sqlite;
    if (!sqlite) throw new Error('database handle has neither a SQLite connection nor a PostgreSQL pool');
    let prepared = statements.get(sqlite);
    if (!prepared) {
      prepared = {
        commit: sqlite.prepare(COMMIT_SQL.replace(/\$\d/g, '?')),
        sent: sqlite.prepare(SENT_SQL.replace(/\$2/g, '?').replace(/\$3/g, '?').replace(/\$1/g, '@at')),
      };
      statements.set(sqlite, prepared);
    }
    const { commit, sent } = prepared;
    const now = this.claim.now();
    const at = now.toISOString();
    const params = [
      digest.messageId,
      JSON.stringify(digest.paperIds),
      new Date(now.getTime() + this.claim.leaseMs).toISOString(),
      at,
      digest.id,
      this.claim.claimToken,
    ];
    const markAround = () => {
      if (commit.run(...params).changes !== 1) return false;
      writeDot();
      sent.run({ at }, digest.id, this.claim.claimToken);
      return true;
    };
    // The three steps are synchronous, so nothing else in this process can run between them; but
    // another transaction already open on the connection would hold (or roll back) the marks after
    // the dot went out, so then wait for the connection like any query.
    if (!sqlite.inTransaction) return markAround();
    return this.database.db.connection().execute(async () => markAround());
  }
}

/** One digest's marks around its dot, on its own (tests, and a sender with one digest). */
export function commitDigest(
  database: DatabaseHandle,
  digest: DigestCommit,
  writeDot: () => void,
): Promise<boolean> {
  const marks = new DotMarks(database, {
    claimToken: digest.claimToken,
    leaseMs: digest.leaseMs,
    now: () => digest.now,
  });
  return marks.markAroundDot(digest, writeDot);
}
