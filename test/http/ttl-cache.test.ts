import { describe, expect, it } from 'vitest';
import { TtlCache } from '../../src/http/ttl-cache.js';

function clock(start = 0) {
  const c = { t: start, now: () => c.t };
  return c;
}

describe('TtlCache', () => {
  it('coalesces ten concurrent loads of one key into one', async () => {
    const cache = new TtlCache({ maxEntries: 10, ttlMs: 1000 });
    let loads = 0;
    const load = async () => {
      loads++;
      await new Promise((r) => setTimeout(r, 10));
      return 'v';
    };
    const results = await Promise.all(Array.from({ length: 10 }, () => cache.getOrLoad('k', 'key', load)));
    expect(loads).toBe(1);
    expect(results.every((r) => r.value === 'v' && !r.stale)).toBe(true);
  });

  it('serves from cache until the TTL passes, then reloads', async () => {
    const c = clock();
    const cache = new TtlCache({ maxEntries: 10, ttlMs: 100, now: c.now });
    let n = 0;
    const load = async () => ++n;
    expect((await cache.getOrLoad('k', 'a', load)).value).toBe(1);
    c.t = 99;
    expect((await cache.getOrLoad('k', 'a', load)).value).toBe(1);
    c.t = 101;
    expect((await cache.getOrLoad('k', 'a', load)).value).toBe(2);
  });

  it('serves the stale value when a reload fails, and says so', async () => {
    const c = clock();
    const cache = new TtlCache({ maxEntries: 10, ttlMs: 100, staleTtlMs: 1000, now: c.now });
    await cache.getOrLoad('k', 'a', async () => 'old');
    c.t = 500;
    const result = await cache.getOrLoad('k', 'a', async () => {
      throw new Error('down');
    });
    expect(result).toEqual({ value: 'old', stale: true });
    c.t = 2000;
    await expect(
      cache.getOrLoad('k', 'a', async () => {
        throw new Error('down');
      }),
    ).rejects.toThrow('down');
  });

  it('does not cache failures', async () => {
    const cache = new TtlCache({ maxEntries: 10, ttlMs: 100 });
    await expect(cache.getOrLoad('k', 'a', () => Promise.reject(new Error('x')))).rejects.toThrow('x');
    expect((await cache.getOrLoad('k', 'a', async () => 'ok')).value).toBe('ok');
  });

  it('stays within its size bound, evicting the least recently used', async () => {
    const cache = new TtlCache({ maxEntries: 3, ttlMs: 10_000 });
    for (const k of ['a', 'b', 'c']) await cache.getOrLoad('k', k, async () => k);
    await cache.getOrLoad('k', 'a', async () => 'reloaded'); // touch a
    await cache.getOrLoad('k', 'd', async () => 'd');
    expect(cache.size).toBe(3);
    expect(cache.peek('b')).toBeUndefined();
    expect(cache.peek('a')).toBe('a');
  });
});
