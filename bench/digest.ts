// `npm run bench:digest`: composes and sends personalised digests (default 100,000) to an SMTP
// server in another process, through the real path (enqueue → claim → compose → MIME → SMTP with the
// outbox commit before each dot → sent), and prints messages/s, peak memory and the heap over the
// run. Baseline in the same run: the same number of prebuilt messages through the same SMTP pool,
// with no database and no composing — what the transport alone can do here.
//
// Data: the real 14k cs listing papers, placed on the board on the first day the listing crawl saw
// them (their `_listing_dates`), with synthetic upvotes so "trending" has something to rank.
// Subscribers: synthetic, seeded — categories, saved searches, followed authors and exclusions
// drawn from the same data. With --recs-share S, each dialect runs twice, the second time with that
// share of subscribers linked to accounts with saved papers and a model (bench/recs-readers.ts), so their
// digests compose "Recommended for you" through the real path.
// Options: --subscribers N --connections N --dialects sqlite,postgres --recs-share 0.3.

import { type ChildProcess, fork } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config/config.js';
import type { DatabaseHandle } from '../src/db/connection.js';
import type { Dialect } from '../src/db/dialect.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { digestPolicy, runDigests } from '../src/digest/digest-run.js';
import { silentLogger } from '../src/lib/logger.js';
import { SmtpPool } from '../src/mail/smtp-pool.js';
import { nextSendAfter } from '../src/model/digest-schedule.js';
import type { PaperRecord } from '../src/model/paper.js';
import { upsertPapers } from '../src/store/paper-writes.js';
import { embedStoreWithLsa } from './eval/lsa-store.js';
import { defaultPostgresUrl, freshDatabase } from './fresh-database.js';
import { boardRecords, busiestDay } from './listing-board.js';
import { createBenchReaders, modelBenchReaders } from './recs-readers.js';
import { seededRandom } from './synthetic-kaggle.js';

const { values } = parseArgs({
  options: {
    subscribers: { type: 'string', default: '100000' },
    connections: { type: 'string', default: '8' },
    dialects: { type: 'string', default: 'sqlite' },
    // That share of subscribers is linked to an account with saved papers and a trained model, so their
    // digests get a "Recommended for you" section; > 0 runs each dialect twice, without and with.
    'recs-share': { type: 'string', default: '0' },
    'postgres-url': { type: 'string', default: defaultPostgresUrl },
  },
});
const subscriberCount = Number(values.subscribers);
const connections = Number(values.connections);

const QUERIES = [
  'diffusion',
  'large language model',
  'reinforcement learning',
  '"retrieval augmented"',
  'agent',
  'segmentation',
  'quantization',
  'benchmark has:code',
  'ti:survey',
  'video generation',
  'multimodal reasoning',
  'gaussian splatting',
  'robot manipulation',
  'hallucination',
  'speech',
  'graph neural network',
];
const CATEGORIES = ['cs.CV', 'cs.CL', 'cs.AI', 'cs.LG', 'cs.IR', 'cs.RO', 'cs.GR', 'cs.CE', 'cs.*'];
const EXCLUDES = ['survey', 'medical', 'benchmark', 'protein', 'autonomous driving'];
const ZONES = [
  'UTC',
  'Europe/Berlin',
  'America/New_York',
  'Asia/Tokyo',
  'Asia/Kolkata',
  'America/Los_Angeles',
];

function frequentAuthors(records: PaperRecord[], day: string, limit: number): string[] {
  const counts = new Map<string, number>();
  for (const r of records) {
    if (r.board?.date !== day) continue;
    for (const a of r.authors) counts.set(a.name, (counts.get(a.name) ?? 0) + 1);
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([name]) => name);
}

