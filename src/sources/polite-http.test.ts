import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  droppedConnection,
  type ReplayResponse,
  type ReplayServer,
  slowResponse,
  startReplayServer,
  tooManyRequests,
  unavailable,
} from '../../test/helpers/replay-server.js';
import { AppError } from '../lib/errors.js';
import {
  HttpUnavailableError,
  PoliteHttpClient,
  type PoliteHttpEvent,
  type PoliteHttpOptions,
  parseRetryAfter,
} from './polite-http.js';

const ok = (body = 'ok'): ReplayResponse => ({ status: 200, body });

/** A clock that only moves when the client sleeps: waits are recorded exactly, tests run instantly. */
function fakeClock(start = 0) {
  const clock = { t: start, waits: [] as number[] };
  const options = {
    now: () => clock.t,
    sleep: async (ms: number) => {
      clock.waits.push(ms);
      clock.t += ms;
    },
  };
  return { clock, options };
}

function makeClient(overrides: Partial<PoliteHttpOptions> = {}) {
  const events: PoliteHttpEvent[] = [];
  const { clock, options } = fakeClock();
  const client = new PoliteHttpClient({
    minIntervalMs: 0,
    maxAttempts: 4,
    timeoutMs: 5000,
    userAgent: 'paperboard-test/1.0 (mailto:test@example.org)',
    backoffBaseMs: 1000,
    random: () => 0.5,
    onEvent: (event) => events.push(event),
    ...options,
    ...overrides,
  });
  return { client, clock, events };
}

async function withServer(script: ReplayResponse[], run: (server: ReplayServer) => Promise<void>) {
  const server = await startReplayServer(script);
  try {
    await run(server);
  } finally {
    await server.close();
  }
}

describe('PoliteHttpClient spacing', () => {
  let server: ReplayServer;
  before(async () => {
    server = await startReplayServer((request) => slowResponse(20, ok(`body of ${request.url}`)));
  });
  after(() => server.close());

  it('serialises concurrent calls and spaces request starts by minIntervalMs (real clock)', async () => {
    const interval = 150;
    // Arrival times carry event-loop and scheduling jitter (tens of ms on a busy CI box) that the
    // client cannot control; unthrottled, these 20 ms responses would arrive ~25 ms apart.
    const slack = 50;
    const client = new PoliteHttpClient({
      minIntervalMs: interval,
      maxAttempts: 1,
      timeoutMs: 2000,
      userAgent: 'ua',
    });
    // The process's first fetch pays for loading undici and connecting, which delays its arrival
    // (not its start); warm up so that cost does not shrink the first measured gap.
    await client.getText(`${server.origin}/warm-up`);
    const urls = ['/a', '/b', '/c'].map((path) => server.origin + path);
    const responses = await Promise.all(urls.map((url) => client.getText(url)));

    assert.deepEqual(
      responses.map((r) => r.body),
      ['body of /a', 'body of /b', 'body of /c'],
    );
    const measured = server.requests.slice(-3);
    assert.deepEqual(
      measured.map((r) => r.url),
      ['/a', '/b', '/c'],
    );
    assert.equal(server.maxInFlight, 1);
    for (let i = 1; i < measured.length; i++) {
      const previous = measured[i - 1];
      const current = measured[i];
      assert.ok(previous && current);
      const gap = current.receivedAt - previous.receivedAt;
      assert.ok(gap >= interval - slack, `gap ${gap.toFixed(1)} ms should be about ${interval} ms or more`);
      assert.ok(current.receivedAt >= (previous.finishedAt ?? Number.POSITIVE_INFINITY), 'requests overlap');
    }
  });

  it('sends the configured User-Agent', async () => {
    const client = new PoliteHttpClient({
      minIntervalMs: 0,
      maxAttempts: 1,
      timeoutMs: 2000,
      userAgent: 'paperboard/0.1 (https://example.org)',
    });
    await client.getText(`${server.origin}/ua`);
    assert.equal(server.requests.at(-1)?.headers['user-agent'], 'paperboard/0.1 (https://example.org)');
  });
});

