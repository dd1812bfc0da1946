import type { Metrics } from '../observability/metrics.js';
import { noopMetrics } from '../observability/metrics.js';

interface Entry<T> {
  value: T;
  expiresAt: number;
}

export interface CacheResult<T> {
  value: T;
  /** True when the loader failed and an expired value was served instead. */
  stale: boolean;
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
export class TtlCache {
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
   */
  async getOrLoad<T>(
    kind: string,
    key: string,
    load: () => Promise<T>,
    ttlMs = this.options.ttlMs,
  ): Promise<CacheResult<T>> {
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
      return this.settle(kind, pending, entry);
    }
    this.metrics.cacheLookup(kind, 'miss');
    const loading = load().then((value) => {
      this.set(key, value, ttlMs);
      return value;
    });
    this.inflight.set(key, loading);
    const clear = () => this.inflight.delete(key);
    loading.then(clear, clear);
    return this.settle(kind, loading, entry);
  }

  private async settle<T>(kind: string, loading: Promise<T>, previous?: Entry<T>): Promise<CacheResult<T>> {
    try {
      return { value: await loading, stale: false };
    } catch (error) {
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
