import { afterEach, describe, expect, it } from 'vitest';
import { TtlCache } from '../../src/http/ttl-cache.js';
import { UpstreamError } from '../../src/errors.js';
import { unavailableChatClient } from '../../src/llm/chat-client.js';
import { silentLogger } from '../../src/observability/logger.js';
import { createRecommender } from '../../src/recommend/pipeline.js';
import { limitRecommendations } from '../../src/recommend/run-bounds.js';
import type { Recommender } from '../../src/recommend/types.js';
import { listTools } from '../../src/server/listed-tool.js';
import { allTools } from '../../src/tools/index.js';
import { createFakeCatalog, type FakeCatalog } from '../helpers/in-memory-catalog.js';
import {
  connectInProcess,
  resultText,
  type InProcess,
  type InProcessOptions,
} from '../helpers/in-process.js';
import { callTool, TOOL_NAMES } from '../helpers/mcp-clients.js';

// Tool-level behaviour through a real SDK client and the real server, registry and tools, with
// in-memory services: no bundle needed. test/e2e/ covers the same surface over real transports.

let open: InProcess | undefined;
afterEach(async () => {
  await open?.close();
  open = undefined;
});

async function connect(options: InProcessOptions = {}): Promise<InProcess> {
  open = await connectInProcess(options);
  return open;
}

/** The real pipeline over the fake catalog, ranking by rules (no model configured). */
function rulesRecommender(catalog: FakeCatalog): Recommender {
  return createRecommender({
    catalog,
    chat: unavailableChatClient,
    logger: silentLogger,
    currency: 'CNY',
    deadlineMs: 5_000,
    analysisCache: new TtlCache({ maxEntries: 100, ttlMs: 60_000 }),
  });
}

interface ListResult {
  success: true;
  keywords: string;
  max_price: number | null;
  total_found: number;
  games: { app_id: string; name: string; price: number | null; currency: string; tags: string[] }[];
}

