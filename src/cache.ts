/**
 * A bounded, expiring key → value cache as the tool layer and the services see it. They never
 * construct one: the composition root picks the implementation for each use (http/TtlCache in
 * process, possibly with a tier shared by instances behind it) and its size and lifetime.
 */
export interface Cache {
  /** The fresh value for `key`, or undefined. */
  peek<T>(key: string): T | undefined;
  /** Keeps `value` for `ttlMs` (the cache's own default when omitted; 0 keeps nothing). */
  set<T>(key: string, value: T, ttlMs?: number): void;
  /**
   * The cached value for `key`, or loads it once however many callers ask at the same time.
   * `kind` labels metrics. A load that fails may be answered with an expired value (`stale`).
   */
  getOrLoad<T>(
    kind: string,
    key: string,
    load: (signal: AbortSignal) => Promise<T>,
    options?: LoadOptions,
  ): Promise<CacheResult<T>>;
}

export interface CacheResult<T> {
  value: T;
  /** True when the loader failed and an expired value was served instead. */
  stale: boolean;
}

export interface LoadOptions {
  ttlMs?: number;
  /** This caller's cancel: it stops this caller waiting, never the load other callers share. */
  signal?: AbortSignal;
  /** The shared load's own time limit, independent of whichever caller started it. */
  timeoutMs?: number;
}
