/**
 * A cache tier shared by every instance of the server (Redis, src/redis/), behind the
 * in-process TtlCache. It coalesces a load across instances too: one instance calls the
 * upstream, the others read its answer. The tier is an optimization only: when it is down or
 * slow its methods behave as if it were empty (and the caller loads alone), never throwing
 * an error of their own.
 */
export interface SharedCache {
  load<T>(key: string, load: () => Promise<T>, options: SharedLoadOptions): Promise<SharedLoadResult<T>>;
}

export interface SharedLoadOptions {
  /** How long the answer stays fresh. */
  ttlMs: number;
  /** How much longer an expired copy is kept, to be served if a reload fails. */
  staleMs: number;
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
