import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FAKE_GAMES } from '../helpers/fake-steam-games.js';
import { startFakeSteam, type FakeSteam } from '../helpers/fake-steam.js';
import {
  BULK_GAMES,
  FAKE_STEAM_KEY,
  FAKE_USERS,
  fakeUserRoutes,
  ROGUELIKE_GAMES,
} from '../helpers/fake-steam-users.js';
import { FAKE_ITAD_KEY, startFakeItad, type FakeItad } from '../helpers/fake-itad.js';
import { callTool, connectClient, type Connected } from '../helpers/mcp-clients.js';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js';

interface RegionRow {
  region: string;
  currency: string;
  status: string;
  price: number | null;
  discount: number;
  formatted_price: string | null;
  price_cny: number | null;
}
interface RegionPrices {
  app_id: string;
  name: string;
  prices: RegionRow[];
  cheapest_region: string | null;
  fx: { rates_date: string } | null;
  note: string;
}

interface Verdict {
  name: string;
  price: number;
  discount: number;
  lowest_price_30d: number | null;
  historical_low: {
    all_time: { price: number } | null;
    steam: { price: number; date: string | null } | null;
  } | null;
  verdict: string;
  verdict_code: string;
  basis: string;
  rule: string;
  warnings?: string[];
}

interface Recommended {
  recommendations: { app_id: string; tags: string[] }[];
  personalization?: {
    built_from: string;
    wishlist_games: number;
    owned_games: number;
    taste_tags: { name: string; weight: number }[];
    owned_excluded: boolean;
  };
  degraded: boolean;
}

const ROGUELIKE = '类 Rogue';

interface Deal {
  app_id: string;
  name: string;
  price: number;
  original_price: number;
  discount: number;
  discount_ends_at: string | null;
  lowest_price_30d: number | null;
  saving: number;
  tags: string[];
  languages: Record<string, { full_audio: boolean }> | null;
  deck: string;
}
interface Deals {
  currency: string;
  totals: {
    items: number;
    priced: number;
    on_sale: number;
    not_sold: number;
    total_saving: number;
    matching: number;
  };
  language: string | null;
  deck: string | null;
  games: Deal[];
  warnings?: string[];
}

const user = (vanity: string) => FAKE_USERS.find((u) => u.vanity === vanity)!;
const text = (r: unknown) => JSON.stringify((r as { content?: unknown }).content);
const DEADLINE_MS = 20_000;

interface Running {
  steam: FakeSteam;
  server: ServerProcess;
  conn: Connected;
}

/** A fake Steam (store + users) and a server process for one describe block; the request log resets per test. */
function serve(env: Record<string, string> | (() => Record<string, string>) = {}): Running {
  const running = {} as Running;
  beforeAll(async () => {
    running.steam = await startFakeSteam({
      games: [...FAKE_GAMES, ...BULK_GAMES, ...ROGUELIKE_GAMES],
      routes: fakeUserRoutes(),
    });
    running.server = await startServerProcess({
      STEAM_STORE_URL: running.steam.url,
      STEAM_API_URL: running.steam.url,
      STEAM_COMMUNITY_URL: running.steam.url,
      TOOL_DEADLINE_MS: String(DEADLINE_MS),
      ...(typeof env === 'function' ? env() : env),
    });
    running.conn = await connectClient('streamable', { url: running.server.url });
  });
  beforeEach(() => running.steam.reset());
  afterAll(async () => {
    await running.conn?.close();
    await running.server?.stop();
    await running.steam?.close();
  });
  return running;
}

