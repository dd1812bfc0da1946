import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseAppDetails } from '../../src/steam/parse/app-details.js';
import { parseAppReviews } from '../../src/steam/parse/reviews-and-players.js';
import type { ParseContext } from '../../src/steam/parse/shared.js';
import { parseSearchResultsHtml, parseSearchResultsJson } from '../../src/steam/parse/store-html.js';
import { parseGetItems, parseStoreQuery } from '../../src/steam/parse/store-items.js';
import { parseStoreSearch } from '../../src/steam/parse/store-search.js';
import { parsePopularTags, parseTagList } from '../../src/steam/parse/tags.js';
import type { FakeSteam } from '../helpers/fake-steam.js';
import { startFakeSteam } from '../helpers/fake-steam.js';

let steam: FakeSteam;
let ctx: ParseContext;

beforeAll(async () => {
  steam = await startFakeSteam();
  ctx = { storeUrl: steam.url, currency: 'CNY' };
});
afterAll(async () => {
  await steam.close();
});
beforeEach(() => {
  steam.reset();
});

async function get(path: string, params: Record<string, string> = {}): Promise<string> {
  const url = `${steam.url}${path}?${new URLSearchParams(params).toString()}`;
  const response = await fetch(url);
  expect(response.status).toBe(200);
  return response.text();
}

function inputJson(value: unknown): Record<string, string> {
  return { input_json: JSON.stringify(value) };
}

const CN = { language: 'schinese', country_code: 'CN', steam_realm: 1 };
const FULL = {
  include_basic_info: true,
  include_tag_count: 10,
  include_reviews: true,
  include_assets: true,
  include_release: true,
  include_platforms: true,
};

describe('fake Steam: search', () => {
  it('answers a term search as JSON with a package row', async () => {
    const page = parseSearchResultsJson(
      await get('/search/results/', { term: '黑神话', infinite: '1', l: 'schinese', cc: 'CN' }),
      ctx,
    );
    const ids = page.rows.map((row) => `${row.kind}:${row.id}`);
    expect(ids).toEqual(expect.arrayContaining(['app:2358720', 'app:3812360', 'app:2784890', 'sub:1003311']));
    expect(page.totalCount).toBe(page.rows.length);
    const wukong = page.rows.find((row) => row.id === '2358720');
    expect(wukong).toMatchObject({
      name: '黑神话：悟空',
      url: `${steam.url}/app/2358720/Black_Myth_Wukong/`,
      price: { final: 268, initial: 268, discount: 0, isFree: false, currency: 'CNY' },
      review: { summary: '好评如潮', positivePct: 96, count: 1045281, score: 9 },
      releaseDate: '2024 年 8 月 20 日',
    });
    expect(page.rows.find((row) => row.id === '3812360')?.price.final).toBeNull();
  });

  it('matches English names case-insensitively and keeps games only with category1=998', async () => {
    const all = parseSearchResultsJson(await get('/search/results/', { term: 'elden', infinite: '1' }), ctx);
    expect(all.rows.map((row) => row.id)).toEqual(['1245620', '2778580']);
    const gamesOnly = parseSearchResultsJson(
      await get('/search/results/', { term: 'ELDEN', infinite: '1', category1: '998' }),
      ctx,
    );
    expect(gamesOnly.rows.map((row) => row.id)).toEqual(['1245620']);
    expect(gamesOnly.rows[0]?.price).toMatchObject({ final: 178.8, initial: 298, discount: 40 });
  });

  it('finds the game named 2048 (whose appid is not 2048)', async () => {
    const page = parseSearchResultsJson(await get('/search/results/', { term: '2048', infinite: '1' }), ctx);
    expect(page.rows.map((row) => [row.id, row.name])).toContainEqual(['1293040', '2048']);
  });

  it('pages through specials sorted by sales with the HTML fragment', async () => {
    const params = { specials: '1', category1: '998', filter: 'topsellers', count: '50', l: 'schinese' };
    const first = parseSearchResultsHtml(await get('/search/results/', params), ctx);
    const second = parseSearchResultsHtml(await get('/search/results/', { ...params, start: '50' }), ctx);
    expect(first.rows).toHaveLength(50);
    expect(first.totalCount).toBeGreaterThan(60);
    expect(second.totalCount).toBe(first.totalCount);
    expect(first.rows.length + second.rows.length).toBe(first.totalCount);
    for (const row of [...first.rows, ...second.rows]) {
      expect(row.price.discount).toBeGreaterThanOrEqual(10);
      expect(row.price.discount).toBeLessThanOrEqual(90);
      expect(row.price.final).toBeLessThan(row.price.initial ?? 0);
    }
    const discounts = new Set([...first.rows, ...second.rows].map((row) => row.price.discount));
    expect(discounts.has(10) && discounts.has(90)).toBe(true);
  });

  it('filters free games by tag (maxprice=free, tags AND)', async () => {
    const page = parseSearchResultsJson(
      await get('/search/results/', { maxprice: 'free', tags: '113,122', infinite: '1' }),
      ctx,
    );
    expect(page.rows.map((row) => row.id)).toEqual(['238960']);
    const shooters = parseSearchResultsJson(
      await get('/search/results/', { maxprice: 'free', tags: '1774', infinite: '1' }),
      ctx,
    );
    expect(shooters.rows.map((row) => row.id)).toEqual(['730', '1172470']);
    // Counter-Strike 2 carries a stale data-price-final but reads as free.
    expect(shooters.rows[0]?.price).toMatchObject({ isFree: true, final: 0 });
  });

  it('sorts by price ascending', async () => {
    const page = parseSearchResultsJson(
      await get('/search/results/', {
        tags: '122,1695',
        sort_by: 'Price_ASC',
        infinite: '1',
        category1: '998',
      }),
      ctx,
    );
    const prices = page.rows.map((row) => row.price.final ?? Infinity);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    expect(prices.some((price) => price <= 100)).toBe(true);
    expect(prices.some((price) => price > 100)).toBe(true);
  });

  it('serves the full search page and English text', async () => {
    const page = parseSearchResultsHtml(await get('/search/', { term: 'stardew', l: 'english' }), ctx);
    expect(page.totalCount).toBe(1);
    expect(page.rows[0]).toMatchObject({
      name: 'Stardew Valley',
      review: { summary: 'Overwhelmingly Positive', score: 9 },
    });
  });
});

