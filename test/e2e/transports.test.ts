import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSteam, type FakeSteam } from '../helpers/fake-steam.js';
import {
  callTool,
  connectClient,
  type Connected,
  type TransportName,
  TOOL_NAMES,
} from '../helpers/mcp-clients.js';
import { listTools } from '../../src/server/listed-tool.js';
import { allTools } from '../../src/tools/index.js';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js';

interface Game {
  app_id: string;
  name: string;
  price: number | null;
  discount: number;
  is_free: boolean;
  tags: string[];
  rank?: number;
}

describe.each<TransportName>(['sse', 'streamable', 'stdio'])(
  'MCP over %s against the fake Steam store',
  (transport) => {
    let steam: FakeSteam;
    let server: ServerProcess | undefined;
    let conn: Connected;

    beforeAll(async () => {
      steam = await startFakeSteam();
      const env = {
        STEAM_STORE_URL: steam.url,
        STEAM_API_URL: steam.url,
        STEAM_RETRIES: '0',
      };
      if (transport !== 'stdio') server = await startServerProcess(env);
      conn = await connectClient(transport, { url: server?.url, env });
    });

    afterAll(async () => {
      await conn?.close();
      await server?.stop();
      await steam?.close();
    });

    it('lists the six tools with input and output schemas', async () => {
      const { tools } = await conn.client.listTools();
      expect(tools.map((t) => t.name).sort()).toEqual(TOOL_NAMES);
      // The bundle lists what it computed at build time: exactly what the source computes now.
      expect(tools).toEqual(listTools(allTools));
      for (const tool of tools) {
        expect(tool.inputSchema.type).toBe('object');
        expect(tool.outputSchema?.type).toBe('object');
        expect(tool.annotations?.readOnlyHint).toBe(true);
      }
      const search = tools.find((t) => t.name === 'search_games')!;
      expect(search.inputSchema.required).toEqual(['keywords']);
      expect(search.inputSchema.properties?.max_results).toMatchObject({
        minimum: 1,
        maximum: 50,
        default: 10,
      });
    });

    it('search_games keeps games only, every price within max_price, max_results exactly', async () => {
      const result = await callTool<{ games: Game[]; max_price: number }>(conn.client, 'search_games', {
        keywords: '黑神话',
        max_price: 300,
        max_results: 5,
      });
      const names = result.games.map((g) => g.name);
      expect(names).toContain('黑神话：悟空');
      expect(names).not.toContain('黑神话：悟空 原声大碟'); // soundtrack
      expect(names).not.toContain('黑神话：钟馗'); // no price yet: never "under a budget"
      expect(names).not.toContain('黑神话：悟空 数字豪华版'); // a package, not a game
      for (const g of result.games) expect(g.price).not.toBeNull();
      for (const g of result.games) expect(g.price!).toBeLessThanOrEqual(300);

      const many = await callTool<{ games: Game[] }>(conn.client, 'search_games', {
        keywords: '特惠',
        max_results: 7,
      });
      expect(many.games).toHaveLength(7);
    });

    it('get_discounted_games returns the biggest discounts of all, sorted, all ≥ min_discount', async () => {
      const result = await callTool<{ games: Game[] }>(conn.client, 'get_discounted_games', {
        min_discount: 30,
        max_price: 100,
        max_results: 12,
      });
      const expected = steam.games
        .filter(
          (g) => g.type === 'game' && !g.isFree && !g.comingSoon && g.priceCents !== null && g.discount >= 30,
        )
        .filter((g) => Math.round((g.priceCents! * (100 - g.discount)) / 100) / 100 <= 100)
        .map((g) => g.discount)
        .sort((a, b) => b - a)
        .slice(0, 12);
      expect(result.games.map((g) => g.discount)).toEqual(expected);
      for (const g of result.games) expect(g.price!).toBeLessThanOrEqual(100);
    });

    it('get_top_games ranks 1..n in Steam top-seller order', async () => {
      const result = await callTool<{ games: Game[]; filter_type: string }>(conn.client, 'get_top_games', {
        max_results: 8,
      });
      expect(result.filter_type).toBe('topsellers');
      expect(result.games.map((g) => g.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      const bySales = steam.games
        .filter((g) => g.type === 'game' && !g.comingSoon)
        .sort((a, b) => a.salesRank - b.salesRank)
        .slice(0, 8)
        .map((g) => String(g.appId));
      expect(result.games.map((g) => g.app_id)).toEqual(bySales);
    });

    it('get_free_games returns only free games, and tags really filter (Chinese or English)', async () => {
      const all = await callTool<{ games: Game[] }>(conn.client, 'get_free_games', { max_results: 50 });
      const freeGames = steam.games.filter((g) => g.isFree && g.type === 'game' && !g.comingSoon);
      expect(all.games.map((g) => g.app_id).sort()).toEqual(freeGames.map((g) => String(g.appId)).sort());
      for (const g of all.games) expect(g.is_free && g.price === 0).toBe(true);

      const shooters = await callTool<{ games: Game[]; tags_filter: string[] }>(
        conn.client,
        'get_free_games',
        {
          tags: ['Shooter'],
        },
      );
      const expectedShooters = freeGames.filter((g) => g.tagIds.includes(1774)).map((g) => String(g.appId));
      expect(shooters.games.map((g) => g.app_id).sort()).toEqual(expectedShooters.sort());
      expect(expectedShooters.length).toBeGreaterThan(0);
      expect(expectedShooters.length).toBeLessThan(freeGames.length);
      for (const g of shooters.games) expect(g.tags).toContain('射击');

      const unknown = await conn.client.callTool({
        name: 'get_free_games',
        arguments: { tags: ['不存在的标签xyz'] },
      });
      expect(unknown.isError).toBe(true);
      expect(JSON.stringify(unknown.content)).toContain('不存在的标签xyz');
    });

    it('get_game_details by AppID, by Chinese name, and a numeric name that is not an AppID', async () => {
      const byId = await callTool<{ details: Game & { developers: string[] }; resolved_by: string }>(
        conn.client,
        'get_game_details',
        { game_identifier: '1245620' },
      );
      expect(byId.resolved_by).toBe('app_id');
      expect(byId.details).toMatchObject({
        app_id: '1245620',
        name: '艾尔登法环',
        price: 178.8,
        discount: 40,
      });
      expect(byId.details.developers.length).toBeGreaterThan(0);

      const byName = await callTool<{ details: Game; resolved_by: string }>(conn.client, 'get_game_details', {
        game_identifier: '艾尔登法环',
      });
      expect(byName).toMatchObject({ resolved_by: 'name', details: { app_id: '1245620' } });

      const numeric = await callTool<{ details: Game; resolved_by: string }>(
        conn.client,
        'get_game_details',
        {
          game_identifier: '2048',
        },
      );
      expect(numeric).toMatchObject({ resolved_by: 'name', details: { app_id: '1293040', name: '2048' } });

      const missing = await conn.client.callTool({
        name: 'get_game_details',
        arguments: { game_identifier: '完全不存在的游戏名称' },
      });
      expect(missing.isError).toBe(true);
    });

    it('bad arguments give a tool error naming the argument and its range', async () => {
      const tooMany = await conn.client.callTool({
        name: 'search_games',
        arguments: { keywords: 'x', max_results: 500 },
      });
      expect(tooMany.isError).toBe(true);
      expect(JSON.stringify(tooMany.content)).toMatch(/max_results must be an integer from 1 to 50/);
      const wrongType = await conn.client.callTool({
        name: 'get_discounted_games',
        arguments: { min_discount: 'lots' },
      });
      expect(wrongType.isError).toBe(true);
      expect(JSON.stringify(wrongType.content)).toContain('min_discount');
      const empty = await conn.client.callTool({ name: 'search_games', arguments: { keywords: '   ' } });
      expect(JSON.stringify(empty.content)).toContain('keywords must be a non-empty string');
      const huge = await conn.client.callTool({
        name: 'recommend_games',
        arguments: { user_query: 'x'.repeat(10_240) },
      });
      expect(JSON.stringify(huge.content)).toContain('user_query');
      const unknown = await conn.client.callTool({ name: 'no_such_tool', arguments: {} });
      expect(unknown.isError).toBe(true);
      for (const r of [tooMany, wrongType, empty, huge, unknown])
        expect(JSON.stringify(r.content)).not.toMatch(/at \w+ \(/);
    });
  },
);
