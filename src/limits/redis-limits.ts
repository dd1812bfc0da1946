import type { RedisConnection } from '../redis/connection.js';
import type { Limits, SharedLimitStore } from './limits.js';
import type { Rate, Verdict } from './token-bucket.js';

/** Bumped when the keys' layout changes, so instances of two versions never misread each other. */
export const LIMITS_SCHEMA = 'v1';

/**
 * One token bucket, atomically: refill by the time elapsed on Redis' clock (instances' clocks
 * may differ), take `cost` if there is enough, and expire the key once it would be full again,
 * so a quiet client leaves nothing behind. KEYS[1] the bucket; ARGV limit, windowMs, cost.
 * Returns {1, 0} when taken, {0, ms to wait} when short.
 */
const TAKE_TOKENS_LUA = `
if redis.replicate_commands then redis.replicate_commands() end
local limit = tonumber(ARGV[1])
local rate = limit / tonumber(ARGV[2])
local need = math.min(math.max(tonumber(ARGV[3]), 1), limit)
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or limit
local at = tonumber(state[2]) or now
tokens = math.min(limit, tokens + math.max(0, now - at) * rate)
local taken, wait = 0, 0
if tokens >= need then
  tokens = tokens - need
  taken = 1
else
  wait = math.ceil((need - tokens) / rate)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil((limit - tokens) / rate) + 1000)
return { taken, wait }
`;

/** The part of an ioredis client the limits need: a script defined once, then run by EVALSHA. */
export interface ScriptHost {
  defineCommand(name: string, definition: { numberOfKeys: number; lua: string }): void;
}

const TAKE_COMMAND = 'steamMcpTakeTokens';

type TakeTokens = (key: string, limit: number, windowMs: number, cost: number) => Promise<[number, number]>;

/**
 * Budgets counted in Redis for every instance: one round trip per check (EVALSHA; ioredis sends
 * the script itself once when Redis does not know it yet).
 */
export class RedisLimitStore implements SharedLimitStore {
  private readonly takeTokens: TakeTokens;

  constructor(
    client: ScriptHost,
    /** Namespaces every key (REDIS_KEY_PREFIX), so several deployments can share one Redis. */
    private readonly prefix: string,
  ) {
    client.defineCommand(TAKE_COMMAND, { numberOfKeys: 1, lua: TAKE_TOKENS_LUA });
    const command = (client as unknown as Record<string, TakeTokens>)[TAKE_COMMAND];
    if (!command) throw new Error('the Redis client did not define the limits script');
    this.takeTokens = command.bind(client);
  }

  /** The Redis key of one client's budget. */
  key(name: string, client: string): string {
    return `${this.prefix}limits:${LIMITS_SCHEMA}:${name}:${client}`;
  }

  async take(name: string, rate: Rate, key: string, cost: number): Promise<Verdict> {
    const [taken, wait] = await this.takeTokens(this.key(name, key), rate.limit, rate.windowMs, cost);
    return taken === 1 ? { ok: true } : { ok: false, retryAfterMs: Math.max(1, wait) };
  }
}

/**
 * Counts `limits` in Redis from now on, each check bounded by the connection's command timeout
 * and circuit breaker (Redis down or slow → this instance's count, in redis_fallbacks_total).
 */
export function shareLimits(limits: Limits, connection: RedisConnection): void {
  const store = new RedisLimitStore(connection.redis, `${connection.keyPrefix}:`);
  limits.share(store, (budget, operation) => connection.run(`limit_${budget}`, operation));
}
