import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSteam, type FakeSteam } from '../helpers/fake-steam.js';
import { connectClient, type Connected } from '../helpers/mcp-clients.js';
import { startRedisServer, type RedisServer } from '../helpers/redis-server.js';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js';

const PASSWORD = 'e2e-Pw@redis#7';

async function health(server: ServerProcess): Promise<{ status: string; redis: string }> {
  return (await fetch(`${server.url}/healthz`)).json() as Promise<{ status: string; redis: string }>;
}

/** NODE_DEBUG=module writes one `load "<file>"` line per module to stderr (the server's logs). */
const loaded = (server: ServerProcess, chunk: string) =>
  server.logs.some((line) => line.includes('load "') && line.includes(`/dist/${chunk}"`));

async function until(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('without REDIS_URL nothing changes', () => {
  let steam: FakeSteam;
  let server: ServerProcess;
  let conn: Connected;

  beforeAll(async () => {
    steam = await startFakeSteam();
    server = await startServerProcess({
      STEAM_STORE_URL: steam.url,
      STEAM_API_URL: steam.url,
      NODE_DEBUG: 'module',
    });
    conn = await connectClient('streamable', { url: server.url });
  });
  afterAll(async () => {
    await conn?.close();
    await server?.stop();
    await steam?.close();
  });

  it('serves tool calls, says redis "disabled" in /healthz, and never loads the Redis client', async () => {
    const result = await conn.client.callTool({
      name: 'get_game_details',
      arguments: { game_identifier: '1091500' },
    });
    expect(result.isError).toBeFalsy();
    expect(loaded(server, 'services.js')).toBe(true); // the check sees chunks load
    expect(await health(server)).toMatchObject({ status: 'ok', redis: 'disabled' });
    expect(loaded(server, 'redis.js')).toBe(false);
  });
});

describe('with REDIS_URL', () => {
  let redis: RedisServer;
  let steam: FakeSteam;
  let server: ServerProcess;

  beforeAll(async () => {
    redis = await startRedisServer({ password: PASSWORD });
    steam = await startFakeSteam();
    server = await startServerProcess({
      STEAM_STORE_URL: steam.url,
      STEAM_API_URL: steam.url,
      REDIS_URL: redis.url,
      NODE_DEBUG: 'module',
    });
  });
  afterAll(async () => {
    await server?.stop();
    await steam?.close();
    await redis?.stop();
  });

  it('connects in the background (redis "up" in /healthz), the password in no log line', async () => {
    await until(async () => (await health(server)).redis === 'up', '/healthz redis up');
    expect(loaded(server, 'redis.js')).toBe(true);
    const logs = server.logs.join('\n');
    expect(logs).toContain('Redis connected');
    expect(logs).not.toContain(PASSWORD);
    expect(logs).not.toContain(encodeURIComponent(PASSWORD));
  });
});
