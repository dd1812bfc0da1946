import type { Metrics } from '../observability/metrics.js';
import { noopMetrics } from '../observability/metrics.js';
import type { Cache, CacheResult, LoadOptions } from '../cache.js';
import { raceAbort } from '../deadline.js';
import type { SharedCache } from './shared-cache.js';

interface Entry<T> {
  value: T;
  expiresAt: number;
}

export interface TtlCacheOptions {
  maxEntries: number;
  ttlMs: number;
  /** Expired entries are kept this much longer to be served when a reload fails. */
  staleTtlMs?: number;
  now?: () => number;
  metrics?: Metrics;
  /** A tier shared by instances (Redis) behind this one: misses read it, loads fill it. */
  shared?: SharedCache;
}

/**
 * A size-bounded TTL cache (least recently used evicted first) that also coalesces
 * concurrent loads of one key and serves a stale value when a reload fails.
 */
export class TtlCache implements Cache {
  private readonly entries = new Map<string, Entry<unknown>>();
  private readonly inflight = new Map<string, Promise<CacheResult<unknown>>>();
  private readonly now: () => number;
  private readonly metrics: Metrics;

  constructor(private readonly options: TtlCacheOptions) {
    this.now = options.now ?? Date.now;
    this.metrics = options.metrics ?? noopMetrics;
  }

  get size(): number {
    return this.entries.size;
  }

  peek<T>(key: string): T | undefined {
    const entry = this.entries.get(key);
    return entry && entry.expiresAt > this.now() ? (entry.value as T) : undefined;
  }

  set<T>(key: string, value: T, ttlMs = this.options.ttlMs): void {
    if (ttlMs <= 0) return;
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: this.now() + ttlMs });
    this.evict();
  }

  /** peek() for many keys; those not here are looked up in the shared tier (and kept here). */
  async peekMany<T>(kind: string, keys: readonly string[]): Promise<Map<string, T>> {
    const found = new Map<string, T>();
    const absent: string[] = [];
    for (const key of keys) {
      const value = this.peek<T>(key);
      if (value === undefined) absent.push(key);
      else found.set(key, value);
    }
    const tier = this.options.shared;
    if (!tier || absent.length === 0) return found;
    for (const [key, { value, freshMs }] of await tier.getMany(absent)) {
      this.metrics.cacheLookup(kind, 'shared');
      this.set(key, value, Math.min(this.options.ttlMs, freshMs));
      found.set(key, value as T);
    }
    return found;
  }

  /** set() for many keys, here and in the shared tier (where other instances read them). */
  setMany<T>(entries: ReadonlyArray<readonly [string, T]>, ttlMs = this.options.ttlMs): void {
    for (const [key, value] of entries) this.set(key, value, ttlMs);
    const tier = this.options.shared;
    if (tier && ttlMs > 0 && entries.length > 0)
      void tier.setMany(entries, { ttlMs, staleMs: this.options.staleTtlMs ?? 0 });
  }

  /**
   * Returns the cached value for `key`, or loads it once however many callers ask at the
   * same time. `kind` labels metrics. A loader error falls back to an expired value if any.
   * The load runs on its own signal (its own timeout), not the first caller's: one caller's
   * cancel or deadline only stops that caller waiting, and the others still get the value.
   */
  async getOrLoad<T>(
    kind: string,
    key: string,
    load: (signal: AbortSignal) => Promise<T>,
    { ttlMs = this.options.ttlMs, signal, timeoutMs }: LoadOptions = {},
  ): Promise<CacheResult<T>> {
    signal?.throwIfAborted();
    const entry = this.entries.get(key) as Entry<T> | undefined;
    const now = this.now();
    if (entry && entry.expiresAt > now) {
      this.entries.delete(key);
      this.entries.set(key, entry);
      this.metrics.cacheLookup(kind, 'hit');
      return { value: entry.value, stale: false };
    }
    const pending = this.inflight.get(key) as Promise<CacheResult<T>> | undefined;
    if (pending) {
      this.metrics.cacheLookup(kind, 'coalesced');
      return this.settle(kind, pending, signal, entry);
    }
    this.metrics.cacheLookup(kind, 'miss');
    const shared = timeoutMs === undefined ? new AbortController().signal : AbortSignal.timeout(timeoutMs);
    // The loader must honour `shared` (Upstream does: fetch, queue and backoff all listen to it).
    const loading = this.loadThrough(kind, key, () => load(shared), ttlMs, shared);
    this.inflight.set(key, loading);
    const clear = () => this.inflight.delete(key);
    loading.then(clear, clear);
    return this.settle(kind, loading, signal, entry);
  }

  /** The load, through the shared tier when there is one; a fresh answer is kept here too. */
  private async loadThrough<T>(
    kind: string,
    key: string,
    load: () => Promise<T>,
    ttlMs: number,
    signal: AbortSignal,
  ): Promise<CacheResult<T>> {
    const tier = this.options.shared;
    if (!tier || ttlMs <= 0) {
      const value = await load();
      this.set(key, value, ttlMs);
      return { value, stale: false };
    }
    const staleMs = this.options.staleTtlMs ?? 0;
    const { value, source, freshMs } = await tier.load(key, load, { ttlMs, staleMs, signal });
    if (source === 'stale') {
      this.metrics.cacheLookup(kind, 'stale');
      return { value, stale: true };
    }
    if (source === 'shared') this.metrics.cacheLookup(kind, 'shared');
    // Another instance's answer is fresh only as long as it is there.
    this.set(key, value, Math.min(ttlMs, freshMs));
    return { value, stale: false };
  }

  private async settle<T>(
    kind: string,
    loading: Promise<CacheResult<T>>,
    signal: AbortSignal | undefined,
    previous?: Entry<T>,
  ): Promise<CacheResult<T>> {
    try {
      return await (signal ? raceAbort(loading, signal) : loading);
    } catch (error) {
      if (signal?.aborted) throw error; // this caller gave up: no fallback owed
      const staleUntil = previous ? previous.expiresAt + (this.options.staleTtlMs ?? 0) : 0;
      if (previous && staleUntil > this.now()) {
        this.metrics.cacheLookup(kind, 'stale');
        return { value: previous.value, stale: true };
      }
      throw error;
    }
  }

  private evict(): void {
    const now = this.now();
    const graceMs = this.options.staleTtlMs ?? 0;
    while (this.entries.size > this.options.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
    // Opportunistically drop one long-dead entry per write so dead keys don't linger.
    const first = this.entries.entries().next();
    if (!first.done && first.value[1].expiresAt + graceMs < now) this.entries.delete(first.value[0]);
  }
}