async function insertSubscribers(database: DatabaseHandle, authors: string[]): Promise<void> {
  const random = seededRandom(23);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  const some = <T>(list: readonly T[], max: number) => [
    ...new Set(Array.from({ length: Math.floor(random() * (max + 1)) }, () => pick(list))),
  ];
  const now = new Date();
  const batch = 1000;
  for (let start = 0; start < subscriberCount; start += batch) {
    const rows = Array.from({ length: Math.min(batch, subscriberCount - start) }, (_, i) => {
      const prefs = {
        frequency: 'daily' as const,
        weeklyDay: 1,
        sendHour: Math.floor(random() * 24),
        timeZone: pick(ZONES),
      };
      const topics = {
        // Everyone follows at least one of the big categories, so every digest has something.
        categories: [...new Set([pick(CATEGORIES.slice(0, 3)), ...some(CATEGORIES, 2)])],
        queries: some(QUERIES, 2),
        authors: random() < 0.3 ? [pick(authors)] : [],
        exclude: random() < 0.3 ? [pick(EXCLUDES)] : [],
      };
      return {
        email: `reader${start + i}@bench.example.org`,
        user_id: null,
        status: 'active' as const,
        frequency: prefs.frequency,
        weekly_day: prefs.weeklyDay,
        send_hour: prefs.sendHour,
        time_zone: prefs.timeZone,
        max_papers: 5 + Math.floor(random() * 16),
        include_trending: random() < 0.7 ? 1 : 0,
        topics: JSON.stringify(topics),
        confirm_token_hash: null,
        confirm_expires_at: null,
        next_due_at: nextSendAfter(prefs, now).toISOString(),
        created_at: now.toISOString(),
        confirmed_at: now.toISOString(),
        updated_at: now.toISOString(),
      };
    });
    await database.db.insertInto('subscribers').values(rows).execute();
  }
}

interface Sink {
  url: string;
  count(): Promise<number>;
  /** CPU time the sink has used, in ms. */
  cpuMs(): Promise<number>;
  reset(): void;
  stop(): void;
}

