/**
 * A cache tier shared by every instance of the server (Redis, src/redis/), behind the
 * in-process TtlCache. It coalesces a load across instances too: one instance calls the
 * upstream, the others read its answer. The tier is an optimization only: when it is down or
 * slow its methods behave as if it were empty (and the caller loads alone), never throwing
 * an error of their own.
 */
export interface SharedCache {
  load<T>(key: string, load: () => Promise<T>, options: SharedLoadOptions): Promise<SharedLoadResult<T>>;
  /** The fresh answers stored under `keys` (absent, expired and unreadable ones left out). */
  getMany(keys: readonly string[]): Promise<Map<string, SharedAnswer>>;
  /** Stores answers for other instances; a tier that cannot is skipped. */
  setMany(entries: ReadonlyArray<readonly [string, unknown]>, options: SharedStoreOptions): Promise<void>;
}

export interface SharedAnswer {
  value: unknown;
  /** How long from now it is fresh. */
  freshMs: number;
}

export interface SharedStoreOptions {
  ttlMs: number;
  staleMs: number;
}

export interface SharedLoadOptions extends SharedStoreOptions {
  /** `ttlMs`: how long the answer stays fresh; `staleMs`: how much longer an expired copy is
   * kept, to be served if a reload fails. */
  /** The load's own limit: waiting for another instance stops with it. */
  signal: AbortSignal;
}

export interface SharedLoadResult<T> {
  value: T;
  /**
   * `loaded`: this instance ran the load; `shared`: another instance's answer, read from the
   * tier; `stale`: the load failed and an expired copy from the tier is served instead.
   */
  source: 'loaded' | 'shared' | 'stale';
  /** How long from now the value is fresh (0 for stale). */
  freshMs: number;
}
