import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UpstreamError } from '../../src/errors.js';
import { TtlCache } from '../../src/http/ttl-cache.js';
import type { FetchLike } from '../../src/http/upstream.js';
import { silentLogger } from '../../src/observability/logger.js';
import { noopMetrics } from '../../src/observability/metrics.js';
import { SteamClient } from '../../src/steam/client.js';

const STORE_SEARCH = readFileSync(
  path.resolve(import.meta.dirname, '../fixtures/steam/samples/storesearch_Elden_us_en.json'),
  'utf8',
);

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A Steam store that answers after `delayMs`, honouring the request's signal like fetch does. */
function slowStore(delayMs: number) {
  const signals: AbortSignal[] = [];
  const fetch: FetchLike = (_url, init) => {
    const signal = init!.signal!;
    signals.push(signal);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => resolve(new Response(STORE_SEARCH, { status: 200 })), delayMs);
      signal.addEventListener('abort', () => {
        clearTimeout(timer);
        reject(signal.reason as Error);
      });
    });
  };
  return { fetch, signals };
}

function steamClient(fetch: FetchLike, timeoutMs = 5_000) {
  return new SteamClient({
    storeUrl: 'http://127.0.0.1:9',
    apiUrl: 'http://127.0.0.1:9',
    language: 'english',
    country: 'US',
    timeoutMs,
    retries: 0,
    concurrency: 4,
    cacheTtlMs: 60_000,
    cacheMaxEntries: 100,
    circuit: { failureThreshold: 5, cooldownMs: 1_000 },
    fetch,
    logger: silentLogger,
    metrics: noopMetrics,
  });
}

describe('coalesced Steam loads', () => {
  it("one caller's cancel does not fail the others waiting on the same URL", async () => {
    const store = slowStore(150);
    const steam = steamClient(store.fetch);
    const first = new AbortController();
    const cancelled = steam.storeSearch('elden', { signal: first.signal });
    const others = Array.from({ length: 3 }, () => steam.storeSearch('elden', {}));
    await wait(30);
    first.abort(new Error('client went away'));
    await expect(cancelled).rejects.toThrow('client went away');
    const results = await Promise.all(others);
    expect(store.signals).toHaveLength(1); // still one request for all four callers
    expect(store.signals[0]!.aborted).toBe(false);
    for (const result of results) expect(result.value.length).toBeGreaterThan(0);
  });

  it('a cancelled first caller still leaves the answer cached for the next one', async () => {
    const store = slowStore(60);
    const steam = steamClient(store.fetch);
    const first = new AbortController();
    const cancelled = steam.storeSearch('elden', { signal: first.signal });
    first.abort(new Error('deadline'));
    await expect(cancelled).rejects.toThrow('deadline');
    await wait(120);
    const later = await steam.storeSearch('elden', {});
    expect(later.value.length).toBeGreaterThan(0);
    expect(store.signals).toHaveLength(1);
  });

  it('a waiter already cancelled does not start or join a load', async () => {
    const store = slowStore(10);
    const steam = steamClient(store.fetch);
    const gone = AbortSignal.abort(new Error('gone'));
    await expect(steam.storeSearch('elden', { signal: gone })).rejects.toThrow('gone');
    expect(store.signals).toHaveLength(0);
  });
});

describe('TtlCache shared loads', () => {
  it('the shared load has its own timeout, and the key is free again afterwards', async () => {
    const cache = new TtlCache({ maxEntries: 10, ttlMs: 1_000 });
    const hang = (signal: AbortSignal) =>
      new Promise<string>((_resolve, reject) =>
        signal.addEventListener('abort', () => reject(signal.reason)),
      );
    const started = Date.now();
    await expect(cache.getOrLoad('k', 'key', hang, { timeoutMs: 50 })).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect((await cache.getOrLoad('k', 'key', async () => 'fresh')).value).toBe('fresh');
  });

  it("the loader's signal is not the first caller's", async () => {
    const cache = new TtlCache({ maxEntries: 10, ttlMs: 1_000 });
    let loaderSignal: AbortSignal | undefined;
    const caller = new AbortController();
    const load = async (signal: AbortSignal) => {
      loaderSignal = signal;
      await wait(40);
      return 'v';
    };
    const first = cache.getOrLoad('k', 'key', load, { signal: caller.signal });
    const second = cache.getOrLoad('k', 'key', load);
    caller.abort(new Error('cancel'));
    await expect(first).rejects.toThrow('cancel');
    expect(loaderSignal!.aborted).toBe(false);
    expect((await second).value).toBe('v');
  });

  it('a Steam load past every attempt reads as a Steam timeout', async () => {
    const steam = steamClient(slowStore(10_000).fetch, 50);
    const error = await steam.storeSearch('elden', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as UpstreamError).code).toBe('STEAM_TIMEOUT');
  });
});
