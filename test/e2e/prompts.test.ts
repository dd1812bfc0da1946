import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSteam, type FakeSteam } from '../helpers/fake-steam.js';
import { connectClient, type Connected, type TransportName } from '../helpers/mcp-clients.js';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js';
import { startSteamStack, type SteamStack } from '../helpers/steam-stack.js';

const PROMPT_NAMES = ['daily_deals', 'games_like', 'what_to_play_tonight', 'worth_buying'];

describe.each<TransportName>(['streamable', 'stdio'])('prompts and completions over %s', (transport) => {
  let steam: FakeSteam;
  let server: ServerProcess | undefined;
  let conn: Connected;

  beforeAll(async () => {
    steam = await startFakeSteam();
    const env = { STEAM_STORE_URL: steam.url, STEAM_API_URL: steam.url, STEAM_RETRIES: '0' };
    if (transport !== 'stdio') server = await startServerProcess(env);
    conn = await connectClient(transport, { url: server?.url, env });
  });

  afterAll(async () => {
    await conn?.close();
    await server?.stop();
    await steam?.close();
  });

  it('declares prompts and completions, and lists the four prompts with Chinese titles', async () => {
    expect(conn.client.getServerCapabilities()).toMatchObject({ prompts: {}, completions: {} });
    const { prompts } = await conn.client.listPrompts();
    expect(prompts.map((p) => p.name).sort()).toEqual(PROMPT_NAMES);
    expect(prompts.map((p) => p.title?.split(' / ')[0]).sort()).toEqual(
      ['今晚玩什么', '值不值得买', '折扣日报', '像X一样的游戏'].sort(),
    );
    const worth = prompts.find((p) => p.name === 'worth_buying')!;
    expect(worth.arguments).toEqual([expect.objectContaining({ name: 'game', required: true })]);
  });

  it('turns 今晚玩什么 into a recommend_games call carrying mood, time, budget and players', async () => {
    const result = await conn.client.getPrompt({
      name: 'what_to_play_tonight',
      arguments: { mood: '放松', time: '2小时', budget: '50', players: '双人' },
    });
    const text = (result.messages[0]!.content as { text: string }).text;
    expect(result.messages[0]!.role).toBe('user');
    expect(text).toContain('recommend_games');
    expect(text).toContain('user_query 为 "想玩放松的游戏，今晚能玩2小时，预算50元以内，双人玩"');
  });

  it('a budget of 0 asks for free games only', async () => {
    const result = await conn.client.getPrompt({ name: 'what_to_play_tonight', arguments: { budget: '0' } });
    expect((result.messages[0]!.content as { text: string }).text).toContain('"只要免费游戏"');
  });

  it('值不值得买, 像X一样的游戏 and 折扣日报 name the tools and the arguments to pass', async () => {
    const worth = await conn.client.getPrompt({ name: 'worth_buying', arguments: { game: '艾尔登法环' } });
    const worthText = (worth.messages[0]!.content as { text: string }).text;
    expect(worthText).toContain('get_game_details，game_identifier 为 "艾尔登法环"');
    expect(worthText).toContain('get_price_verdict，game_identifier 为 "艾尔登法环"');

    const like = await conn.client.getPrompt({
      name: 'games_like',
      arguments: { game: '星露谷物语', budget: '60' },
    });
    const likeText = (like.messages[0]!.content as { text: string }).text;
    expect(likeText).toContain(
      'find_similar_games，game_identifier 为 "星露谷物语"，max_results 为 8，max_price 为 60',
    );
    expect(likeText).not.toContain('recommend_games');

    const deals = await conn.client.getPrompt({
      name: 'daily_deals',
      arguments: { budget: '100', tags: '角色扮演，开放世界' },
    });
    const dealsText = (deals.messages[0]!.content as { text: string }).text;
    expect(dealsText).toContain('get_discounted_games，min_discount 为 30，max_price 为 100');
    expect(dealsText).toContain('「角色扮演、开放世界」');
  });

  it('refuses a missing required argument, an over-long one and an unknown prompt, in both languages', async () => {
    await expect(conn.client.getPrompt({ name: 'worth_buying', arguments: {} })).rejects.toThrow(
      /game is required.*缺少必填参数 game/,
    );
    await expect(
      conn.client.getPrompt({ name: 'games_like', arguments: { game: 'x'.repeat(101) } }),
    ).rejects.toThrow(/at most 100 characters/);
    await expect(conn.client.getPrompt({ name: 'nope' })).rejects.toThrow(/Unknown prompt "nope"/);
  });

  it('completes game names from the store suggestions, and caches them', async () => {
    steam.reset();
    const ref = { type: 'ref/prompt' as const, name: 'worth_buying' };
    const first = await conn.client.complete({ ref, argument: { name: 'game', value: '艾尔登' } });
    expect(first.completion.values).toContain('艾尔登法环');
    expect(first.completion.values.every((v) => v.includes('艾尔登'))).toBe(true);
    expect(steam.count('/api/storesearch')).toBe(1);
    const again = await conn.client.complete({
      ref: { type: 'ref/prompt', name: 'games_like' },
      argument: { name: 'game', value: '艾尔登 ' },
    });
    expect(again.completion.values).toEqual(first.completion.values);
    expect(steam.count('/api/storesearch')).toBe(1);
  });

  it('bounds game-name completion: blank or over-long input never reaches Steam', async () => {
    steam.reset();
    const ref = { type: 'ref/prompt' as const, name: 'worth_buying' };
    for (const value of ['', '   ', 'x'.repeat(101)]) {
      const { completion } = await conn.client.complete({ ref, argument: { name: 'game', value } });
      expect(completion.values).toEqual([]);
    }
    expect(steam.count('/api/storesearch')).toBe(0);
  });

  it('answers an unreachable store with no suggestions rather than an error', async () => {
    steam.reset();
    steam.fail('/api/storesearch', { status: 503 });
    const { completion } = await conn.client.complete({
      ref: { type: 'ref/prompt', name: 'worth_buying' },
      argument: { name: 'game', value: '赛博朋克' },
    });
    expect(completion).toEqual({ values: [], total: 0, hasMore: false });
    steam.reset();
  });

  it('completes tags from the vocabulary, in the language typed, keeping earlier tags', async () => {
    const ref = { type: 'ref/prompt' as const, name: 'daily_deals' };
    const zh = await conn.client.complete({ ref, argument: { name: 'tags', value: '开放' } });
    expect(zh.completion.values).toEqual(['开放世界', '开放世界生存']);
    const en = await conn.client.complete({ ref, argument: { name: 'tags', value: 'rog' } });
    expect(en.completion.values).toEqual(['Roguelike']);
    const more = await conn.client.complete({ ref, argument: { name: 'tags', value: '角色扮演，生' } });
    // Names starting with the typed text come before names containing it.
    expect(more.completion.values).toEqual(['角色扮演，生存', '角色扮演，开放世界生存']);
    const all = await conn.client.complete({
      ref: { type: 'ref/prompt', name: 'what_to_play_tonight' },
      argument: { name: 'mood', value: '' },
    });
    expect(all.completion.values).toHaveLength(10);
    expect(all.completion.hasMore).toBe(true);
    expect(all.completion.total).toBeGreaterThan(10);
  });

  it('completes arguments without a source, and unknown prompts, to nothing', async () => {
    const none = await conn.client.complete({
      ref: { type: 'ref/prompt', name: 'what_to_play_tonight' },
      argument: { name: 'time', value: '2' },
    });
    expect(none.completion.values).toEqual([]);
    const unknown = await conn.client.complete({
      ref: { type: 'ref/prompt', name: 'no_such_prompt' },
      argument: { name: 'game', value: 'a' },
    });
    expect(unknown.completion.values).toEqual([]);
  });
});

describe('game-name completion per client', () => {
  let stack: SteamStack | undefined;
  let steam: FakeSteam;
  let conn: Connected;

  beforeAll(async () => {
    stack = await startSteamStack({ RATE_LIMIT_PER_MINUTE: '2' });
    ({ steam, conn } = stack);
  });
  afterAll(() => stack?.close());

  it('looks up at most RATE_LIMIT_PER_MINUTE new terms a minute; cached terms still answer', async () => {
    const complete = (value: string) =>
      conn.client.complete({
        ref: { type: 'ref/prompt', name: 'worth_buying' },
        argument: { name: 'game', value },
      });
    expect((await complete('艾尔登')).completion.values).toContain('艾尔登法环');
    expect((await complete('星露谷')).completion.values).toContain('星露谷物语');
    expect((await complete('赛博朋克')).completion.values).toEqual([]);
    expect(steam.count('/api/storesearch')).toBe(2);
    expect((await complete('艾尔登')).completion.values).toContain('艾尔登法环');
    // Tool calls keep their own budget.
    const call = await conn.client.callTool({ name: 'get_top_games', arguments: { max_results: 1 } });
    expect(call.isError).toBeFalsy();
  });
});
