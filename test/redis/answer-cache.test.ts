import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TtlCache } from '../../src/http/ttl-cache.js';
import { silentLogger } from '../../src/observability/logger.js';
import { noopMetrics } from '../../src/observability/metrics.js';
import { RedisAnswerCache } from '../../src/redis/answer-cache.js';
import { RedisConnection } from '../../src/redis/connection.js';
import { startRedisServer, type RedisServer } from '../helpers/redis-server.js';

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const connect = (redis: RedisServer) =>
  new RedisConnection({
    url: redis.url,
    keyPrefix: 'sgm-test',
    commandTimeoutMs: 300,
    logger: silentLogger,
    metrics: noopMetrics,
  });

describe('RedisAnswerCache: the Steam answer cache shared by instances', () => {
  let redis: RedisServer;
  const connections: RedisConnection[] = [];

  /** One "instance": its own connection, Redis tier and local cache. */
  function instance(opts: { lockMs?: number; maxValueBytes?: number } = {}) {
    const connection = connect(redis);
    connections.push(connection);
    const shared = new RedisAnswerCache(connection, {
      namespace: 'cache',
      lockMs: opts.lockMs ?? 2_000,
      maxValueBytes: opts.maxValueBytes,
      logger: silentLogger,
    });
    const cache = new TtlCache({ maxEntries: 100, ttlMs: 60_000, staleTtlMs: 60_000, shared });
    return { cache, shared };
  }

  /** A loader that counts its calls and takes `ms`. */
  function loader<T>(value: T, ms = 0) {
    const calls = { count: 0 };
    const load = async () => {
      calls.count++;
      await delay(ms);
      return value;
    };
    return { calls, load };
  }

  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await Promise.all(connections.map((c) => c.close()));
    await redis?.stop();
  });

  it('a cold instance reads what another fetched; keys carry the prefix and the format version', async () => {
    const a = instance();
    const b = instance();
    const first = loader({ name: '赛博朋克 2077', price: 29800 });
    expect((await a.cache.getOrLoad('appdetails', 'steam:v1:/app/1', first.load)).value.name).toBe(
      '赛博朋克 2077',
    );
    const second = loader({ name: 'never loaded', price: 0 });
    const read = await b.cache.getOrLoad('appdetails', 'steam:v1:/app/1', second.load);
    expect(read).toEqual({ value: { name: '赛博朋克 2077', price: 29800 }, stale: false });
    expect(first.calls.count + second.calls.count).toBe(1);
    expect(await redis.command('KEYS', 'sgm-test:cache:steam:v1:*')).toEqual([
      'sgm-test:cache:steam:v1:/app/1',
    ]);
    // TTL: fresh (60 s) + the stale window (60 s), and no lock left behind.
    const ttl = Number(await redis.command('PTTL', 'sgm-test:cache:steam:v1:/app/1'));
    expect(ttl).toBeGreaterThan(110_000);
    expect(ttl).toBeLessThanOrEqual(120_000);
    expect(await redis.command('KEYS', 'sgm-test:cache:lock:*')).toEqual([]);
  });

  it('concurrent identical loads on two instances: one load, both answered', async () => {
    const a = instance();
    const b = instance();
    const shared = loader(['Hades', 'Celeste'], 200);
    const [fromA, fromB] = await Promise.all([
      a.cache.getOrLoad('search', 'steam:v1:/search?q=roguelike', shared.load),
      b.cache.getOrLoad('search', 'steam:v1:/search?q=roguelike', shared.load),
    ]);
    expect(fromA.value).toEqual(['Hades', 'Celeste']);
    expect(fromB.value).toEqual(['Hades', 'Celeste']);
    expect(shared.calls.count).toBe(1);
  });

  it('a lock whose holder died expires, and a waiter loads', async () => {
    const b = instance();
    // An instance took the lock and died before storing anything.
    await redis.command('SET', 'sgm-test:cache:lock:steam:v1:/orphan', 'dead-instance', 'PX', '400');
    const started = Date.now();
    const waiter = loader('answer');
    const result = await b.cache.getOrLoad('search', 'steam:v1:/orphan', waiter.load, { timeoutMs: 5_000 });
    expect(result.value).toBe('answer');
    expect(waiter.calls.count).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(350);
  });

  it('a failed reload serves the stale copy another instance stored', async () => {
    const a = instance();
    await a.shared.load('steam:v1:/stale', async () => 'old answer', {
      ttlMs: 30,
      staleMs: 60_000,
      signal: new AbortController().signal,
    });
    await delay(60);
    const b = instance();
    const failing = async () => {
      throw new Error('Steam 503');
    };
    expect(await b.cache.getOrLoad('search', 'steam:v1:/stale', failing)).toEqual({
      value: 'old answer',
      stale: true,
    });
  });

  it('per-item answers (store cards) written by one instance are read by another, fresh ones only', async () => {
    const a = instance();
    const b = instance();
    a.cache.setMany([
      ['steam:v1:item:CN:1', { name: '黑神话：悟空' }],
      ['steam:v1:item:CN:2', null], // Steam does not know app 2: that is an answer too
    ]);
    await a.shared.setMany([['steam:v1:item:CN:3', { name: 'expired' }]], { ttlMs: 1, staleMs: 60_000 });
    // setMany writes through in the background.
    for (
      let i = 0;
      i < 100 && (await redis.command('EXISTS', 'sgm-test:cache:steam:v1:item:CN:2')) === 0;
      i++
    )
      await delay(10);
    const found = await b.cache.peekMany('item', [
      'steam:v1:item:CN:1',
      'steam:v1:item:CN:2',
      'steam:v1:item:CN:3',
    ]);
    expect([...found]).toEqual([
      ['steam:v1:item:CN:1', { name: '黑神话：悟空' }],
      ['steam:v1:item:CN:2', null],
    ]);
    expect(b.cache.peek('steam:v1:item:CN:1')).toEqual({ name: '黑神话：悟空' }); // now local too
  });

  it('answers larger than the bound stay local', async () => {
    const a = instance({ maxValueBytes: 1_000 });
    await a.cache.getOrLoad('search', 'steam:v1:/big', async () => 'x'.repeat(5_000));
    await a.cache.getOrLoad('search', 'steam:v1:/small', async () => 'x'.repeat(10));
    expect(await redis.command('EXISTS', 'sgm-test:cache:steam:v1:/big')).toBe(0);
    expect(await redis.command('EXISTS', 'sgm-test:cache:steam:v1:/small')).toBe(1);
    expect(await redis.command('KEYS', 'sgm-test:cache:lock:*')).toEqual([]);
  });
});

describe('RedisAnswerCache with Redis gone', () => {
  it('loads alone, at once, and never fails because of Redis', async () => {
    const redis = await startRedisServer();
    const connection = connect(redis);
    await connection.run('ping', (r) => r.ping());
    await redis.stop();
    const shared = new RedisAnswerCache(connection, {
      namespace: 'cache',
      lockMs: 2_000,
      logger: silentLogger,
    });
    const cache = new TtlCache({ maxEntries: 10, ttlMs: 60_000, shared });
    const started = Date.now();
    expect((await cache.getOrLoad('search', 'steam:v1:/x', async () => 'local')).value).toBe('local');
    expect(Date.now() - started).toBeLessThan(300);
    await connection.close();
  });
});
