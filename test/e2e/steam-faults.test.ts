import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeSteam, type FakeSteam } from '../helpers/fake-steam.js';
import { connectClient, type Connected } from '../helpers/mcp-clients.js';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js';

interface Listed {
  games: { app_id: string; discount: number; tags: string[]; description: string | null }[];
  warnings?: string[];
}

const text = (r: unknown) => JSON.stringify((r as { content?: unknown }).content);

async function setup(env: Record<string, string>) {
  const steam = await startFakeSteam();
  const server = await startServerProcess({
    STEAM_STORE_URL: steam.url,
    STEAM_API_URL: steam.url,
    STEAM_RETRIES: '1',
    STEAM_TIMEOUT_MS: '300',
    ...env,
  });
  const conn = await connectClient('streamable', { url: server.url });
  return { steam, server, conn };
}

// Its own server with a generous timeout: under load a 300 ms timeout retries the first cold
// lookup, and the count of upstream requests would measure the machine, not the coalescing.
describe('coalescing identical lookups', () => {
  let steam: FakeSteam;
  let server: ServerProcess;
  let conn: Connected;

  beforeAll(async () => {
    ({ steam, server, conn } = await setup({ STEAM_TIMEOUT_MS: '10000' }));
  });
  afterAll(async () => {
    await conn?.close();
    await server?.stop();
    await steam?.close();
  });

  const call = (name: string, args: Record<string, unknown>) =>
    conn.client.callTool({ name, arguments: args });

  it('coalesces ten concurrent identical lookups into one upstream request, then serves the cache', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, () => call('get_game_details', { game_identifier: '1091500' })),
    );
    expect(results.every((r) => !r.isError)).toBe(true);
    expect(steam.count('/api/appdetails')).toBe(1);
    expect(steam.count('/appreviews/')).toBe(1);
    const before = steam.count();
    expect((await call('get_game_details', { game_identifier: '1091500' })).isError).toBeFalsy();
    expect(steam.count()).toBe(before);
  });
});

describe('Steam faults, caching and coalescing', () => {
  let steam: FakeSteam;
  let server: ServerProcess;
  let conn: Connected;

  beforeAll(async () => {
    ({ steam, server, conn } = await setup({ CIRCUIT_FAILURE_THRESHOLD: '100' }));
  });
  beforeEach(() => steam.reset());
  afterAll(async () => {
    await conn?.close();
    await server?.stop();
    await steam?.close();
  });

  const call = (name: string, args: Record<string, unknown>) =>
    conn.client.callTool({ name, arguments: args });

  it('429 with a long Retry-After → a clear error with the wait; the next call works once Steam recovers', async () => {
    steam.fail('/search/results', { status: 429, retryAfter: '120' });
    const limited = await call('search_games', { keywords: '辐射' });
    expect(limited.isError).toBe(true);
    expect(text(limited)).toContain('120 s');
    steam.reset();
    const ok = await call('search_games', { keywords: '辐射' });
    expect(ok.isError).toBeFalsy();
  });

  it('a store page that hangs past STEAM_TIMEOUT_MS → a timeout error, fast', async () => {
    steam.fail('/api/storesearch', { delayMs: 3000 });
    steam.fail('/search/results', { delayMs: 3000 });
    const started = Date.now();
    const slow = await call('get_game_details', { game_identifier: '某个很慢的名字' });
    expect(slow.isError).toBe(true);
    expect(text(slow)).toMatch(/did not answer in time/);
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it('malformed JSON from Steam → STEAM_PARSE error, not a crash', async () => {
    steam.fail('/IStoreQueryService', { body: '{"response": {"store_items": "oops"' });
    const broken = await call('get_top_games', { filter_type: 'trendingweek' });
    expect(broken.isError).toBe(true);
    expect(text(broken)).toContain('STEAM_PARSE');
  });

  it('the Web API failing → discounts come from the store search instead, still biggest first', async () => {
    steam.fail('/IStoreQueryService', { status: 503 });
    const result = await call('get_discounted_games', { min_discount: 60, max_results: 5 });
    expect(result.isError).toBeFalsy();
    const out = result.structuredContent as unknown as Listed;
    expect(out.warnings?.join(' ')).toMatch(/store search/);
    const discounts = out.games.map((g) => g.discount);
    expect(discounts.length).toBe(5);
    expect(discounts).toEqual([...discounts].sort((a, b) => b - a));
    expect(steam.count('/search/results')).toBeGreaterThan(0);
  });

  it('the store failing on details → the Web API card, with a warning', async () => {
    steam.fail('/api/appdetails', { status: 500 });
    const result = await call('get_game_details', { game_identifier: '413150' });
    expect(result.isError).toBeFalsy();
    const out = result.structuredContent as { details: { name: string }; warnings?: string[] };
    expect(out.details.name).toBe('星露谷物语');
    expect(out.warnings?.length).toBeGreaterThan(0);
  });

  it('failed enrichment keeps every game in the list, with a warning', async () => {
    steam.fail('/IStoreBrowseService', { status: 500 });
    // Games no earlier test looked at, so their cards are not cached yet.
    const result = await call('search_games', { keywords: '双影奇境' });
    expect(result.isError).toBeFalsy();
    const out = result.structuredContent as unknown as Listed;
    expect(out.games.map((g) => g.app_id)).toEqual(['2001120']);
    expect(steam.count('/IStoreBrowseService')).toBeGreaterThan(0);
    expect(out.warnings?.join(' ')).toMatch(/could not be loaded/);
  });
});

describe('stale answers and the circuit breaker', () => {
  let steam: FakeSteam;
  let server: ServerProcess;
  let conn: Connected;

  beforeAll(async () => {
    ({ steam, server, conn } = await setup({
      CACHE_TTL_MS: '200',
      CIRCUIT_FAILURE_THRESHOLD: '3',
      CIRCUIT_COOLDOWN_MS: '600',
      STEAM_RETRIES: '0',
    }));
  });
  afterAll(async () => {
    await conn?.close();
    await server?.stop();
    await steam?.close();
  });
  const call = (name: string, args: Record<string, unknown>) =>
    conn.client.callTool({ name, arguments: args });

  it('serves the last good answer, marked stale, while Steam is failing', async () => {
    expect((await call('search_games', { keywords: '星露谷' })).isError).toBeFalsy();
    await new Promise((r) => setTimeout(r, 300));
    steam.fail('/search/results', { status: 503 });
    const stale = await call('search_games', { keywords: '星露谷' });
    expect(stale.isError).toBeFalsy();
    expect((stale.structuredContent as unknown as Listed).warnings?.join(' ')).toMatch(/cached/);
    steam.reset();
  });

  it('opens after repeated failures (no more upstream requests), then recovers by itself', async () => {
    steam.fail('/search/results', { status: 503 });
    for (const word of ['甲', '乙', '丙'])
      expect((await call('search_games', { keywords: word })).isError).toBe(true);
    const sent = steam.count('/search/results');
    const fast = await call('search_games', { keywords: '丁' });
    expect(fast.isError).toBe(true);
    expect(text(fast)).toMatch(/paused briefly/);
    expect(steam.count('/search/results')).toBe(sent);
    steam.reset();
    await new Promise((r) => setTimeout(r, 700));
    expect((await call('search_games', { keywords: '丁' })).isError).toBeFalsy();
  });
});
