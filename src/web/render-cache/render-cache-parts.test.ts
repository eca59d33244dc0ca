// The render cache's parts: the revision read that a request may share, content negotiation, and
// the byte-bounded store.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BodyCache, type CachedBody, chooseCoding } from './body-cache.js';
import { RevisionWatch } from './revision-watch.js';

function deferred() {
  let resolve: (value: number) => void = () => {};
  const promise = new Promise<number>((r) => (resolve = r));
  return { promise, resolve };
}

describe('RevisionWatch', () => {
  it('shares a read among callers that arrived before it began, and starts a new one for later callers', async () => {
    const reads: ReturnType<typeof deferred>[] = [];
    const watch = new RevisionWatch(() => {
      const read = deferred();
      reads.push(read);
      return read.promise;
    });
    const first = watch.current();
    const second = watch.current();
    const third = watch.current();
    assert.equal(reads.length, 1, 'one read in flight');
    reads[0]?.resolve(5);
    assert.equal(await first, 5);
    // The later callers may have arrived after the first read began: they wait for a second read.
    await new Promise((r) => setImmediate(r));
    assert.equal(reads.length, 2);
    reads[1]?.resolve(7);
    assert.equal(await second, 7);
    assert.equal(await third, 7);
  });

  it('passes a failed read to its callers and reads again next time', async () => {
    let calls = 0;
    const watch = new RevisionWatch(async () => {
      calls++;
      if (calls === 1) throw new Error('database down');
      return 3;
    });
    await assert.rejects(watch.current(), /database down/);
    assert.equal(await watch.current(), 3);
  });
});

describe('chooseCoding', () => {
  it('prefers brotli, then gzip, honouring q=0 and *', () => {
    assert.equal(chooseCoding(undefined), 'identity');
    assert.equal(chooseCoding('gzip, deflate, br'), 'br');
    assert.equal(chooseCoding('gzip, deflate'), 'gzip');
    assert.equal(chooseCoding('br;q=0, gzip;q=0.5'), 'gzip');
    assert.equal(chooseCoding('*'), 'br');
    assert.equal(chooseCoding('*;q=0'), 'identity');
    assert.equal(chooseCoding('identity'), 'identity');
    assert.equal(chooseCoding(',,;q=x, br;q=abc'), 'identity');
  });
});

function entry(revision: number, bytes: number, storedAt = 0): CachedBody {
  const body = new Uint8Array(bytes);
  return {
    revision,
    storedAt,
    status: 200,
    headers: [],
    etag: 'W/"x"',
    bodies: { identity: body, gzip: body, br: body },
  };
}

describe('BodyCache', () => {
  it('serves an entry only at its revision and while young enough', () => {
    const cache = new BodyCache(1_000_000, 60_000);
    cache.set('/a', entry(4, 100, 1_000));
    assert.ok(cache.get('/a', 4, 2_000));
    assert.equal(cache.get('/a', 5, 2_000), undefined, 'a newer revision makes it stale');
    assert.equal(cache.get('/a', 4, 61_000), undefined, 'too old');
  });

  it('keeps its bytes under the bound, dropping the least recently used', () => {
    const cache = new BodyCache(10_000, 60_000);
    for (let i = 0; i < 5; i++) cache.set(`/p${i}`, entry(1, 3_000));
    assert.ok(cache.stats.bytes <= 10_000);
    assert.equal(cache.get('/p0', 1, 0), undefined);
    assert.ok(cache.get('/p4', 1, 0));
  });

  it('does not replace a newer rendering with an older one', () => {
    const cache = new BodyCache(1_000_000, 60_000);
    cache.set('/a', entry(9, 10));
    cache.set('/a', entry(8, 10));
    assert.ok(cache.get('/a', 9, 0));
  });
});
