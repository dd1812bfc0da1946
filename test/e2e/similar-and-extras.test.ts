import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_GAMES } from '../helpers/fake-steam-games.js';
import { CHINESE_REVIEWS, PLAYER_COUNTS } from '../helpers/fake-steam-players.js';
import type { FakeSteam } from '../helpers/fake-steam.js';
import { callTool, type Connected } from '../helpers/mcp-clients.js';
import { startSteamStack, type SteamStack } from '../helpers/steam-stack.js';

interface Card {
  app_id: string;
  name: string;
  price: number | null;
  tags: string[];
  review_positive_pct: number | null;
  review_schinese_pct?: number | null;
  review_schinese_count?: number | null;
  current_players?: number | null;
}
interface SimilarOutput {
  reference: { app_id: string; name: string; tags: string[] };
  total_found: number;
  games: (Card & { shared_tags: string[]; similarity: number })[];
}
interface DetailsOutput {
  details: Card & {
    review_trend?: {
      recent_positive_pct: number | null;
      recent_count: number;
      direction: string | null;
    } | null;
  };
}

interface RecommendOutput {
  degraded: boolean;
  reference_game?: { app_id: string; name: string } | null;
  recommendations: (Card & { recommendation_reason: string; highlights: string[] })[];
}

const STARDEW = '413150';
const TERRARIA = '105600';
const ELDEN_RING = '1245620';
const ELDEN_RING_DLC = '2778580';
const MULTIPLAYER_TAGS = new Set([3859, 1685, 3843]);