describe('tools in process (createMcpServer + in-memory transport + SDK client)', () => {
  it('lists every tool with the listing the source computes', async () => {
    const { client } = await connect();
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(TOOL_NAMES);
    expect(tools).toEqual(listTools(allTools));
  });

  it('search_games passes coerced arguments to the catalog and shapes its games', async () => {
    const catalog = createFakeCatalog();
    const { client } = await connect({ catalog });
    const result = await callTool<ListResult>(client, 'search_games', {
      keywords: 'rpg',
      max_results: '2', // numbers as strings are accepted, as some clients send them
      max_price: 100,
    });
    expect(catalog.calls).toEqual([
      expect.objectContaining({
        method: 'searchGames',
        arg: expect.objectContaining({ keywords: 'rpg', maxResults: 2, maxPrice: 100 }),
      }),
    ]);
    expect(result).toMatchObject({ success: true, keywords: 'rpg', max_price: 100, total_found: 2 });
    expect(result.games.map((g) => g.app_id)).toEqual(['1001', '1002']);
    expect(result.games[1]).toMatchObject({ name: 'Witcher Tale', currency: 'CNY', discount: 75 });
    expect(result.games[1]?.tags).toContain('角色扮演');
  });

  it('refuses bad arguments naming the argument and its range, before any service runs', async () => {
    const catalog = createFakeCatalog();
    const recommender: Recommender = { recommend: () => Promise.reject(new Error('must not run')) };
    const { client } = await connect({ catalog, recommender });
    const call = (name: string, args: Record<string, unknown>) => client.callTool({ name, arguments: args });

    const tooMany = await call('search_games', { keywords: 'x', max_results: 500 });
    expect(tooMany.isError).toBe(true);
    expect(resultText(tooMany)).toMatch(/max_results must be an integer from 1 to 50/);
    const wrongType = await call('get_discounted_games', { min_discount: 'lots' });
    expect(wrongType.isError).toBe(true);
    expect(resultText(wrongType)).toContain('min_discount');
    const blank = await call('search_games', { keywords: '   ' });
    expect(resultText(blank)).toContain('keywords must be a non-empty string');
    const missing = await call('get_game_details', {});
    expect(resultText(missing)).toContain('game_identifier');
    const huge = await call('recommend_games', { user_query: 'x'.repeat(10_240) });
    expect(huge.isError).toBe(true);
    expect(resultText(huge)).toContain('user_query');
    expect(resultText(huge).length).toBeLessThan(1_000); // the input is not echoed back

    for (const r of [tooMany, wrongType, blank, missing, huge]) {
      expect(resultText(r)).toMatch(/^\{\s*"success": false,\s*"error": "Invalid arguments/);
    }
    expect(catalog.calls).toEqual([]);
  });

  it('turns a UserError into readable isError text (which game, what to try, in both languages)', async () => {
    const { client } = await connect({ catalog: createFakeCatalog() });
    const result = await client.callTool({
      name: 'get_game_details',
      arguments: { game_identifier: '9999' },
    });
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toBeUndefined();
    const { success, error } = JSON.parse(resultText(result)) as { success: boolean; error: string };
    expect(success).toBe(false);
    expect(error).toContain('No Steam game matches "9999"');
    expect(error).toContain('search_games');
    expect(error).toContain('未找到');
  });

  it('says what an upstream failure means, and hides what an internal one says', async () => {
    const failing = (error: Error) => createFakeCatalog({ fail: () => error });
    const timeout = new UpstreamError('STEAM_TIMEOUT', 'GET https://store/api?key=secret timed out');
    let { client } = await connect({ catalog: failing(timeout) });
    const slow = await client.callTool({ name: 'get_top_games', arguments: {} });
    expect(slow.isError).toBe(true);
    expect(resultText(slow)).toContain('Steam did not answer in time');
    expect(resultText(slow)).not.toContain('secret');
    await open?.close();

    ({ client } = await connect({ catalog: failing(new Error('ENOENT /srv/app/secret.json')) }));
    const broken = await client.callTool({ name: 'get_free_games', arguments: {} });
    expect(broken.isError).toBe(true);
    expect(resultText(broken)).toContain('Internal error');
    expect(resultText(broken)).not.toMatch(/secret|ENOENT|at \w+ \(/);
  });

  it('stops a slow call at TOOL_DEADLINE_MS with a message naming the limit', async () => {
    const catalog = createFakeCatalog({ latencyMs: 5_000 });
    const { client } = await connect({ catalog, deadlineMs: 100 });
    const started = Date.now();
    const result = await client.callTool({ name: 'search_games', arguments: { keywords: 'rpg' } });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(result.isError).toBe(true);
    expect(resultText(result)).toContain('TOOL_DEADLINE_MS');
  });

  it('recommend_games keeps the budget, reports progress, and says it ranked by rules', async () => {
    const catalog = createFakeCatalog();
    const { client } = await connect({ catalog, recommender: rulesRecommender(catalog) });
    const progress: { progress: number; total?: number }[] = [];
    const result = await client.callTool(
      {
        name: 'recommend_games',
        arguments: { user_query: '推荐开放世界角色扮演游戏，100元以内', max_results: 3 },
      },
      undefined,
      { onprogress: (p) => progress.push({ progress: p.progress, total: p.total }) },
    );
    expect(result.isError).toBeFalsy();
    const out = result.structuredContent as {
      analysis: { max_price: number | null };
      recommendations_count: number;
      recommendations: { app_id: string; price: number | null; recommendation_score: number }[];
      degraded: boolean;
      degraded_reason: string | null;
    };
    expect(out.analysis.max_price).toBe(100);
    expect(out.recommendations.length).toBeGreaterThan(0);
    expect(out.recommendations.length).toBeLessThanOrEqual(3);
    expect(out.recommendations_count).toBe(out.recommendations.length);
    for (const r of out.recommendations) expect(r.price ?? Infinity).toBeLessThanOrEqual(100);
    const scores = out.recommendations.map((r) => r.recommendation_score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(out.degraded).toBe(true);
    expect(out.degraded_reason).toContain('DASHSCOPE_API_KEY');
    expect(progress.map((p) => p.progress)).toEqual([1, 2, 3, 4]);
    expect(progress.every((p) => p.total === 4)).toBe(true);
  });

  it('recommend_games refuses readably when the instance is busy', async () => {
    const catalog = createFakeCatalog();
    const { client } = await connect({
      catalog,
      recommender: limitRecommendations(rulesRecommender(catalog), 0),
    });
    const result = await client.callTool({ name: 'recommend_games', arguments: { user_query: 'rpg' } });
    expect(result.isError).toBe(true);
    expect(resultText(result)).toContain('The server is busy');
    expect(resultText(result)).toContain('请稍后重试');
    expect(catalog.calls).toEqual([]);
  });

  it('find_similar_games names the reference and leaves it out of the games', async () => {
    const { client } = await connect({ catalog: createFakeCatalog() });
    const result = await callTool<{
      reference: { app_id: string; name: string };
      games: { app_id: string; shared_tags?: string[] }[];
    }>(client, 'find_similar_games', { game_identifier: 'Witcher Tale', max_results: 3 });
    expect(result.reference).toMatchObject({ app_id: '1002', name: 'Witcher Tale' });
    expect(result.games.length).toBeGreaterThan(0);
    expect(result.games.length).toBeLessThanOrEqual(3);
    expect(result.games.map((g) => g.app_id)).not.toContain('1002');
  });
});