describe('fake Steam: store JSON', () => {
  it('serves appdetails and a failure for unknown ids', async () => {
    const elden = parseAppDetails(
      await get('/api/appdetails', { appids: '1245620', l: 'schinese' }),
      '1245620',
      ctx,
    );
    expect(elden).toMatchObject({
      name: '艾尔登法环',
      price: { final: 178.8, initial: 298, discount: 40, currency: 'CNY' },
      dlcCount: 1,
      genres: ['动作', '角色扮演'],
      supportedLanguages: ['简体中文', '英语', '日语', '繁体中文'],
    });
    expect(parseAppDetails(await get('/api/appdetails', { appids: '2048' }), '2048', ctx)).toBeNull();
    const dota = parseAppDetails(await get('/api/appdetails', { appids: '570' }), '570', ctx);
    expect(dota?.price).toMatchObject({ isFree: true, final: 0 });
    const dlc = parseAppDetails(await get('/api/appdetails', { appids: '2778580' }), '2778580', ctx);
    expect(dlc).toMatchObject({ type: 'dlc', fullGame: { appId: '1245620', name: '艾尔登法环' } });
    const soon = parseAppDetails(await get('/api/appdetails', { appids: '3812360' }), '3812360', ctx);
    expect(soon).toMatchObject({ comingSoon: true, price: { final: null } });
  });

  it('serves storesearch with apps, a sub and unpriced items', async () => {
    const items = parseStoreSearch(
      await get('/api/storesearch/', { term: '黑神话', l: 'schinese', cc: 'CN' }),
      ctx,
    );
    expect(items.length).toBeLessThanOrEqual(10);
    expect(items.find((item) => item.kind === 'sub')).toMatchObject({ id: '1003311', price: { final: 328 } });
    expect(items.find((item) => item.id === '3812360')?.price.final).toBeNull();
  });

  it('serves review summaries, zeros for unknown apps', async () => {
    expect(parseAppReviews(await get('/appreviews/413150', { json: '1' }))).toMatchObject({
      summary: '好评如潮',
      positivePct: 98,
      count: 650000,
    });
    expect(parseAppReviews(await get('/appreviews/2048', { json: '1' }))).toMatchObject({
      count: 0,
      positivePct: null,
      summary: '无用户评测',
    });
  });

  it('serves popular tags per language', async () => {
    const zh = parsePopularTags(await get('/tagdata/populartags/schinese'));
    const en = parsePopularTags(await get('/tagdata/populartags/english'));
    expect(zh).toContainEqual({ tagId: 122, name: '角色扮演' });
    expect(en).toContainEqual({ tagId: 122, name: 'RPG' });
  });
});

