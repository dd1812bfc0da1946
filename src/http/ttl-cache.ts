import type { Metrics } from '../observability/metrics.js';
import { noopMetrics } from '../observability/metrics.js';
import type { Cache, CacheResult, LoadOptions } from '../cache.js';
import { raceAbort } from '../deadline.js';

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
}

/**
 * A size-bounded TTL cache (least recently used evicted first) that also coalesces
 * concurrent loads of one key and serves a stale value when a reload fails.
 */
export class TtlCache implements Cache {
  private readonly entries = new Map<string, Entry<unknown>>();
  private readonly inflight = new Map<string, Promise<unknown>>();
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
    const pending = this.inflight.get(key) as Promise<T> | undefined;
    if (pending) {
      this.metrics.cacheLookup(kind, 'coalesced');
      return this.settle(kind, pending, signal, entry);
    }
    this.metrics.cacheLookup(kind, 'miss');
    const shared = timeoutMs === undefined ? new AbortController().signal : AbortSignal.timeout(timeoutMs);
    // The loader must honour `shared` (Upstream does: fetch, queue and backoff all listen to it).
    const loading = load(shared).then((value) => {
      this.set(key, value, ttlMs);
      return value;
    });
    this.inflight.set(key, loading);
    const clear = () => this.inflight.delete(key);
    loading.then(clear, clear);
    return this.settle(kind, loading, signal, entry);
  }

  private async settle<T>(
    kind: string,
    loading: Promise<T>,
    signal: AbortSignal | undefined,
    previous?: Entry<T>,
  ): Promise<CacheResult<T>> {
    try {
      return { value: await (signal ? raceAbort(loading, signal) : loading), stale: false };
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