describe('wallet tools without keys', () => {
  const running = serve();

  const call = (name: string, args: Record<string, unknown>) =>
    running.conn.client.callTool({ name, arguments: args });

  it('get_wishlist_deals: discounted wishlist games first, with end date, 30-day low and totals', async () => {
    const deals = await callTool<Deals>(running.conn.client, 'get_wishlist_deals', {
      steam_user: user('dealhunter').steamId,
    });
    expect(deals.currency).toBe('CNY');
    const onSale = FAKE_GAMES.filter((g) => user('dealhunter').wishlist.includes(g.appId) && g.discount > 0);
    expect(deals.totals).toMatchObject({ items: 6, priced: 5, on_sale: onSale.length, not_sold: 1 });
    const discounts = deals.games.map((g) => g.discount);
    expect(discounts).toEqual([...discounts].sort((a, b) => b - a));
    const elden = deals.games.find((g) => g.app_id === '1245620')!;
    expect(elden).toMatchObject({ price: 178.8, original_price: 298, discount: 40, saving: 119.2 });
    expect(elden.discount_ends_at).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(elden.lowest_price_30d).toBe(178.8);
    expect(elden.tags.length).toBeGreaterThan(0);
    const expectedSaving =
      onSale.reduce(
        (sum, g) => sum + (g.priceCents! - Math.round((g.priceCents! * (100 - g.discount)) / 100)),
        0,
      ) / 100;
    expect(deals.totals.total_saving).toBeCloseTo(expectedSaving, 2);
  });

  it('filters by min_discount and max_price (numeric strings accepted)', async () => {
    const deals = await callTool<Deals>(running.conn.client, 'get_wishlist_deals', {
      steam_user: `https://steamcommunity.com/profiles/${user('dealhunter').steamId}/`,
      min_discount: '30',
      max_price: 150,
    });
    expect(deals.games.length).toBe(deals.totals.matching);
    for (const g of deals.games) {
      expect(g.discount).toBeGreaterThanOrEqual(30);
      expect(g.price).toBeLessThanOrEqual(150);
    }
    expect(deals.games.some((g) => g.app_id === '1245620')).toBe(false); // 178.8 > 150
  });

  it('language and deck are hard filters: unknown data never matches, and the warning says how many', async () => {
    // dealhunter's priced games (fake-steam-play.ts): Elden Ring zh text + Deck verified, Wukong zh voice +
    // playable, filler 1 unknown languages + unknown Deck, filler 2 English only + unsupported, filler 3 zh text + playable.
    const steam_user = user('dealhunter').steamId;
    const ids = (d: Deals) => d.games.map((g) => g.app_id).sort();
    const chinese = await callTool<Deals>(running.conn.client, 'get_wishlist_deals', {
      steam_user,
      language: 'schinese',
    });
    expect(chinese.language).toBe('schinese');
    expect(ids(chinese)).toEqual(['1245620', '2358720', '3900003']);
    expect(chinese.totals).toMatchObject({ items: 6, priced: 5, matching: 3 });
    for (const g of chinese.games) expect(g.languages?.schinese).toBeTruthy();
    expect(chinese.warnings?.join(' ')).toMatch(/1 款游戏的语言.*未知.*1 game\(s\) with unknown languages/);

    const voiced = await callTool<Deals>(running.conn.client, 'get_wishlist_deals', {
      steam_user,
      language: 'schinese_audio',
    });
    expect(ids(voiced)).toEqual(['2358720']);

    const verified = await callTool<Deals>(running.conn.client, 'get_wishlist_deals', {
      steam_user,
      deck: 'verified',
    });
    expect(verified.deck).toBe('verified');
    expect(ids(verified)).toEqual(['1245620']);
    expect(verified.warnings?.join(' ')).toMatch(/Steam Deck 兼容性未知.*Steam Deck status were not counted/);

    const unfiltered = await callTool<Deals>(running.conn.client, 'get_wishlist_deals', { steam_user });
    expect(unfiltered).toMatchObject({ language: null, deck: null });
    expect(unfiltered.warnings ?? []).not.toContainEqual(expect.stringMatching(/not counted/));
  });

  it('an unknown language is a bilingual argument error', async () => {
    const result = await call('get_wishlist_deals', {
      steam_user: user('dealhunter').steamId,
      language: 'klingon',
    });
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(/language must be one of .*language 只能是/);
  });

  it('resolves a custom URL name key-less through the profile XML', async () => {
    const deals = await callTool<Deals>(running.conn.client, 'get_wishlist_deals', {
      steam_user: 'https://steamcommunity.com/id/DealHunter',
    });
    expect(deals.totals.items).toBe(6);
    expect(running.steam.count('/id/')).toBe(1);
    expect(running.steam.count('/ISteamUser/')).toBe(0);
  });

  it('a 2,000-item wishlist: priced in GetItems batches, answered well within the deadline', async () => {
    const started = Date.now();
    const deals = await callTool<Deals>(running.conn.client, 'get_wishlist_deals', {
      steam_user: user('hoarder').steamId,
      max_results: 100,
    });
    const elapsed = Date.now() - started;
    expect(deals.totals.items).toBe(2_000);
    expect(deals.totals.priced).toBe(2_000);
    expect(deals.totals.on_sale).toBe(BULK_GAMES.filter((g) => g.discount > 0).length);
    expect(deals.games).toHaveLength(100);
    expect(deals.games[0]!.discount).toBe(Math.max(...BULK_GAMES.map((g) => g.discount)));
    expect(running.steam.count('/IWishlistService/GetWishlist')).toBe(1);
    expect(running.steam.count('/IStoreBrowseService/GetItems')).toBe(20); // 2,000 / 100 per batch
    expect(elapsed).toBeLessThan(DEADLINE_MS / 2);
    // Asked again: the wishlist and the prices come from the cache.
    const before = running.steam.count();
    await callTool<Deals>(running.conn.client, 'get_wishlist_deals', {
      steam_user: user('hoarder').steamId,
      min_discount: 50,
    });
    expect(running.steam.count()).toBe(before);
  });

  it('private, friends-only and unknown profiles are clear bilingual errors, never an empty success', async () => {
    for (const who of [user('secretive').steamId, 'friendsonly']) {
      const result = await call('get_wishlist_deals', { steam_user: who });
      expect(result.isError).toBe(true);
      expect(text(result)).toContain('not public');
      expect(text(result)).toContain('公开');
    }
    const unknown = await call('get_wishlist_deals', { steam_user: 'nobody_here' });
    expect(unknown.isError).toBe(true);
    expect(text(unknown)).toContain('No Steam profile matches');
    expect(text(unknown)).toContain('找不到');
    const bad = await call('get_wishlist_deals', { steam_user: 'https://example.com/x y' });
    expect(bad.isError).toBe(true);
    expect(text(bad)).toContain('SteamID64');
  });

  it('a public profile with nothing on the wishlist: success with zero items and a warning that says why', async () => {
    const deals = await callTool<Deals>(running.conn.client, 'get_wishlist_deals', {
      steam_user: 'emptylist',
    });
    expect(deals.totals.items).toBe(0);
    expect(deals.warnings?.join(' ')).toContain('empty');
  });

  it('logs no steam id, vanity name or wishlist content, only a short hash', async () => {
    await callTool(running.conn.client, 'get_wishlist_deals', { steam_user: user('dealhunter').steamId });
    await call('get_wishlist_deals', { steam_user: 'secretive' });
    await call('get_wishlist_deals', { steam_user: 'steamcommunity.com/id/not a name' });
    const logs = running.server.logs.join('\n');
    for (const u of FAKE_USERS) {
      expect(logs).not.toContain(u.steamId);
      expect(logs).not.toContain(u.vanity);
    }
    expect(logs).not.toContain('not a name');
    expect(logs).toMatch(/"user":"[0-9a-f]{10}"/);
  });

  it('caches per user: a second user never gets the first user’s wishlist', async () => {
    const a = await callTool<Deals>(running.conn.client, 'get_wishlist_deals', {
      steam_user: user('dealhunter').steamId,
    });
    const b = await callTool<Deals>(running.conn.client, 'get_wishlist_deals', {
      steam_user: user('roguefan').steamId,
    });
    expect(a.totals.items).toBe(6);
    expect(b.totals.items).toBe(user('roguefan').wishlist.length);
    expect(b.games.map((g) => g.app_id)).not.toContain('1245620');
    // dealhunter's list is cached from the tests above; roguefan's is fetched under its own key.
    expect(running.steam.count('/IWishlistService/GetWishlist')).toBe(1);
    expect(running.steam.requests.find((r) => r.path.includes('GetWishlist'))?.query.get('steamid')).toBe(
      user('roguefan').steamId,
    );
  });
});

