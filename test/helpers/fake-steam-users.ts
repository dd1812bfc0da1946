import { FAKE_GAMES, FAKE_PACKAGES, type FakeGame } from './fake-steam-games.js';
import { json, type Answer, type FakeRoute } from './fake-steam.js';
import { getItems, serviceInput } from './fake-steam-services.js';

/**
 * Steam's user-facing endpoints for the wallet tools, in the formats of FORMATS.md §14–16, §22:
 * community profile XML, GetWishlist, GetOwnedGames (key), ResolveVanityURL (key) and GetItems
 * priced per region. Pass `fakeUserRoutes` to startFakeSteam and use its URL as STEAM_COMMUNITY_URL too.
 */

export const FAKE_STEAM_KEY = '0123456789ABCDEF0123456789ABCDEF';

export interface FakeUser {
  steamId: string;
  vanity: string;
  privacy: 'public' | 'friendsonly' | 'private';
  wishlist: number[];
  /** appid → minutes played; only GetOwnedGames with the key sees it. */
  owned?: Array<[number, number]>;
}

/** 2,000 generated games (appids 5000000…), every third discounted, for the big-wishlist test. */
export const BULK_GAMES: FakeGame[] = Array.from({ length: 2_000 }, (_, i) => ({
  ...(FAKE_GAMES[0] as FakeGame),
  appId: 5_000_000 + i,
  name: `愿望单游戏 ${i + 1}`,
  englishName: `Wishlist Game ${i + 1}`,
  priceCents: 1_000 + (i % 50) * 500,
  discount: i % 3 === 0 ? 10 + (i % 8) * 10 : 0,
  salesRank: 10_000 + i,
  trendingRank: 10_000 + i,
}));

const HADES = FAKE_GAMES.find((g) => g.appId === 1145360) as FakeGame;

/** Roguelike deck-builders (appids 4100001…) for personal recommendations: wishlisted, owned or new. */
export const ROGUELIKE_GAMES: FakeGame[] = Array.from({ length: 6 }, (_, i) => ({
  ...HADES,
  appId: 4_100_001 + i,
  name: `地牢卡牌 ${i + 1}`,
  englishName: `Dungeon Deck ${i + 1}`,
  priceCents: 3_800 + i * 1_000,
  discount: 0,
  tagIds: [1716, 1666, 19, 492, 4182],
  review: { ...(HADES.review as NonNullable<FakeGame['review']>), pct: 95 - i },
  salesRank: 300 + i,
  trendingRank: 300 + i,
}));
const rogue = (i: number) => ROGUELIKE_GAMES[i]!.appId;

export const FAKE_USERS: readonly FakeUser[] = [
  {
    steamId: '76561190000000101',
    vanity: 'dealhunter',
    privacy: 'public',
    // Elden Ring (-40 %), Wukong (full price), three filler deals, an app Steam does not know.
    // Their languages / Deck status differ (fake-steam-play.ts#playOf): the wallet play-filter test relies on it.
    wishlist: [1245620, 2358720, 3900001, 3900002, 3900003, 999_999_999],
    owned: [
      [1145360, 6_000],
      [504230, 1_200],
      [570, 30],
    ],
  },
  { steamId: '76561190000000102', vanity: 'secretive', privacy: 'private', wishlist: [] },
  { steamId: '76561190000000103', vanity: 'friendsonly', privacy: 'friendsonly', wishlist: [] },
  { steamId: '76561190000000104', vanity: 'emptylist', privacy: 'public', wishlist: [] },
  {
    steamId: '76561190000000105',
    vanity: 'hoarder',
    privacy: 'public',
    wishlist: BULK_GAMES.map((g) => g.appId),
  },
  {
    steamId: '76561190000000106',
    vanity: 'roguefan',
    privacy: 'public',
    wishlist: [rogue(0), rogue(1), rogue(2)],
    // The best-reviewed roguelikes: recommended unless owned games are excluded.
    owned: [
      [1145360, 6_000],
      [rogue(3), 3_000],
    ],
  },
];

/** Per-region price factor (against CNY fen) and how the store writes the currency. */
const REGIONS: Record<string, { factor: number; format: (units: number) => string }> = {
  HK: { factor: 1.1, format: (u) => `HK$ ${u.toFixed(2)}` },
  US: { factor: 0.14, format: (u) => `$${u.toFixed(2)}` },
  JP: { factor: 21, format: (u) => `¥ ${Math.round(u).toLocaleString('en-US')}` },
  TR: { factor: 0.08, format: (u) => `$${u.toFixed(2)}` },
  AR: { factor: 0.07, format: (u) => `$${u.toFixed(2)}` },
};

/** Apps a region does not sell: GetItems answers success 15, appid 0 (FORMATS.md §9). */
export const NOT_SOLD_IN: ReadonlyMap<number, readonly string[]> = new Map([[2358720, ['AR']]]);

