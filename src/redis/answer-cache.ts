import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { sleep } from '../http/retry.js';
import type {
  SharedAnswer,
  SharedCache,
  SharedLoadOptions,
  SharedLoadResult,
  SharedStoreOptions,
} from '../http/shared-cache.js';
import type { Logger } from '../observability/logger.js';
import type { RedisConnection } from './connection.js';

/**
 * One round trip: a fresh answer, or the lock (this instance loads), or "wait" (another does).
 * KEYS: answer, lock. ARGV: now, lock token, lock ms, 1 to return an expired copy too.
 * An answer is stored as "<fresh until, ms since epoch>\n<JSON>".
 */
const CLAIM_SCRIPT = `
local v = redis.call('GET', KEYS[1])
if v then
  local fresh = tonumber(string.match(v, '^(%d+)\\n'))
  if fresh and fresh > tonumber(ARGV[1]) then return {'fresh', v} end
end
if ARGV[4] ~= '1' then v = false end
if redis.call('SET', KEYS[2], ARGV[2], 'NX', 'PX', ARGV[3]) then return {'lock', v} end
return {'wait', v}
`;

/** Stores the answer and lets go of the lock if this instance still holds it. KEYS: answer, lock. */
const STORE_SCRIPT = `
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
if redis.call('GET', KEYS[2]) == ARGV[3] then redis.call('DEL', KEYS[2]) end
return 1
`;

/** Lets go of the lock if this instance still holds it (a failed load stores nothing). */
const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

interface AnswerCommands {
  claimAnswer(
    answer: string,
    lock: string,
    now: number,
    token: string,
    lockMs: number,
    withStale: string,
  ): Promise<[string, string | null]>;
  storeAnswer(answer: string, lock: string, payload: string, ttlMs: number, token: string): Promise<number>;
  releaseAnswerLock(lock: string, token: string): Promise<number>;
}

export interface RedisAnswerCacheOptions {
  /** Names the answers and their format, e.g. `steam:v1`: a format change bumps the version. */
  namespace: string;
  /** How long a load holds its lock: if the instance dies, another takes over after this. */
  lockMs: number;
  /** How often a waiting instance looks for the answer. */
  pollMs?: number;
  /** Larger answers stay local (Redis memory stays bounded per key). */
  maxValueBytes?: number;
  logger: Logger;
  now?: () => number;
}

const DEFAULT_POLL_MS = 20;
const DEFAULT_MAX_VALUE_BYTES = 512 * 1024;

/**
 * The Steam answer cache shared by instances, on Redis: `<prefix>:<namespace>:<key>` holds an
 * answer (with how long it is fresh) for its TTL plus the stale window, and
 * `<prefix>:<namespace>:lock:<key>` (SET NX PX) marks the instance loading it. Every Redis
 * failure falls back to loading alone: an outage costs upstream requests, never an answer.
 */
export class RedisAnswerCache implements SharedCache {
  private readonly now: () => number;
  private readonly pollMs: number;
  private readonly maxValueBytes: number;
  private oversizeLogged = false;

  constructor(
    private readonly connection: RedisConnection,
    private readonly options: RedisAnswerCacheOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.pollMs = options.pollMs ?? DEFAULT_POLL_MS;
    this.maxValueBytes = options.maxValueBytes ?? DEFAULT_MAX_VALUE_BYTES;
    const redis = connection.redis;
    redis.defineCommand('claimAnswer', { numberOfKeys: 2, lua: CLAIM_SCRIPT });
    redis.defineCommand('storeAnswer', { numberOfKeys: 2, lua: STORE_SCRIPT });
    redis.defineCommand('releaseAnswerLock', { numberOfKeys: 1, lua: RELEASE_SCRIPT });
  }

  answerKey(key: string): string {
    return this.connection.key(this.options.namespace, key);
  }

  lockKey(key: string): string {
    return this.connection.key(this.options.namespace, 'lock', key);
  }

