import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Metrics } from '../../src/observability/metrics.js';
import { noopMetrics } from '../../src/observability/metrics.js';
import { RedisConnection, RedisUnavailableError } from '../../src/redis/connection.js';
import { captureLogger } from '../helpers/capture-logger.js';
import { startRedisServer, type RedisServer } from '../helpers/redis-server.js';

const PASSWORD = 'pw-9f3K@x/y:z';

const eventually = { timeout: 10_000, interval: 20 };

describe('RedisConnection against a real redis-server', () => {
  let redis: RedisServer;
  let connection: RedisConnection;
  const fallbacks: string[] = [];
  const states: string[] = [];
  const { logger, output } = captureLogger();

  beforeAll(async () => {
    redis = await startRedisServer({ password: PASSWORD });
    const metrics: Metrics = { ...noopMetrics, redisFallback: (operation) => fallbacks.push(operation) };
    connection = new RedisConnection({
      url: redis.url,
      keyPrefix: 'test',
      commandTimeoutMs: 200,
      logger,
      metrics,
      cooldownMs: 300,
      onStateChange: (state) => states.push(state),
    });
  });
  afterAll(async () => {
    await connection?.close();
    await redis?.stop();
  });

  it('runs commands once connected, the first one waiting for the connection', async () => {
    expect(await connection.run('test', (r) => r.set(connection.key('a'), '1'))).toBe('OK');
    expect(connection.state).toBe('up');
    expect(await redis.command('GET', 'test:a')).toBe('1');
  });

  it('killed: commands fail fast as RedisUnavailableError, counted; back by itself when Redis returns', async () => {
    await redis.kill();
    await vi.waitFor(() => expect(connection.state).toBe('down'), eventually);
    const started = Date.now();
    await expect(connection.run('cache_get', (r) => r.get('test:a'))).rejects.toBeInstanceOf(
      RedisUnavailableError,
    );
    expect(Date.now() - started).toBeLessThan(200);
    expect(fallbacks).toContain('cache_get');
    // Many failed reconnections, one line.
    await new Promise((resolve) => setTimeout(resolve, 600));
    await redis.restart();
    await vi.waitFor(() => expect(connection.state).toBe('up'), eventually);
    expect(await connection.run('test', (r) => r.ping())).toBe('PONG');
    const lines = output().split('\n').filter(Boolean);
    expect(lines.filter((l) => l.includes('Redis unavailable'))).toHaveLength(1);
    expect(lines.filter((l) => l.includes('Redis connected'))).toHaveLength(2); // first connect + recovery
    expect(states).toEqual(['up', 'down', 'up']);
  });

  it('slow: timed-out commands open the circuit (down, fast failures), a later probe closes it', async () => {
    // CLIENT PAUSE holds every client's commands, like an overloaded Redis.
    expect(await redis.command('CLIENT', 'PAUSE', '1000', 'ALL')).toBe('OK');
    for (let i = 0; i < 3; i++)
      await expect(connection.run('slow', (r) => r.get('test:a'))).rejects.toBeInstanceOf(
        RedisUnavailableError,
      );
    expect(connection.state).toBe('down');
    const started = Date.now();
    await expect(connection.run('slow', (r) => r.get('test:a'))).rejects.toThrow(/circuit open/);
    expect(Date.now() - started).toBeLessThan(50);
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(await connection.run('probe', (r) => r.get('test:a'))).toBeNull(); // restarted empty
    expect(connection.state).toBe('up');
  });

  it('never logs the password', () => {
    const logs = output();
    expect(logs).toContain('redis://***@127.0.0.1');
    expect(logs).not.toContain(PASSWORD);
    expect(logs).not.toContain(encodeURIComponent(PASSWORD));
    expect(logs).not.toContain('9f3K');
  });
});