describe('fake Steam: store services', () => {
  it('GetItems keeps request order and marks unknown ids', async () => {
    const body = await get(
      '/IStoreBrowseService/GetItems/v1/',
      inputJson({
        ids: [{ appid: 1245620 }, { appid: 2048 }, { appid: 570 }],
        context: CN,
        data_request: FULL,
      }),
    );
    expect(body).toContain('"success":15');
    const items = parseGetItems(body, ctx);
    expect(items.map((item) => item.appId)).toEqual(['1245620', '570']);
    expect(items[0]).toMatchObject({
      name: '艾尔登法环',
      price: { final: 178.8, initial: 298, discount: 40 },
      review: { summary: '特别好评', positivePct: 93 },
      releaseDate: '2022-02-25',
      headerImage:
        'https://shared.akamai.steamstatic.com/store_item_assets/steam/apps/1245620/header.jpg?t=1724384454',
      categoryIds: [2, 1, 38, 22, 28],
    });
    expect(items[1]).toMatchObject({ isFree: true, price: { final: 0, isFree: true } });
  });

  it('GetItems sends only what data_request asked for', async () => {
    const body = await get(
      '/IStoreBrowseService/GetItems/v1/',
      inputJson({ ids: [{ appid: 2358720 }], context: CN, data_request: {} }),
    );
    expect(body).not.toContain('basic_info');
    expect(body).not.toContain('reviews');
    expect(parseGetItems(body, ctx)[0]).toMatchObject({
      tagIds: [],
      shortDescription: null,
      price: { final: 268 },
    });
  });

  it('Query filters by tags (AND of entries, OR inside), type and price, with paging', async () => {
    const request = (start: number): Record<string, string> =>
      inputJson({
        query: {
          start,
          count: 3,
          sort: 10,
          filters: {
            released_only: true,
            type_filters: { include_games: true },
            tagids_must_match: [{ tagids: [122] }, { tagids: [1695] }],
          },
        },
        context: CN,
        data_request: FULL,
      });
    const first = parseStoreQuery(await get('/IStoreQueryService/Query/v1/', request(0)), ctx);
    expect(first.items).toHaveLength(3);
    expect(first.total).toBeGreaterThan(6);
    for (const item of first.items) expect(item.tagIds).toEqual(expect.arrayContaining([122, 1695]));
    const past = parseStoreQuery(await get('/IStoreQueryService/Query/v1/', request(first.total)), ctx);
    expect(past).toEqual({ items: [], total: first.total });

    const coop = parseStoreQuery(
      await get(
        '/IStoreQueryService/Query/v1/',
        inputJson({
          query: { count: 50, filters: { tagids_must_match: [{ tagids: [1685, 3841] }] } },
          context: CN,
        }),
      ),
      ctx,
    );
    expect(coop.items.map((item) => item.appId)).toEqual(expect.arrayContaining(['1426210', '2001120']));
  });

  it('Query: free only, discounts, mixed types without a type filter, sorts', async () => {
    const query = async (q: unknown): Promise<ReturnType<typeof parseStoreQuery>> =>
      parseStoreQuery(
        await get('/IStoreQueryService/Query/v1/', inputJson({ query: q, context: CN, data_request: FULL })),
        ctx,
      );
    const free = await query({ count: 100, filters: { price_filters: { only_free_items: true } } });
    expect(free.items.every((item) => item.isFree)).toBe(true);
    expect(free.total).toBe(steam.games.filter((g) => g.isFree).length);
    const deals = await query({
      count: 100,
      sort: 10,
      filters: { price_filters: { min_discount_percent: 60 } },
    });
    expect(deals.items.every((item) => item.price.discount >= 60)).toBe(true);
    const mixed = await query({ count: 200, filters: { tagids_must_match: [{ tagids: [122] }] } });
    expect(new Set(mixed.items.map((item) => item.type))).toEqual(new Set(['game', 'dlc', 'music']));
    const newest = await query({ count: 5, sort: 40, filters: { released_only: true } });
    const dates = newest.items.map((item) => item.releaseDate ?? '');
    expect(dates).toEqual([...dates].sort().reverse());
    const soon = await query({ count: 5, filters: { coming_soon_only: true } });
    expect(soon.items.map((item) => item.appId)).toEqual(['3812360']);
  });

  it('GetTagList by language parameter or input_json', async () => {
    const zh = parseTagList(await get('/IStoreService/GetTagList/v1/', { language: 'schinese' }));
    expect(zh).toContainEqual({ tagId: 1695, name: '开放世界' });
    const en = parseTagList(await get('/IStoreService/GetTagList/v1/', inputJson({ language: 'english' })));
    expect(en).toContainEqual({ tagId: 1695, name: 'Open World' });
    expect(en.map((tag) => tag.tagId)).toEqual([...en.map((tag) => tag.tagId)].sort((a, b) => a - b));
  });

  it('answers a malformed input_json with 400 and unknown routes with 404', async () => {
    expect((await fetch(`${steam.url}/IStoreQueryService/Query/v1/?input_json=%7Bnope`)).status).toBe(400);
    expect((await fetch(`${steam.url}/nope`)).status).toBe(404);
  });
});