describe('recommend_games with steam_user, key-less (rules only, no model)', () => {
  const running = serve();
  const recommend = (args: Record<string, unknown>) =>
    callTool<Recommended>(running.conn.client, 'recommend_games', {
      user_query: '推荐几款好玩的游戏',
      max_results: 10,
      ...args,
    });

  it('a wishlist of roguelikes → roguelikes first, and the answer says what the profile was built from', async () => {
    const plain = await recommend({});
    expect(plain.personalization).toBeUndefined();
    const r = await recommend({ steam_user: 'roguefan' });
    expect(r.degraded).toBe(true);
    expect(r.personalization?.taste_tags[0]?.name).toBe(ROGUELIKE);
    expect(r.personalization?.built_from).toContain('3 wishlist games');
    expect(r.personalization?.built_from).toContain('愿望单');
    expect(r.personalization).toMatchObject({ wishlist_games: 3, owned_games: 0, owned_excluded: false });
    const top = r.recommendations.slice(0, 3);
    expect(top.length).toBe(3);
    for (const game of top) expect(game.tags).toContain(ROGUELIKE);
    expect(plain.recommendations.slice(0, 3).every((g) => g.tags.includes(ROGUELIKE))).toBe(false);
    // Without a key the library is unknown: an owned roguelike is still recommended.
    expect(r.recommendations.map((g) => g.app_id)).toContain(String(ROGUELIKE_GAMES[3]!.appId));
  });

  it('an unknown or private profile is the same clear error as for the wishlist tool', async () => {
    const r = await running.conn.client.callTool({
      name: 'recommend_games',
      arguments: { user_query: '推荐游戏', steam_user: 'secretive' },
    });
    expect(r.isError).toBe(true);
    expect(text(r)).toContain('not public');
  });
});