describe('PoliteHttpClient waits and retries (injected clock)', () => {
  it('waits exactly minIntervalMs between sequential requests', async () => {
    await withServer([ok('1'), ok('2')], async (server) => {
      const { client, clock, events } = makeClient({ minIntervalMs: 3000 });
      await client.getText(`${server.origin}/1`);
      const second = await client.getText(`${server.origin}/2`);
      assert.equal(second.body, '2');
      assert.deepEqual(clock.waits, [3000]);
      assert.deepEqual(
        events.filter((e) => e.type === 'wait'),
        [{ type: 'wait', url: `${server.origin}/2`, waitMs: 3000 }],
      );
    });
  });

  it('honours Retry-After in seconds on 503', async () => {
    await withServer([unavailable('7'), ok('fine')], async (server) => {
      const { client, clock, events } = makeClient({ minIntervalMs: 3000 });
      const response = await client.getText(`${server.origin}/q`);
      assert.deepEqual(response, { status: 200, body: 'fine', url: `${server.origin}/q` });
      assert.deepEqual(clock.waits, [7000]);
      const retry = events.find((e) => e.type === 'retry');
      assert.deepEqual(retry, {
        type: 'retry',
        url: `${server.origin}/q`,
        attempt: 1,
        maxAttempts: 4,
        reason: 'status',
        status: 503,
        detail: 'HTTP 503',
        waitMs: 7000,
        isRetryAfter: true,
      });
      assert.equal(server.requests.length, 2);
    });
  });

  it('honours Retry-After as an HTTP-date on 429', async () => {
    await withServer([tooManyRequests('Sun, 12 Apr 2026 22:00:30 GMT'), ok()], async (server) => {
      const { client, clock } = makeClient();
      clock.t = Date.parse('2026-04-12T22:00:00Z');
      await client.getText(`${server.origin}/q`);
      assert.deepEqual(clock.waits, [30_000]);
    });
  });

  it('caps a huge Retry-After at maxRetryAfterMs', async () => {
    await withServer([unavailable('86400'), ok()], async (server) => {
      const { client, clock } = makeClient();
      await client.getText(`${server.origin}/q`);
      assert.deepEqual(clock.waits, [300_000]);
    });
  });

  it('backs off exponentially with jitter on 5xx without Retry-After', async () => {
    const script = [{ status: 500 }, { status: 502 }, unavailable(), ok('at last')];
    await withServer(script, async (server) => {
      const { client, clock, events } = makeClient();
      const response = await client.getText(`${server.origin}/q`);
      assert.equal(response.body, 'at last');
      // base 1000 ms doubling, plus random()=0.5 → 25% jitter
      assert.deepEqual(clock.waits, [1250, 2500, 5000]);
      const retries = events.flatMap((e) => (e.type === 'retry' ? [[e.status, e.isRetryAfter]] : []));
      assert.deepEqual(retries, [
        [500, false],
        [502, false],
        [503, false],
      ]);
    });
  });

  it('retries after a connection dropped mid-body or before the headers', async () => {
    const script = [droppedConnection('mid-body'), droppedConnection('before-headers'), ok('whole')];
    await withServer(script, async (server) => {
      const { client, events } = makeClient();
      const response = await client.getText(`${server.origin}/q`);
      assert.equal(response.body, 'whole');
      assert.equal(server.requests.length, 3);
      const reasons = events.flatMap((e) => (e.type === 'retry' ? [e.reason] : []));
      assert.deepEqual(reasons, ['network', 'network']);
    });
  });

  it('times out a slow response and retries', async () => {
    await withServer([slowResponse(2000), ok('quick')], async (server) => {
      const { client, events } = makeClient({ timeoutMs: 100 });
      const response = await client.getText(`${server.origin}/q`);
      assert.equal(response.body, 'quick');
      const retry = events.find((e) => e.type === 'retry');
      assert.equal(retry?.type === 'retry' && retry.detail, 'timed out after 100 ms');
    });
  });

  it('gives up after maxAttempts with the URL, status and attempt count', async () => {
    await withServer([unavailable('1'), unavailable('1'), unavailable('1'), ok()], async (server) => {
      const { client } = makeClient({ maxAttempts: 3 });
      const url = `${server.origin}/api/query?id_list=1605.08386`;
      await assert.rejects(client.getText(url), (error: unknown) => {
        assert.ok(error instanceof HttpUnavailableError);
        assert.ok(error instanceof AppError, 'maps like any other outage');
        assert.equal(error.code, 'unavailable');
        assert.equal(error.message, `GET ${url} failed after 3 attempts: HTTP 503`);
        assert.equal(error.status, 503);
        assert.equal(error.attempts, 3);
        return true;
      });
      assert.equal(server.requests.length, 3);
    });
  });

  it('names the timeout when every attempt times out', async () => {
    await withServer([slowResponse(2000), slowResponse(2000)], async (server) => {
      const { client } = makeClient({ maxAttempts: 2, timeoutMs: 50 });
      await assert.rejects(client.getText(`${server.origin}/slow`), {
        name: 'HttpUnavailableError',
        message: `GET ${server.origin}/slow failed after 2 attempts: timed out after 50 ms`,
      });
    });
  });

  it('returns 4xx other than 429 without retrying', async () => {
    const script = [{ status: 400, body: '<feed>error</feed>' }, { status: 404, body: 'nope' }, ok()];
    await withServer(script, async (server) => {
      const { client, events } = makeClient();
      assert.deepEqual(await client.getText(`${server.origin}/bad`), {
        status: 400,
        body: '<feed>error</feed>',
        url: `${server.origin}/bad`,
      });
      assert.equal((await client.getText(`${server.origin}/missing`)).status, 404);
      assert.equal(server.requests.length, 2);
      assert.equal(
        events.some((e) => e.type === 'retry'),
        false,
      );
    });
  });

  it('keeps serving the queue after a request gave up', async () => {
    await withServer([{ status: 500 }, ok('next')], async (server) => {
      const { client } = makeClient({ maxAttempts: 1 });
      const failing = client.getText(`${server.origin}/fails`);
      const next = client.getText(`${server.origin}/next`);
      await assert.rejects(failing, HttpUnavailableError);
      assert.equal((await next).body, 'next');
    });
  });

  it('rejects a malformed URL at once', () => {
    const { client } = makeClient();
    assert.throws(() => client.getText('not a url'), TypeError);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-04-12T22:00:00Z');
  it('reads delay-seconds and HTTP-dates', () => {
    assert.equal(parseRetryAfter('120', now), 120_000);
    assert.equal(parseRetryAfter(' 0 ', now), 0);
    assert.equal(parseRetryAfter('Sun, 12 Apr 2026 22:01:00 GMT', now), 60_000);
    assert.equal(parseRetryAfter('Sunday, 12-Apr-26 22:01:00 GMT', now), 60_000);
  });
  it('treats a past date as no wait and junk as absent', () => {
    assert.equal(parseRetryAfter('Sun, 12 Apr 2026 21:00:00 GMT', now), 0);
    assert.equal(parseRetryAfter('soon', now), undefined);
    assert.equal(parseRetryAfter('1.5', now), undefined);
    assert.equal(parseRetryAfter('-3', now), undefined);
    assert.equal(parseRetryAfter('', now), undefined);
    assert.equal(parseRetryAfter(null, now), undefined);
  });
});
