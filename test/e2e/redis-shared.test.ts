import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startFakeSteam, type FakeSteam } from '../helpers/fake-steam.js';
import { connectClient, type Connected } from '../helpers/mcp-clients.js';
import { startRedisServer, type RedisServer } from '../helpers/redis-server.js';
import { healthz, startServerProcess, type ServerProcess } from '../helpers/server-process.js';

const PASSWORD = 'e2e-Pw@redis#7';

/** NODE_DEBUG=module writes one `load "<file>"` line per module to stderr (the server's logs). */
const loaded = (server: ServerProcess, chunk: string) =>
  server.logs.some((line) => line.includes('load "') && line.includes(`/dist/${chunk}"`));

const eventually = { timeout: 10_000, interval: 25 };
/** Waits until /healthz reports Redis in `state`. */
const redisState = (server: ServerProcess, state: string) =>
  vi.waitFor(async () => expect((await healthz(server)).redis).toBe(state), eventually);

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
    expect(await healthz(server)).toMatchObject({ status: 'ok', redis: 'disabled' });
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
    await redisState(server, 'up');
    expect(loaded(server, 'redis.js')).toBe(true);
    const logs = server.logs.join('\n');
    expect(logs).toContain('Redis connected');
    expect(logs).not.toContain(PASSWORD);
    expect(logs).not.toContain(encodeURIComponent(PASSWORD));
  });
});

describe('two instances sharing one Redis', () => {
  let redis: RedisServer;
  let steam: FakeSteam;
  const servers: ServerProcess[] = [];
  const conns: Connected[] = [];

  beforeAll(async () => {
    redis = await startRedisServer({ password: PASSWORD });
    steam = await startFakeSteam();
    const env = {
      STEAM_STORE_URL: steam.url,
      STEAM_API_URL: steam.url,
      REDIS_URL: redis.url,
      REDIS_KEY_PREFIX: 'e2e-shared',
      RATE_LIMIT_PER_MINUTE: '100000',
      MESSAGE_RATE_LIMIT_PER_MINUTE: '1000000',
    };
    servers.push(...(await Promise.all([startServerProcess(env), startServerProcess(env)])));
    conns.push(...(await Promise.all(servers.map((s) => connectClient('streamable', { url: s.url })))));
    for (const server of servers) await redisState(server, 'up');
  });
  afterAll(async () => {
    await Promise.all(conns.map((c) => c.close()));
    await Promise.all(servers.map((s) => s.stop()));
    await steam?.close();
    await redis?.stop();
  });

  const call = (instance: number, name: string, args: Record<string, unknown>) =>
    conns[instance]!.client.callTool({ name, arguments: args });

  it('the second instance answers what the first fetched without calling Steam', async () => {
    const first = await call(0, 'get_game_details', { game_identifier: '1245620' });
    expect(first.isError).toBeFalsy();
    const steamRequests = steam.count();
    expect(steamRequests).toBeGreaterThan(0);
    const second = await call(1, 'get_game_details', { game_identifier: '1245620' });
    expect(second.isError).toBeFalsy();
    expect(second.structuredContent).toEqual(first.structuredContent);
    expect(steam.count()).toBe(steamRequests);
  });

  it('identical calls at once on both instances: every Steam request goes out once', async () => {
    steam.reset();
    steam.delay(150);
    const results = await Promise.all([
      call(0, 'get_game_details', { game_identifier: '2358720' }),
      call(1, 'get_game_details', { game_identifier: '2358720' }),
      call(0, 'search_games', { keywords: '法环' }),
      call(1, 'search_games', { keywords: '法环' }),
    ]);
    steam.delay(0);
    expect(results.every((r) => !r.isError)).toBe(true);
    const urls = steam.requests.map((r) => `${r.path}?${r.query.toString()}`);
    expect(urls.length).toBeGreaterThan(0);
    expect(urls).toEqual([...new Set(urls)]);
    expect(steam.count('/api/appdetails')).toBe(1);
  });

  it('every key carries the prefix and the answer format version; no lock outlives its load', async () => {
    const keys = (await redis.command('KEYS', '*')) as string[];
    expect(keys.length).toBeGreaterThan(3);
    // Whole answers by URL, store cards by app (in the server's language and region); beside
    // them the shared per-client budgets.
    for (const key of keys)
      expect(key).toMatch(
        /^e2e-shared:(cache:steam:v1:(http:\/\/127\.0\.0\.1:\d+\/|item:CN:schinese:\d+$)|limits:v1:)/,
      );
    expect(keys.some((key) => key.includes(':cache:steam:v1:http'))).toBe(true);
    expect(keys.some((key) => key.includes(':item:'))).toBe(true);
    expect(keys.some((key) => key.includes(':lock:'))).toBe(false);
    expect(servers.flatMap((s) => s.logs).join('\n')).not.toContain(PASSWORD);
  });

  it('Redis killed in the middle of calls and brought back: no call fails; /healthz says down, then up', async () => {
    steam.delay(20);
    const failures: string[] = [];
    let calls = 0;
    let stop = false;
    const ids = steam.games.map((g) => String(g.appId));
    const traffic = async (instance: number) => {
      for (let i = 0; !stop; i++) {
        const result =
          i % 2 === 0
            ? await call(instance, 'get_game_details', { game_identifier: ids[i % ids.length] })
            : await call(instance, 'search_games', { keywords: `kill-${instance}-${i}` });
        calls++;
        if (result.isError) failures.push(JSON.stringify(result.content));
      }
    };
    const running = [traffic(0), traffic(1), traffic(0), traffic(1)];
    try {
      await vi.waitFor(() => expect(calls).toBeGreaterThanOrEqual(10), eventually);
      await redis.kill();
      for (const server of servers) await redisState(server, 'down');
      const duringOutage = calls;
      await vi.waitFor(() => expect(calls).toBeGreaterThanOrEqual(duringOutage + 10), eventually);
      const metrics = await (await fetch(`${servers[0]!.url}/metrics`)).text();
      expect(metrics).toMatch(/^redis_up 0$/m);
      expect(metrics).toMatch(/^redis_fallbacks_total\{operation="cache_claim"\} [1-9]/m);
      await redis.restart();
      for (const server of servers) await redisState(server, 'up');
      const afterRecovery = calls;
      await vi.waitFor(() => expect(calls).toBeGreaterThanOrEqual(afterRecovery + 10), eventually);
    } finally {
      stop = true;
      await Promise.all(running);
      steam.delay(0);
    }
    expect(failures).toEqual([]);
    expect(await (await fetch(`${servers[0]!.url}/metrics`)).text()).toMatch(/^redis_up 1$/m);
    // Shared again: answers written after the recovery are in the new, empty Redis.
    expect(((await redis.command('KEYS', 'e2e-shared:cache:*')) as string[]).length).toBeGreaterThan(0);
    for (const server of servers) {
      const lines = server.logs.filter((line) => line.includes('Redis unavailable'));
      expect(lines).toHaveLength(1);
    }
  });
});
