import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisLimitStore } from '../../src/redis/limit-store.js';
import { startRedisServer, type RedisServer } from '../helpers/redis-server.js';

const DAY = 86_400_000;

describe('RedisLimitStore (a real redis-server)', () => {
  let redis: RedisServer;
  const clients: Redis[] = [];
  /** A store on its own connection, as each instance of a cluster has. */
  const instance = () => {
    const client = new Redis(redis.url, { maxRetriesPerRequest: 0 });
    clients.push(client);
    return new RedisLimitStore(client, 'test-prefix:');
  };

  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    for (const client of clients) client.disconnect();
    await redis.stop();
  });

  it('counts many parallel takes from four connections exactly (the script is atomic)', async () => {
    const stores = [instance(), instance(), instance(), instance()];
    const verdicts = await Promise.all(
      Array.from({ length: 800 }, (_, i) =>
        stores[i % 4]!.take('messages', { limit: 500, windowMs: DAY }, 'client-a', 1),
      ),
    );
    expect(verdicts.filter((v) => v.ok)).toHaveLength(500);
    const refused = verdicts.find((v) => !v.ok);
    // One token of 500 a day refills in about 173 s.
    expect(refused).toMatchObject({ ok: false });
    expect((refused as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(170_000);
    expect((await stores[0]!.take('messages', { limit: 500, windowMs: DAY }, 'client-b', 1)).ok).toBe(true);
  });

  it('keeps one key per budget and client, with prefix and schema version, expiring once it would be full', async () => {
    const store = instance();
    await store.take('session_opens', { limit: 10, windowMs: 60_000 }, '10.0.0.7', 4);
    const key = store.key('session_opens', '10.0.0.7');
    expect(key).toBe('test-prefix:limits:v1:session_opens:10.0.0.7');
    // 4 of 10 spent, refilling 10 a minute: full again in 24 s (+1 s slack).
    const ttl = Number(await redis.command('PTTL', key));
    expect(ttl).toBeGreaterThan(20_000);
    expect(ttl).toBeLessThanOrEqual(25_000);

    await store.take('quick', { limit: 2, windowMs: 100 }, 'c', 1);
    await expect.poll(() => redis.command('EXISTS', store.key('quick', 'c')), { timeout: 3_000 }).toBe(0);
  });

  it('refills by elapsed time and charges a cost larger than one', async () => {
    const store = instance();
    const rate = { limit: 10, windowMs: 1_000 };
    expect((await store.take('burst', rate, 'c', 10)).ok).toBe(true);
    const short = await store.take('burst', rate, 'c', 5);
    expect(short.ok).toBe(false);
    expect((short as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(300);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect((await store.take('burst', rate, 'c', 5)).ok).toBe(true);
  });

  it('holds at most max slots of a client across connections, atomically; released or expired slots free up', async () => {
    const stores = [instance(), instance(), instance()];
    const claims = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        stores[i % 3]!.claimSlot('sessions', 'client-s', `m${i}`, 5, 60_000),
      ),
    );
    const held = claims.flatMap((ok, i) => (ok ? [`m${i}`] : []));
    expect(held).toHaveLength(5);
    const key = stores[0]!.key('sessions', 'client-s');
    expect(Number(await redis.command('ZCARD', key))).toBe(5);
    // Renewing a held slot never counts twice; a new member still does not fit.
    expect(await stores[1]!.claimSlot('sessions', 'client-s', held[0]!, 5, 60_000)).toBe(true);
    expect(await stores[1]!.claimSlot('sessions', 'client-s', 'late', 5, 60_000)).toBe(false);
    await stores[2]!.releaseSlot('sessions', 'client-s', held[1]!);
    expect(await stores[1]!.claimSlot('sessions', 'client-s', 'late', 5, 60_000)).toBe(true);

    // A slot its instance stops renewing (it died) expires, and so does the key.
    expect(await stores[0]!.claimSlot('sessions', 'client-t', 'short', 1, 150)).toBe(true);
    expect(await stores[0]!.claimSlot('sessions', 'client-t', 'other', 1, 150)).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await stores[0]!.claimSlot('sessions', 'client-t', 'other', 1, 150)).toBe(true);
    await expect
      .poll(() => redis.command('EXISTS', stores[0]!.key('sessions', 'client-t')), { timeout: 3_000 })
      .toBe(0);
  });
});