function profileXml(user: FakeUser): string {
  const publicPart = user.privacy === 'public' ? `\n\t<customURL><![CDATA[${user.vanity}]]></customURL>` : '';
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><profile>\n' +
    `\t<steamID64>${user.steamId}</steamID64>\n\t<steamID><![CDATA[player ${user.vanity}]]></steamID>\n` +
    `\t<onlineState>offline</onlineState>\n\t<privacyState>${user.privacy}</privacyState>\n` +
    `\t<visibilityState>${user.privacy === 'public' ? 3 : 1}</visibilityState>${publicPart}\n</profile>`
  );
}

const NOT_FOUND_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><response><error><![CDATA[The specified profile could not be found.]]></error></response>';

const UNAUTHORIZED: Answer = {
  status: 401,
  contentType: 'text/html',
  body: '<html><head><title>Unauthorized</title></head><body><h1>Unauthorized</h1>Access is denied. Retrying will not help. Please verify your <pre>key=</pre> parameter.</body></html>',
};

const xml = (body: string): Answer => ({ status: 200, contentType: 'text/xml; charset=utf-8', body });

export function fakeUserRoutes(users: readonly FakeUser[] = FAKE_USERS): FakeRoute {
  const byId = new Map(users.map((u) => [u.steamId, u]));
  const byVanity = new Map(users.map((u) => [u.vanity.toLowerCase(), u]));
  return ({ path, query }, games) => {
    const p = path.replace(/\/+$/, '');
    const profile = /^\/(profiles|id)\/([^/]+)$/.exec(p);
    if (profile && query.get('xml') === '1') {
      const user =
        profile[1] === 'profiles'
          ? byId.get(profile[2] ?? '')
          : byVanity.get((profile[2] ?? '').toLowerCase());
      return xml(user ? profileXml(user) : NOT_FOUND_XML);
    }
    if (p === '/IWishlistService/GetWishlist/v1') {
      const user = byId.get(query.get('steamid') ?? '');
      if (!user || user.privacy !== 'public' || user.wishlist.length === 0) return json({ response: {} });
      return json({
        response: {
          items: user.wishlist.map((appid, i) => ({
            appid,
            priority: i < 3 ? i + 1 : 0,
            date_added: 1_700_000_000 + i,
          })),
        },
      });
    }
    if (p === '/IPlayerService/GetOwnedGames/v1') {
      if (query.get('key') !== FAKE_STEAM_KEY) return UNAUTHORIZED;
      const user = byId.get(query.get('steamid') ?? '');
      if (!user || user.privacy !== 'public') return json({ response: {} });
      const owned = user.owned ?? [];
      return json({
        response: {
          game_count: owned.length,
          games: owned.map(([appid, minutes]) => ({
            appid,
            playtime_forever: minutes,
            rtime_last_played: 0,
          })),
        },
      });
    }
    if (p === '/ISteamUser/ResolveVanityURL/v1') {
      if (query.get('key') !== FAKE_STEAM_KEY) return UNAUTHORIZED;
      const user = byVanity.get((query.get('vanityurl') ?? '').toLowerCase());
      return json(
        user
          ? { response: { steamid: user.steamId, success: 1 } }
          : { response: { success: 42, message: 'No match' } },
      );
    }
    if (p === '/IStoreBrowseService/GetItems/v1') return regionItems(games, query);
    return undefined;
  };
}

/** GetItems outside CN: the CN answer re-priced for the region; unsold apps hidden. */
function regionItems(games: readonly FakeGame[], query: URLSearchParams): Answer | undefined {
  const input = serviceInput(query);
  const country = input.context?.country_code ?? 'CN';
  const region = REGIONS[country];
  if (!region) return undefined;
  const answer = getItems(games, FAKE_PACKAGES, {
    ...input,
    context: { ...input.context, country_code: 'CN' },
  }) as {
    response: { store_items: Array<Record<string, unknown>> };
  };
  const cents = (v: unknown) => String(Math.round(Number(v) * region.factor));
  answer.response.store_items = answer.response.store_items.map((item) => {
    const id = Number(item.id);
    if (NOT_SOLD_IN.get(id)?.includes(country))
      return { item_type: 0, id, success: 15, visible: false, name: '', store_url_path: 'app/0/', appid: 0 };
    const option = item.best_purchase_option as Record<string, unknown> | undefined;
    if (!option) return item;
    const final = cents(option.final_price_in_cents);
    return {
      ...item,
      best_purchase_option: {
        ...option,
        final_price_in_cents: final,
        formatted_final_price: region.format(Number(final) / 100),
        ...(option.original_price_in_cents === undefined
          ? {}
          : {
              original_price_in_cents: cents(option.original_price_in_cents),
              formatted_original_price: region.format(Number(cents(option.original_price_in_cents)) / 100),
              lowest_recent_price_in_cents: cents(option.lowest_recent_price_in_cents),
            }),
      },
    };
  });
  return json(answer);
}