  async load<T>(
    key: string,
    load: () => Promise<T>,
    options: SharedLoadOptions,
  ): Promise<SharedLoadResult<T>> {
    const answer = this.answerKey(key);
    const lock = this.lockKey(key);
    const token = randomUUID();
    let stale: string | null = null;
    for (let first = true; ; first = false) {
      let claim: [string, string | null];
      try {
        claim = await this.connection.run('cache_claim', (redis) =>
          commands(redis).claimAnswer(
            answer,
            lock,
            this.now(),
            token,
            this.options.lockMs,
            first ? '1' : '0',
          ),
        );
      } catch {
        // Redis down, slow or confused: this instance loads on its own.
        return this.loadAndStore(key, load, options, stale, undefined);
      }
      const [verdict, payload] = claim;
      if (first) stale = payload;
      if (verdict === 'fresh') {
        const decoded = payload === null ? undefined : decode<T>(payload);
        if (decoded)
          return { value: decoded.value, source: 'shared', freshMs: decoded.freshUntil - this.now() };
        return this.loadAndStore(key, load, options, null, undefined); // unreadable: replace it
      }
      if (verdict === 'lock') return this.loadAndStore(key, load, options, stale, token);
      // Another instance is loading: its answer appears within its lock, or the lock expires
      // and one of the waiters takes over. The load's own signal bounds the wait.
      await sleep(this.pollMs, options.signal);
    }
  }

  async getMany(keys: readonly string[]): Promise<Map<string, SharedAnswer>> {
    const found = new Map<string, SharedAnswer>();
    let payloads: (string | null)[];
    try {
      payloads = await this.connection.run('cache_get', (redis) =>
        redis.mget(keys.map((k) => this.answerKey(k))),
      );
    } catch {
      return found;
    }
    const now = this.now();
    keys.forEach((key, i) => {
      const decoded = payloads[i] ? decode(payloads[i]) : undefined;
      if (decoded && decoded.freshUntil > now)
        found.set(key, { value: decoded.value, freshMs: decoded.freshUntil - now });
    });
    return found;
  }

  async setMany(
    entries: ReadonlyArray<readonly [string, unknown]>,
    { ttlMs, staleMs }: SharedStoreOptions,
  ): Promise<void> {
    const freshUntil = this.now() + ttlMs;
    const payloads = entries
      .map(([key, value]) => [this.answerKey(key), `${freshUntil}\n${JSON.stringify(value)}`] as const)
      .filter(([, payload]) => this.fits(payload));
    if (payloads.length === 0) return;
    await this.connection
      .run('cache_store', async (redis) => {
        const pipeline = redis.pipeline();
        for (const [key, payload] of payloads) pipeline.set(key, payload, 'PX', ttlMs + staleMs);
        await pipeline.exec();
      })
      .catch(() => undefined);
  }

  /** Runs the load; stores its answer (releasing `token`'s lock); a failure falls back to `stale`. */
  private async loadAndStore<T>(
    key: string,
    load: () => Promise<T>,
    { ttlMs, staleMs }: SharedLoadOptions,
    stale: string | null,
    token: string | undefined,
  ): Promise<SharedLoadResult<T>> {
    let value: T;
    try {
      value = await load();
    } catch (error) {
      if (token) void this.release(key, token);
      const copy = stale === null ? undefined : decode<T>(stale);
      if (copy) return { value: copy.value, source: 'stale', freshMs: 0 };
      throw error;
    }
    const payload = `${this.now() + ttlMs}\n${JSON.stringify(value)}`;
    if (!this.fits(payload)) {
      if (token) void this.release(key, token);
    } else {
      await this.connection
        .run('cache_store', (redis) =>
          commands(redis).storeAnswer(
            this.answerKey(key),
            this.lockKey(key),
            payload,
            ttlMs + staleMs,
            token ?? '',
          ),
        )
        .catch(() => undefined);
    }
    return { value, source: 'loaded', freshMs: ttlMs };
  }

  /** Whether an answer is small enough for Redis (said once in the log when one is not). */
  private fits(payload: string): boolean {
    const bytes = Buffer.byteLength(payload);
    if (bytes <= this.maxValueBytes) return true;
    if (!this.oversizeLogged)
      this.options.logger.info(
        { bytes, maxBytes: this.maxValueBytes },
        'answer too large for Redis; kept local',
      );
    this.oversizeLogged = true;
    return false;
  }

  private async release(key: string, token: string): Promise<void> {
    await this.connection
      .run('cache_release', (redis) => commands(redis).releaseAnswerLock(this.lockKey(key), token))
      .catch(() => undefined);
  }
}

function commands(redis: Redis): AnswerCommands {
  return redis as unknown as AnswerCommands;
}

function decode<T>(payload: string): { value: T; freshUntil: number } | undefined {
  const newline = payload.indexOf('\n');
  const freshUntil = Number(payload.slice(0, newline));
  if (newline < 0 || !Number.isFinite(freshUntil)) return undefined;
  try {
    return { value: JSON.parse(payload.slice(newline + 1)) as T, freshUntil };
  } catch {
    return undefined;
  }
}