describe('fake Steam: test controls', () => {
  it('logs requests and counts them by prefix', async () => {
    await get('/api/appdetails', { appids: '570', cc: 'CN' });
    await get('/api/storesearch/', { term: 'dota' });
    expect(steam.count()).toBe(2);
    expect(steam.count('/api/appdetails')).toBe(1);
    expect(steam.requests[0]?.query.get('cc')).toBe('CN');
    steam.reset();
    expect(steam.count()).toBe(0);
  });

  it('fails the next N matching requests with a status and Retry-After', async () => {
    steam.fail('/api/appdetails', { status: 429, times: 2, retryAfter: '7' });
    const first = await fetch(`${steam.url}/api/appdetails?appids=570`);
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('7');
    expect((await fetch(`${steam.url}/api/appdetails?appids=570`)).status).toBe(429);
    expect((await fetch(`${steam.url}/api/appdetails?appids=570`)).status).toBe(200);
    expect((await fetch(`${steam.url}/api/storesearch/?term=x`)).status).toBe(200);
  });

  it('replaces the body, delays, and destroys sockets', async () => {
    steam.fail('/search/results', { body: '{"success":2}', times: 1 });
    expect(await (await fetch(`${steam.url}/search/results/?infinite=1`)).text()).toBe('{"success":2}');

    steam.fail('/api/storesearch', { delayMs: 300, times: 1 });
    await expect(
      fetch(`${steam.url}/api/storesearch/?term=x`, { signal: AbortSignal.timeout(50) }),
    ).rejects.toThrow();

    steam.fail('/appreviews', { destroy: true, times: 1 });
    await expect(fetch(`${steam.url}/appreviews/570?json=1`)).rejects.toThrow();
    expect((await fetch(`${steam.url}/appreviews/570?json=1`)).status).toBe(200);
  });

  it('adds fixed latency to every route', async () => {
    steam.delay(80);
    const started = Date.now();
    await get('/tagdata/populartags/schinese');
    expect(Date.now() - started).toBeGreaterThanOrEqual(75);
    steam.reset();
  });

  it('exposes the catalog', () => {
    const byId = new Map(steam.games.map((game) => [game.appId, game]));
    expect(byId.get(2358720)?.name).toBe('黑神话：悟空');
    expect(byId.has(2048)).toBe(false);
    expect(byId.get(1293040)?.name).toBe('2048');
    expect(steam.games.filter((game) => game.discount > 0 && !game.isFree).length).toBeGreaterThan(60);
  });
});