describe('compare_region_prices without FX rates', () => {
  const running = serve();

  it('one GetItems call per region, each price in its own currency, no converted figures', async () => {
    const result = await callTool<RegionPrices>(running.conn.client, 'compare_region_prices', {
      game_identifier: '1245620',
    });
    expect(result.name).toBe('艾尔登法环');
    expect(result.prices.map((p) => [p.region, p.currency])).toEqual([
      ['CN', 'CNY'],
      ['HK', 'HKD'],
      ['US', 'USD'],
      ['JP', 'JPY'],
      ['TR', 'USD'],
      ['AR', 'USD'],
    ]);
    expect(result.prices[0]).toMatchObject({ status: 'priced', price: 178.8, discount: 40, price_cny: null });
    expect(result.prices.find((p) => p.region === 'HK')?.formatted_price).toMatch(/^HK\$ /);
    expect(result.prices.every((p) => p.price_cny === null)).toBe(true);
    expect(result.cheapest_region).toBeNull();
    expect(result.fx).toBeNull();
    expect(result.note).toContain("may break Steam's rules");
    expect(running.steam.count('/IStoreBrowseService/GetItems')).toBe(6);
  });

  it('a region that does not sell the game says so; names resolve through the store search', async () => {
    const result = await callTool<RegionPrices>(running.conn.client, 'compare_region_prices', {
      game_identifier: '黑神话：悟空',
      regions: ['cn', 'AR'],
    });
    expect(result.app_id).toBe('2358720');
    expect(result.prices.map((p) => p.status)).toEqual(['priced', 'not_sold']);
    expect(result.prices[1]).toMatchObject({ price: null, formatted_price: null });
  });

  it('unknown regions and unknown games are readable errors', async () => {
    const bad = await running.conn.client.callTool({
      name: 'compare_region_prices',
      arguments: { game_identifier: '1245620', regions: ['XX'] },
    });
    expect(bad.isError).toBe(true);
    expect(text(bad)).toContain('regions');
    const unknown = await running.conn.client.callTool({
      name: 'compare_region_prices',
      arguments: { game_identifier: '999999999' },
    });
    expect(unknown.isError).toBe(true);
    expect(text(unknown)).toContain('No Steam game matches');
  });
});

