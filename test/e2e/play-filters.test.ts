import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callTool, type Connected } from '../helpers/mcp-clients.js';
import { startSteamStack, type SteamStack } from '../helpers/steam-stack.js';

type Support = { interface: boolean; subtitles: boolean; full_audio: boolean };
interface Card {
  app_id: string;
  name: string;
  languages: { schinese?: Support; tchinese?: Support; english?: Support } | null;
  deck: 'verified' | 'playable' | 'unsupported' | 'unknown';
}
interface ListOut {
  games: Card[];
  language: string | null;
  deck: string | null;
  warnings?: string[];
}
interface RecommendOut {
  analysis: { language: string | null; deck: string | null };
  recommendations: (Card & { recommendation_reason: string; highlights: string[] })[];
  warnings?: string[];
}

describe('languages and Steam Deck on cards and as filters, through a real SDK client (no LLM)', () => {
  let stack: SteamStack | undefined;
  let conn: Connected;

  beforeAll(async () => {
    stack = await startSteamStack();
    ({ conn } = stack);
  });
  afterAll(() => stack?.close());

  it('every card says its languages (null = unknown) and its Deck status', async () => {
    const out = await callTool<ListOut>(conn.client, 'get_discounted_games', { max_results: 50 });
    const decks = new Set(out.games.map((g) => g.deck));
    expect([...decks].sort()).toEqual(['playable', 'unknown', 'unsupported', 'verified']);
    expect(out.games.some((g) => g.languages === null)).toBe(true);
    expect(out.games.some((g) => g.languages?.schinese)).toBe(true);
    expect(out.games.some((g) => g.languages && !g.languages.schinese)).toBe(true);
  });

  it('language=schinese keeps only games whose card says Chinese, and says how many were unknown', async () => {
    const out = await callTool<ListOut>(conn.client, 'get_discounted_games', {
      max_results: 50,
      language: 'schinese',
    });
    expect(out.language).toBe('schinese');
    expect(out.games.length).toBeGreaterThan(5);
    for (const g of out.games) expect(g.languages?.schinese).toBeTruthy();
    expect(out.warnings?.join(' ')).toMatch(/未知.*not counted/);
  });

  it('deck=verified and language=schinese_audio are hard filters on every list tool', async () => {
    const verified = await callTool<ListOut>(conn.client, 'get_discounted_games', {
      max_results: 50,
      deck: 'verified',
    });
    expect(verified.games.length).toBeGreaterThan(0);
    for (const g of verified.games) expect(g.deck).toBe('verified');

    const free = await callTool<ListOut>(conn.client, 'get_free_games', { language: 'schinese_audio' });
    expect(free.games.map((g) => g.name)).toEqual(expect.arrayContaining(['绿茵足球', '星穹少女']));
    for (const g of free.games) expect(g.languages?.schinese?.full_audio).toBe(true);

    const search = await callTool<ListOut>(conn.client, 'search_games', {
      keywords: 'Night',
      language: 'schinese',
      deck: 'playable_or_better',
    });
    expect(search.games.map((g) => g.name)).toContain('幸存者之夜');
    expect(search.games.map((g) => g.name)).not.toContain('Night Ward'); // languages unknown
    for (const g of search.games) expect(['verified', 'playable']).toContain(g.deck);
  });

  it('refuses an unknown language with a message naming the argument', async () => {
    const result = await conn.client.callTool({
      name: 'search_games',
      arguments: { keywords: 'Night', language: 'klingon' },
    });
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toMatch(/language must be one of schinese/);
  });

  it('get_game_details carries languages and the Deck status from the card', async () => {
    const { details: out } = await callTool<{ details: Card }>(conn.client, 'get_game_details', {
      game_identifier: '4200006',
    });
    expect(out.languages?.schinese).toEqual({ interface: true, subtitles: true, full_audio: true });
    expect(out.deck).toBe('verified');
  });

  it('recommend_games: 中文配音 is a hard constraint, and the reason says it', async () => {
    const out = await callTool<RecommendOut>(conn.client, 'recommend_games', {
      user_query: '有中文配音的恐怖游戏',
      max_results: 5,
    });
    expect(out.analysis.language).toBe('schinese_audio');
    const names = out.recommendations.map((r) => r.name);
    expect(names).toContain('回声之屋');
    expect(names).not.toContain('Dark Cellar');
    expect(names).not.toContain('Night Ward');
    for (const r of out.recommendations) {
      expect(r.languages?.schinese?.full_audio).toBe(true);
      expect(r.recommendation_reason).toContain('中文配音');
    }
  });

  it('recommend_games: 掌机 / Steam Deck is understood and enforced', async () => {
    const out = await callTool<RecommendOut>(conn.client, 'recommend_games', {
      user_query: 'Steam Deck上能玩的独立游戏',
      max_results: 5,
    });
    expect(out.analysis.deck).toBe('playable_or_better');
    expect(out.recommendations.length).toBeGreaterThan(0);
    for (const r of out.recommendations) {
      expect(['verified', 'playable']).toContain(r.deck);
      expect(r.recommendation_reason).toMatch(/Steam Deck (已验证|可游玩)/);
      expect(r.highlights.length).toBeLessThanOrEqual(3);
    }
  });
});
