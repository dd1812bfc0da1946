// dist/redis.js: ioredis and what runs on it, loaded only when REDIS_URL is set (shared-tier.ts).
export { RedisAnswerCache, type RedisAnswerCacheOptions } from './answer-cache.js';
export { RedisConnection, RedisUnavailableError } from './connection.js';