describe('get_price_verdict', () => {
  describe('without ITAD_API_KEY: Steam’s 30 days only', () => {
    const running = serve();

    it('discounted and at the 30-day low → 近期低价, and the rule says it is 30 days only', async () => {
      const r = await callTool<Verdict>(running.conn.client, 'get_price_verdict', {
        game_identifier: '艾尔登法环',
      });
      expect(r).toMatchObject({ price: 178.8, discount: 40, lowest_price_30d: 178.8, historical_low: null });
      expect(r).toMatchObject({ verdict: '近期低价', verdict_code: 'recent_low', basis: 'steam_30_days' });
      expect(r.rule).toContain('30 days only');
    });

    it('full price → 建议等待; a free game has no price to judge', async () => {
      const wukong = await callTool<Verdict>(running.conn.client, 'get_price_verdict', {
        game_identifier: '2358720',
      });
      expect(wukong.verdict).toBe('建议等待');
      const free = FAKE_GAMES.find((g) => g.isFree && g.type === 'game')!;
      const r = await running.conn.client.callTool({
        name: 'get_price_verdict',
        arguments: { game_identifier: String(free.appId) },
      });
      expect(r.isError).toBe(true);
      expect(text(r)).toContain('free');
    });
  });

  describe('with ITAD_API_KEY: historical lows', () => {
    let itad: FakeItad;
    beforeAll(async () => {
      itad = await startFakeItad(
        new Map([
          [1245620, { steamCents: 17_880, allTimeCents: 15_000 }],
          [3900001, { steamCents: 1_500, allTimeCents: 1_400 }],
          [3900002, { steamCents: 1_000, allTimeCents: 900 }],
        ]),
      );
    });
    afterAll(() => itad?.close());
    const running = serve(() => ({ ITAD_API_URL: itad.url, ITAD_API_KEY: FAKE_ITAD_KEY }));

    const verdict = (id: number) =>
      callTool<Verdict>(running.conn.client, 'get_price_verdict', { game_identifier: String(id) });

    it('at the Steam historical low → 史低; within 10 % → 接近史低; above but at the 30-day low → 近期低价', async () => {
      const elden = await verdict(1245620);
      expect(elden).toMatchObject({ verdict: '史低', basis: 'itad_history' });
      expect(elden.historical_low?.steam).toMatchObject({ price: 178.8, date: '2025-11-29' });
      expect(elden.historical_low?.all_time?.price).toBe(150);
      expect(elden.rule).toContain('IsThereAnyDeal');
      expect((await verdict(3900001)).verdict).toBe('接近史低'); // 16.20 vs 15.00
      expect((await verdict(3900002)).verdict).toBe('近期低价'); // 19.08 vs 10.00
      expect(itad.requests.every((r) => r.key === FAKE_ITAD_KEY)).toBe(true);
      expect(itad.count('/games/storelow/v2')).toBe(3);
    });

    it('a game ITAD does not know, or ITAD down: the 30-day verdict, with a warning when it failed', async () => {
      expect((await verdict(2358720)).basis).toBe('steam_30_days');
      itad.failWith(500);
      const r = await verdict(3900003);
      expect(r.basis).toBe('steam_30_days');
      expect(r.warnings?.join(' ')).toContain('IsThereAnyDeal is unavailable');
      itad.reset();
      expect(running.server.logs.join('\n')).not.toContain(FAKE_ITAD_KEY);
    });
  });
});

describe('wallet tools with STEAM_API_KEY', () => {
  const running = serve({
    STEAM_API_KEY: FAKE_STEAM_KEY,
    FX_RATES_CNY: 'HKD=0.92,USD=7.1,JPY=0.048@2026-12-01',
  });

  it('resolves a custom URL name through ResolveVanityURL, and never logs the key', async () => {
    const deals = await callTool<Deals>(running.conn.client, 'get_wishlist_deals', {
      steam_user: 'dealhunter',
    });
    expect(deals.totals.items).toBe(6);
    expect(running.steam.count('/ISteamUser/ResolveVanityURL')).toBe(1);
    expect(running.steam.count('/id/')).toBe(0);
    expect(running.server.logs.join('\n')).not.toContain(FAKE_STEAM_KEY);
  });

  it('recommend_games with steam_user: library weighted by playtime, owned games never recommended', async () => {
    const r = await callTool<Recommended>(running.conn.client, 'recommend_games', {
      user_query: '推荐几款好玩的游戏',
      max_results: 10,
      steam_user: user('roguefan').steamId,
    });
    expect(r.personalization).toMatchObject({ wishlist_games: 3, owned_games: 2, owned_excluded: true });
    expect(r.personalization?.built_from).toContain('playtime');
    const ids = r.recommendations.map((g) => g.app_id);
    for (const [owned] of user('roguefan').owned ?? []) expect(ids).not.toContain(String(owned));
    expect(r.recommendations[0]?.tags).toContain(ROGUELIKE);
    expect(running.steam.count('/IPlayerService/GetOwnedGames')).toBe(1);
  });

  it('compare_region_prices with FX_RATES_CNY: CNY figures, their date, the cheapest region', async () => {
    const result = await callTool<RegionPrices>(running.conn.client, 'compare_region_prices', {
      game_identifier: '1245620',
      regions: ['CN', 'HK', 'US'],
    });
    expect(result.fx?.rates_date).toBe('2026-12-01');
    expect(result.note).toContain('2026-12-01');
    const [cn, hk, us] = result.prices;
    expect(cn?.price_cny).toBe(178.8);
    expect(hk?.price_cny).toBeCloseTo((hk?.price ?? 0) * 0.92, 2);
    expect(us?.price_cny).toBeCloseTo((us?.price ?? 0) * 7.1, 2);
    const cheapest = [...result.prices].sort((a, b) => (a.price_cny ?? 0) - (b.price_cny ?? 0))[0];
    expect(result.cheapest_region).toBe(cheapest?.region);
  });
});