async function startSink(): Promise<Sink> {
  const child: ChildProcess = fork(fileURLToPath(new URL('./smtp-sink-process.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
  });
  const port = await new Promise<number>((resolve) =>
    child.on('message', (m: { type: string; port?: number }) => m.type === 'port' && resolve(m.port ?? 0)),
  );
  return {
    url: `smtp://127.0.0.1:${port}`,
    count: () =>
      new Promise((resolve) => {
        const listener = (m: { type: string; count?: number }) => {
          if (m.type !== 'count') return;
          child.off('message', listener);
          resolve(m.count ?? 0);
        };
        child.on('message', listener);
        child.send({ type: 'count' });
      }),
    cpuMs: () =>
      new Promise((resolve) => {
        const listener = (m: { type: string; cpu?: NodeJS.CpuUsage }) => {
          if (m.type !== 'count') return;
          child.off('message', listener);
          resolve(((m.cpu?.user ?? 0) + (m.cpu?.system ?? 0)) / 1000);
        };
        child.on('message', listener);
        child.send({ type: 'count' });
      }),
    reset: () => child.send({ type: 'reset' }),
    stop: () => child.send({ type: 'stop' }),
  };
}

/** Peak RSS and heap, and the heap at each quarter of the run (is memory flat?). */
class MemoryWatch {
  peakRss = 0;
  peakHeap = 0;
  private readonly timer: NodeJS.Timeout;
  constructor() {
    this.timer = setInterval(() => this.sample(), 100);
  }
  sample(): number {
    const { rss, heapUsed } = process.memoryUsage();
    this.peakRss = Math.max(this.peakRss, rss);
    this.peakHeap = Math.max(this.peakHeap, heapUsed);
    return heapUsed;
  }
  stop(): void {
    clearInterval(this.timer);
  }
}

/**
 * CPU time (ms) of this bench database's PostgreSQL backends, read from /proc (the server runs on
 * this machine): the database's share of the work, which the sender's own CPU does not show.
 * Backends that end during the run are missed; the pool keeps its connections while it is busy.
 */
function postgresCpuMs(database: string): number {
  let ticks = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(` ${database} `)) continue;
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process ended between listing and reading.
    }
  }
  return ticks * 10; // USER_HZ is 100 on Linux
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function transportBaseline(sink: Sink, raw: Buffer): Promise<number> {
  sink.reset();
  const pool = new SmtpPool({ url: sink.url, size: connections, log: silentLogger() });
  const started = performance.now();
  const inFlight = new Set<Promise<unknown>>();
  for (let i = 0; i < subscriberCount; i++) {
    const send = pool.send({ from: 'digest@bench.example.org', to: `reader${i}@bench.example.org`, raw });
    inFlight.add(send);
    send.finally(() => inFlight.delete(send));
    if (inFlight.size >= connections * 4) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  const seconds = (performance.now() - started) / 1000;
  await pool.close();
  return subscriberCount / seconds;
}

/**
 * Links the first `share` of subscribers to accounts with signals and models (bench/recs-readers.ts),
 * over LSA vectors as serve's embeddings job would have stored them.
 */
async function addRecommendations(database: DatabaseHandle, day: string, share: number): Promise<void> {
  const started = performance.now();
  await embedStoreWithLsa(database, silentLogger());
  const readers = await createBenchReaders(database, {
    count: Math.round(share * subscriberCount),
    skipDay: day,
    emailPrefix: 'digest-reader',
  });
  const training = await modelBenchReaders(database, readers, 20);
  const subscribers = await database.db
    .selectFrom('subscribers')
    .select('id')
    .orderBy('id')
    .limit(readers.length)
    .execute();
  for (const [i, { id }] of subscribers.entries()) {
    await database.db
      .updateTable('subscribers')
      .set({ user_id: readers[i] as number })
      .where('id', '=', id)
      .execute();
  }
  console.log(
    `  ${readers.length.toLocaleString()} subscribers with an account, saved papers and a model (set up in ${((performance.now() - started) / 1000).toFixed(0)} s; ${training.length} models trained, the rest copies)`,
  );
}

async function benchDialect(dialect: Dialect, records: PaperRecord[], sink: Sink, recsShare: number) {
  const database = await freshDatabase(dialect, 'pb_bench_digest', values['postgres-url'], connections + 2);
  await migrateToLatest(database.db, database.dialect);
  for (let i = 0; i < records.length; i += 2000) {
    await upsertPapers(database, records.slice(i, i + 2000));
  }
  const day = busiestDay(records);
  await insertSubscribers(database, frequentAuthors(records, day, 200));
  if (recsShare > 0) await addRecommendations(database, day, recsShare);
  const config = loadConfig(
    {},
    { baseUrl: 'http://bench.example.org', mailFrom: 'Bench <digest@bench.example.org>' },
  );
  sink.reset();
  global.gc?.();
  const memory = new MemoryWatch();
  const heapAt: string[] = [];
  const pool = new SmtpPool({ url: sink.url, size: connections, log: silentLogger() });
  const sinkCpuBefore = await sink.cpuMs();
  const databaseCpuBefore = dialect === 'postgres' ? postgresCpuMs('pb_bench_digest') : 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  let enqueuedAt = 0;
  const result = await runDigests(
    {
      database,
      log: silentLogger(),
      now: () => new Date(),
      identity: {
        siteName: 'Paperboard',
        baseUrl: config.baseUrl,
        mailFrom: config.mailFrom,
        unsubscribeMailto: '',
      },
      policy: digestPolicy(config),
    },
    { mode: 'period', selection: { frequency: 'daily' }, day },
    {
      pool,
      onStart: () => {
        enqueuedAt = performance.now();
      },
      onProgress: (counts) => {
        const done = counts.sent + counts.skippedEmpty;
        const quarter = Math.floor((done / subscriberCount) * 4);
        // Live heap (after a full collection), so the figure shows what is kept, not garbage.
        if (quarter > heapAt.length && heapAt.length < 4) global.gc?.();
        if (quarter > heapAt.length && heapAt.length < 4)
          heapAt.push(`${Math.round((done / subscriberCount) * 100)}%: ${mb(memory.sample())}`);
      },
    },
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const sinkCpu = (await sink.cpuMs()) - sinkCpuBefore;
  const databaseCpu = dialect === 'postgres' ? postgresCpuMs('pb_bench_digest') - databaseCpuBefore : 0;
  memory.stop();
  await pool.close();
  const received = await sink.count();
  console.log(
    `\n[${dialect}] ${subscriberCount.toLocaleString()} subscribers, board day ${day}, ${connections} SMTP connections, recommendations for ${Math.round(recsShare * 100)}%`,
  );
  console.log(
    `  sent ${result.sent.toLocaleString()} (skipped ${result.skippedEmpty} with nothing new), server accepted ${received.toLocaleString()}`,
  );
  console.log(
    `  ${seconds.toFixed(1)} s in all (enqueue ${((enqueuedAt - started) / 1000).toFixed(1)} s): ${Math.round(result.sent / seconds).toLocaleString()} messages/s`,
  );
  const senderCpu = (cpu.user + cpu.system) / 1000;
  console.log(
    `  CPU: sender ${Math.round(senderCpu / 10 / seconds)}% of a core, SMTP server ${Math.round(sinkCpu / 10 / seconds)}%${dialect === 'postgres' ? `, PostgreSQL backends ${Math.round(databaseCpu / 10 / seconds)}%` : ''}`,
  );
  // Work per digest, which a busy machine slows but does not inflate: on two idle cores the run
  // cannot take less than the sum divided by two.
  const perDigest = (ms: number) => ((ms / Math.max(result.sent, 1)) * 1000).toFixed(0);
  console.log(
    `  CPU per digest: sender ${perDigest(senderCpu)} µs, SMTP server ${perDigest(sinkCpu)} µs${dialect === 'postgres' ? `, PostgreSQL ${perDigest(databaseCpu)} µs` : ''}; all of it on 2 idle cores: ≥ ${((senderCpu + sinkCpu + databaseCpu) / 2000).toFixed(1)} s`,
  );
  console.log(
    `  peak RSS ${mb(memory.peakRss)}, peak heap ${mb(memory.peakHeap)}; heap along the run: ${heapAt.join(', ')}`,
  );
  await database.close();
  return { rate: result.sent / seconds, seconds };
}

async function main() {
  const records = boardRecords();
  console.log(`board: ${records.length.toLocaleString()} real cs listing papers on their crawl days`);
  const sink = await startSink();
  try {
    const raw = Buffer.from(
      `From: Bench <digest@bench.example.org>\r\nTo: x@bench.example.org\r\nSubject: baseline\r\nContent-Type: text/plain\r\n\r\n${'A line of a typical digest body, about eighty characters long, repeated.\r\n'.repeat(250)}`,
    );
    const baseline = await transportBaseline(sink, raw);
    console.log(
      `baseline: ${subscriberCount.toLocaleString()} prebuilt 18 kB messages through the same SMTP pool: ${Math.round(baseline).toLocaleString()} messages/s`,
    );
    const share = Number(values['recs-share']);
    const shares = share > 0 ? [0, share] : [0];
    for (const dialect of values.dialects.split(',') as Dialect[]) {
      for (const recsShare of shares) {
        const { rate, seconds } = await benchDialect(dialect, records, sink, recsShare);
        console.log(
          `  ${(rate / baseline).toFixed(2)}× the transport alone; target ≤ 60 s for 100k: ${seconds <= (60 * subscriberCount) / 100_000 ? 'met' : 'NOT met'}`,
        );
      }
    }
  } finally {
    sink.stop();
  }
}

await main();
