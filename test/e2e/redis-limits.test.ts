import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startFakeSteam, type FakeSteam } from '../helpers/fake-steam.js';
import { connectClient, type Connected } from '../helpers/mcp-clients.js';
import { MCP_HEADERS, openSseSession } from '../helpers/raw-http.js';
import { startRedisServer, type RedisServer } from '../helpers/redis-server.js';
import { healthz, startServerProcess, type ServerProcess } from '../helpers/server-process.js';

/** Two instances of one deployment: same Redis, same budgets, a client may reach either. */
const BUDGETS = {
  MESSAGE_RATE_LIMIT_PER_MINUTE: '40',
  SESSION_OPEN_PER_MINUTE: '4',
  MAX_SESSIONS_PER_CLIENT: '3',
  STEAM_BUDGET_PER_5MIN: '3',
  STEAM_BUDGET_MAX_WAIT_MS: '0',
  // Each test is its own client: X-Forwarded-For names it (as FC's gateway would).
  TRUST_PROXY_HOPS: '1',
  REDIS_COMMAND_TIMEOUT_MS: '200',
};

const listBatch = (n: number) =>
  JSON.stringify(Array.from({ length: n }, (_, i) => ({ jsonrpc: '2.0', id: i, method: 'tools/list' })));

/** POSTs `n` messages to /mcp as client `address`; only the budget's answer (429 or not) matters. */
const postMessages = (server: ServerProcess, address: string, n: number) =>
  fetch(`${server.url}/mcp`, {
    method: 'POST',
    headers: { ...MCP_HEADERS, 'x-forwarded-for': address },
    body: listBatch(n),
  });

const eventually = { timeout: 10_000, interval: 50 };

describe('shared limits: two instances, one Redis', () => {
  let redis: RedisServer;
  let steam: FakeSteam;
  let a: ServerProcess;
  let b: ServerProcess;
  const clients: Connected[] = [];

  beforeAll(async () => {
    redis = await startRedisServer();
    steam = await startFakeSteam();
    const env = { ...BUDGETS, STEAM_STORE_URL: steam.url, STEAM_API_URL: steam.url, REDIS_URL: redis.url };
    // b serves /mcp statelessly, as the FC kit deploys it: its /sse sessions still hold slots.
    [a, b] = await Promise.all([startServerProcess(env), startServerProcess({ ...env, MCP_STATELESS: '1' })]);
    for (const server of [a, b])
      await vi.waitFor(async () => expect((await healthz(server)).redis).toBe('up'), eventually);
  });
  afterAll(async () => {
    for (const conn of clients) await conn.close();
    await Promise.all([a?.stop(), b?.stop()]);
    await steam?.close();
    await redis?.stop();
  });

  it('one message budget for the client, whichever instance it reaches', async () => {
    expect((await postMessages(a, '203.0.113.1', 25)).status).not.toBe(429);
    const refused = await postMessages(b, '203.0.113.1', 25);
    expect(refused.status).toBe(429);
    expect(await refused.text()).toMatch(/at most 40 JSON-RPC messages per minute.*请求过于频繁/);
    // Another client has its own budget.
    expect((await postMessages(b, '203.0.113.2', 25)).status).not.toBe(429);
    expect((await healthz(b)).limits).toBe('shared');
  });

  /** Sessions of a client the cluster holds open (its slots in Redis). */
  const openSlots = async (address: string) =>
    Number(await redis.command('ZCARD', `steam-game-mcp:limits:v1:sessions:${address}`));

  it('one session-opening rate for the client across instances', async () => {
    const answers = [];
    for (const server of [a, b, a, b, a]) {
      const res = await fetch(`${server.url}/sse`, { headers: { 'x-forwarded-for': '203.0.113.3' } });
      answers.push(res.status);
      await res.body?.cancel();
      // Closed sessions give their slots back (the cap is 3): only the rate refuses here.
      await vi.waitFor(async () => expect(await openSlots('203.0.113.3')).toBe(0), eventually);
    }
    expect(answers).toEqual([200, 200, 200, 200, 429]);
  });

  it('one cap on open sessions for the client across instances; a closed session frees its slot', async () => {
    const headers = { 'x-forwarded-for': '203.0.113.6' };
    const open = [await openSseSession(a.url, headers), await openSseSession(a.url, headers)];
    open.push(await openSseSession(b.url, headers));
    const refused = await fetch(`${b.url}/sse`, { headers });
    expect(refused.status).toBe(429);
    expect(await refused.text()).toMatch(/at most 3 open sessions per client/);
    expect(await openSlots('203.0.113.6')).toBe(3);
    open[0]!.controller.abort();
    await vi.waitFor(async () => expect(await openSlots('203.0.113.6')).toBe(2), eventually);
    for (const session of open) session.controller.abort();
  });

  it("an instance that shuts down gives its sessions' slots back at once, not when they expire", async () => {
    const c = await startServerProcess({
      ...BUDGETS,
      STEAM_STORE_URL: steam.url,
      STEAM_API_URL: steam.url,
      REDIS_URL: redis.url,
    });
    await vi.waitFor(async () => expect((await healthz(c)).redis).toBe('up'), eventually);
    const headers = { 'x-forwarded-for': '203.0.113.9' };
    const open = [await openSseSession(c.url, headers), await openSseSession(c.url, headers)];
    expect(await openSlots('203.0.113.9')).toBe(2);
    expect(await c.stop()).toBe(0);
    expect(await openSlots('203.0.113.9')).toBe(0);
    for (const session of open) session.controller.abort();
  });

  it('one Steam request budget per Steam host for the cluster: the calls beyond it say to retry, Steam never sees them', async () => {
    steam.reset();
    for (const server of [a, b]) clients.push(await connectClient('streamable', { url: server.url }));
    const texts: string[] = [];
    for (const [i, game] of steam.games.slice(0, 4).entries()) {
      const result = await clients[i % 2]!.client.callTool({
        name: 'get_game_details',
        arguments: { game_identifier: String(game.appId) },
      });
      texts.push(JSON.stringify(result.content));
    }
    expect(steam.count()).toBe(3);
    expect(texts.join('\n')).toMatch(/Steam request budget.*retry in about \d+ s/);
    expect(texts.join('\n')).toMatch(/Steam 请求额度暂时用完/);
  });

  it('Redis down: each instance counts alone within a bounded time, nothing fails; Redis back: shared again', async () => {
    await redis.kill();
    const started = performance.now();
    // Local counts: the client's 40 on this instance, though the cluster count is gone.
    expect((await postMessages(a, '203.0.113.4', 25)).status).not.toBe(429);
    expect((await postMessages(a, '203.0.113.4', 25)).status).toBe(429);
    expect((await postMessages(b, '203.0.113.4', 25)).status).not.toBe(429);
    expect(performance.now() - started).toBeLessThan(3_000);
    expect((await healthz(a)).limits).toBe('fallback');
    const metrics = await (await fetch(`${a.url}/metrics`)).text();
    expect(metrics).toMatch(/redis_fallbacks_total\{operation="limit_messages"\} [1-9]/);
    const listed = await clients[0]!.client.listTools();
    expect(listed.tools.length).toBeGreaterThan(0);

    await redis.restart();
    await vi.waitFor(async () => expect((await healthz(a)).redis).toBe('up'), {
      ...eventually,
      timeout: 15_000,
    });
    expect((await postMessages(a, '203.0.113.5', 25)).status).not.toBe(429);
    expect((await postMessages(b, '203.0.113.5', 25)).status).toBe(429);
    expect((await healthz(a)).limits).toBe('shared');
  });
});
