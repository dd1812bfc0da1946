import type { RedisConnection } from './connection.js';
import type { Limits, SharedLimitStore } from '../limits/limits.js';
import type { Rate, Verdict } from '../limits/token-bucket.js';

/** Bumped when the keys' layout changes, so instances of two versions never misread each other. */
export const LIMITS_SCHEMA = 'v1';

/** Redis' clock in milliseconds, in a script (instances' clocks may differ). */
const NOW_LUA = `
if redis.replicate_commands then redis.replicate_commands() end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
`;

/**
 * One token bucket, atomically: refill by the time elapsed on Redis' clock (instances' clocks
 * may differ), take `cost` if there is enough, and expire the key once it would be full again,
 * so a quiet client leaves nothing behind. KEYS[1] the bucket; ARGV limit, windowMs, cost.
 * Returns {1, 0} when taken, {0, ms to wait} when short.
 */
const TAKE_TOKENS_LUA = `${NOW_LUA}
local limit = tonumber(ARGV[1])
local rate = limit / tonumber(ARGV[2])
local need = math.min(math.max(tonumber(ARGV[3]), 1), limit)
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

/**
 * One slot of a bounded set (a client's open sessions), atomically: drop slots past their expiry
 * (an instance that died cannot renew its own), refuse a new member when `max` are held, else hold
 * or renew it until now + ttl. The key lives as long as its latest slot. KEYS[1] a sorted set of
 * member → expiry; ARGV member, max, ttlMs. Returns 1 when held, 0 when full.
 */
const CLAIM_SLOT_LUA = `${NOW_LUA}
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) and redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then
  return 0
end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
redis.call('PEXPIREAT', KEYS[1], last[2])
return 1
`;

/** The part of an ioredis client the limits need: a script defined once, then run by EVALSHA. */
export interface ScriptHost {
  defineCommand(name: string, definition: { numberOfKeys: number; lua: string }): void;
}

const COMMANDS = {
  takeTokens: 'steamMcpTakeTokens',
  claimSlot: 'steamMcpClaimSlot',
  releaseSlot: 'steamMcpReleaseSlot',
} as const;

type Command = (key: string, ...args: (string | number)[]) => Promise<unknown>;

/**
 * Budgets counted in Redis for every instance: one round trip per check (EVALSHA; ioredis sends
 * the script itself once when Redis does not know it yet).
 */
export class RedisLimitStore implements SharedLimitStore {
  private readonly run: Record<keyof typeof COMMANDS, Command>;

  constructor(
    client: ScriptHost,
    /** Namespaces every key (REDIS_KEY_PREFIX), so several deployments can share one Redis. */
    private readonly prefix: string,
  ) {
    const scripts = {
      takeTokens: TAKE_TOKENS_LUA,
      claimSlot: CLAIM_SLOT_LUA,
      releaseSlot: `return redis.call('ZREM', KEYS[1], ARGV[1])`,
    };
    const bound = (name: keyof typeof COMMANDS): Command => {
      client.defineCommand(COMMANDS[name], { numberOfKeys: 1, lua: scripts[name] });
      const command = (client as unknown as Record<string, Command>)[COMMANDS[name]];
      if (!command) throw new Error(`the Redis client did not define ${COMMANDS[name]}`);
      return command.bind(client);
    };
    this.run = {
      takeTokens: bound('takeTokens'),
      claimSlot: bound('claimSlot'),
      releaseSlot: bound('releaseSlot'),
    };
  }

  /** The Redis key of one client's budget. */
  key(name: string, client: string): string {
    return `${this.prefix}limits:${LIMITS_SCHEMA}:${name}:${client}`;
  }

  async take(name: string, rate: Rate, key: string, cost: number): Promise<Verdict> {
    const [taken, wait] = (await this.run.takeTokens(
      this.key(name, key),
      rate.limit,
      rate.windowMs,
      cost,
    )) as [number, number];
    return taken === 1 ? { ok: true } : { ok: false, retryAfterMs: Math.max(1, wait) };
  }

  async claimSlot(name: string, key: string, member: string, max: number, ttlMs: number): Promise<boolean> {
    return (await this.run.claimSlot(this.key(name, key), member, max, ttlMs)) === 1;
  }

  async releaseSlot(name: string, key: string, member: string): Promise<void> {
    await this.run.releaseSlot(this.key(name, key), member);
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