describe('find_similar_games and the per-game extras, through real SDK clients and the fake Steam', () => {
  let stack: SteamStack | undefined;
  let steam: FakeSteam;
  let conn: Connected;

  beforeAll(async () => {
    stack = await startSteamStack();
    ({ steam, conn } = stack);
  });
  afterAll(() => stack?.close());

  it('finds games like a reference named in Chinese: its neighbours first, never itself, shared tags named', async () => {
    const out = await callTool<SimilarOutput>(conn.client, 'find_similar_games', {
      game_identifier: '星露谷物语',
      max_results: 5,
    });
    expect(out.reference.app_id).toBe(STARDEW);
    expect(out.reference.tags).toContain('模拟');
    const ids = out.games.map((g) => g.app_id);
    expect(ids).not.toContain(STARDEW);
    // Terraria shares indie + co-op + multiplayer and is loved: it beats unreviewed fillers
    // that share slightly more tag weight.
    expect(ids.slice(0, 3)).toContain(TERRARIA);
    for (const g of out.games) {
      expect(g.shared_tags.length).toBeGreaterThan(0);
      for (const tag of g.shared_tags) expect(g.tags.concat(out.reference.tags)).toContain(tag);
      expect(g.similarity).toBeGreaterThan(0);
      expect(g.similarity).toBeLessThanOrEqual(1);
    }
    const terraria = out.games.find((g) => g.app_id === TERRARIA)!;
    expect(terraria.shared_tags).toEqual(expect.arrayContaining(['合作', '多人']));
    expect(terraria.review_schinese_pct).toBe(CHINESE_REVIEWS.get(105600)![0]);
    expect(terraria.current_players).toBe(PLAYER_COUNTS.get(105600));
  });

  it('by AppID: leaves out the DLC, ranks by shared tag weight, honours max_price', async () => {
    const out = await callTool<SimilarOutput>(conn.client, 'find_similar_games', {
      game_identifier: ELDEN_RING,
      max_results: 20,
    });
    const ids = out.games.map((g) => g.app_id);
    expect(ids).not.toContain(ELDEN_RING);
    expect(ids).not.toContain(ELDEN_RING_DLC);
    // The Witcher 3 and Skyrim share five of the six heaviest tags.
    expect(ids.slice(0, 3)).toEqual(expect.arrayContaining(['292030', '489830']));
    const cheap = await callTool<SimilarOutput>(conn.client, 'find_similar_games', {
      game_identifier: ELDEN_RING,
      max_results: 20,
      max_price: 100,
    });
    expect(cheap.games.length).toBeGreaterThan(0);
    for (const g of cheap.games) expect(g.price === null ? Infinity : g.price).toBeLessThanOrEqual(100);
  });

  it('language and deck filter the neighbours like the list tools do', async () => {
    const all = await callTool<SimilarOutput>(conn.client, 'find_similar_games', {
      game_identifier: ELDEN_RING,
      max_results: 20,
    });
    const verified = await callTool<SimilarOutput & { games: { deck: string }[] }>(
      conn.client,
      'find_similar_games',
      { game_identifier: ELDEN_RING, max_results: 20, deck: 'verified' },
    );
    expect(verified.total_found).toBeLessThan(all.total_found);
    expect(verified.games.length).toBeGreaterThan(0);
    for (const g of verified.games) expect(g.deck).toBe('verified');
  });

  it('shows live players only for multiplayer games, and Chinese reviews for every game', async () => {
    const out = await callTool<SimilarOutput>(conn.client, 'find_similar_games', {
      game_identifier: ELDEN_RING,
      max_results: 20,
    });
    for (const g of out.games) {
      const fake = FAKE_GAMES.find((f) => String(f.appId) === g.app_id)!;
      const multiplayer = fake.tagIds.some((id) => MULTIPLAYER_TAGS.has(id));
      if (multiplayer) expect(g.current_players).toBe(PLAYER_COUNTS.get(fake.appId) ?? null);
      else expect(g).not.toHaveProperty('current_players');
      const chinese = CHINESE_REVIEWS.get(fake.appId);
      expect(g.review_schinese_count).toBe(chinese?.[1] ?? 0);
      expect(g.review_schinese_pct).toBe(chinese?.[0] ?? null);
    }
  });

  it('recommend_games understands 像X without a model: neighbours of X, never X, reasons naming X', async () => {
    const out = await callTool<RecommendOutput>(conn.client, 'recommend_games', {
      user_query: '像星露谷物语一样的种田游戏',
      max_results: 5,
    });
    expect(out.degraded).toBe(true); // no LLM configured: the rules path
    expect(out.reference_game).toEqual({ app_id: STARDEW, name: '星露谷物语' });
    const ids = out.recommendations.map((r) => r.app_id);
    expect(ids).not.toContain(STARDEW);
    expect(ids).toContain(TERRARIA);
    const terraria = out.recommendations.find((r) => r.app_id === TERRARIA)!;
    expect(terraria.recommendation_reason).toMatch(/^和《星露谷物语》一样有「[^」]*合作/);
    expect(terraria.recommendation_reason).toContain('中文评测 97% 好评');
    expect(terraria.recommendation_reason).toContain('当前 40,123 人在线');
    expect(terraria.highlights[0]).toBe('像《星露谷物语》');
    expect(terraria.current_players).toBe(PLAYER_COUNTS.get(105600));
  });

  it('recommend_games understands "games like X" in English, with the budget kept', async () => {
    const out = await callTool<RecommendOutput>(conn.client, 'recommend_games', {
      user_query: 'games like Elden Ring under 150',
      max_results: 5,
    });
    expect(out.reference_game?.app_id).toBe(ELDEN_RING);
    expect(out.recommendations.length).toBeGreaterThan(0);
    for (const r of out.recommendations) {
      expect([ELDEN_RING, ELDEN_RING_DLC]).not.toContain(r.app_id);
      expect(r.price ?? Infinity).toBeLessThanOrEqual(150);
      expect(r).not.toHaveProperty('review_schinese_pct'); // English request: Chinese reviews not fetched
    }
    expect(
      out.recommendations.some((r) => /with ELDEN RING|with 艾尔登法环/.test(r.recommendation_reason)),
    ).toBe(true);
  });

  it('an unknown reference game is a readable error', async () => {
    const result = await conn.client.callTool({
      name: 'find_similar_games',
      arguments: { game_identifier: 'zzzz no such game qqq' },
    });
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toMatch(/No Steam game matches.*未找到/);
  });

  it('get_game_details: Chinese reviews, the 30-day trend and live players', async () => {
    const { details } = await callTool<DetailsOutput>(conn.client, 'get_game_details', {
      game_identifier: ELDEN_RING,
    });
    expect(details.review_schinese_pct).toBe(88);
    expect(details.review_schinese_count).toBe(120_456);
    expect(details.current_players).toBe(40_000);
    expect(details.review_trend).toEqual({
      recent_positive_pct: 75,
      recent_count: 1200,
      direction: 'declining',
    });
  });

  it('get_game_details: a game without Chinese reviews or player data says so', async () => {
    const { details } = await callTool<DetailsOutput>(conn.client, 'get_game_details', {
      game_identifier: '1293040', // 2048: no Chinese reviews, no player count (404 + result 42)
    });
    expect(details.review_schinese_count).toBe(0);
    expect(details.review_schinese_pct).toBeNull();
    expect(details.current_players).toBeNull();
    expect(details.review_trend?.direction).toBe('steady');
  });

  it('a failing player-count service leaves the field null, the answer intact', async () => {
    steam.fail('/ISteamUserStats', { status: 503 });
    try {
      const { details } = await callTool<DetailsOutput>(conn.client, 'get_game_details', {
        game_identifier: '1284410', // GWENT: 0 players when the service answers
      });
      expect(details.current_players).toBeNull();
      expect(details.review_schinese_count).toBe(0);
    } finally {
      steam.reset();
    }
  });
});
