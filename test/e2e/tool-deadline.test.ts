import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FakeSteam } from '../helpers/fake-steam.js';
import type { Connected } from '../helpers/mcp-clients.js';
import { startSteamStack, type SteamStack } from '../helpers/steam-stack.js';

const DEADLINE_MS = 1_000;
const text = (r: unknown) => JSON.stringify((r as { content?: unknown }).content);

describe('TOOL_DEADLINE_MS bounds every tool call but recommend_games', () => {
  let stack: SteamStack | undefined;
  let steam: FakeSteam;
  let conn: Connected;

  beforeAll(async () => {
    stack = await startSteamStack({
      STEAM_RETRIES: '0',
      STEAM_TIMEOUT_MS: '8000', // longer than the deadline: the deadline is what ends these calls
      CACHE_TTL_MS: '0',
      TOOL_DEADLINE_MS: String(DEADLINE_MS),
    });
    ({ steam, conn } = stack);
    // Warm-up: the services chunk loads on the first call, which must not eat into a deadline below.
    await conn.client.callTool({ name: 'get_game_details', arguments: { game_identifier: '1091500' } });
  });
  beforeEach(() => steam.reset());
  afterAll(() => stack?.close());

  const timed = async (name: string, args: Record<string, unknown>) => {
    const started = Date.now();
    const result = await conn.client.callTool({ name, arguments: args });
    return { result, ms: Date.now() - started };
  };

  it('a slow enrichment step → the list so far, with a bilingual warning, soon after the deadline', async () => {
    steam.fail('/IStoreBrowseService/GetItems', { delayMs: 6_000 });
    const { result, ms } = await timed('get_top_games', { filter_type: 'topsellers', max_results: 5 });
    expect(result.isError).toBeFalsy();
    const out = result.structuredContent as { games: unknown[]; warnings?: string[] };
    expect(out.games.length).toBeGreaterThan(0);
    expect(out.warnings?.join(' ')).toMatch(/partial/);
    expect(out.warnings?.join(' ')).toMatch(/部分结果/);
    expect(ms).toBeLessThan(DEADLINE_MS + 1_500);
  });

  it('nothing to show by the deadline → a readable error naming the limit, not a hang', async () => {
    steam.fail('/search/results', { delayMs: 6_000 });
    steam.fail('/IStoreQueryService/Query', { delayMs: 6_000 });
    const { result, ms } = await timed('search_games', { keywords: '很慢的关键词' });
    expect(result.isError).toBe(true);
    expect(text(result)).toContain('TOOL_DEADLINE_MS');
    expect(text(result)).toContain('时限');
    expect(ms).toBeLessThan(DEADLINE_MS + 1_500);
  });

  it('recommend_games keeps its own deadline (RECOMMEND_DEADLINE_MS), not TOOL_DEADLINE_MS', async () => {
    steam.delay(700); // every Steam answer: the recommendation takes well over a second
    const { result, ms } = await timed('recommend_games', { user_query: '开放世界RPG', max_results: 3 });
    expect(ms).toBeGreaterThan(DEADLINE_MS);
    expect(text(result)).not.toContain('TOOL_DEADLINE_MS');
    expect(result.isError).toBeFalsy();
  });
});
