import { describe, expect, it } from 'vitest';
import { parseGetItems, parseStoreQuery } from '../../../src/steam/parse/store-items.js';
import { cnContext, expectSteamParseError, fixture } from './files.js';

describe('parseGetItems', () => {
  const items = parseGetItems(fixture('getitems_schinese_cn.json'), cnContext);

  it('keeps request order and drops unknown ids (success 15)', () => {
    expect(items.map((item) => item.appId)).toEqual(['2358720', '1245620', '570', '3812360', '2784890']);
  });

  it('reads a full-price game with every data_request part', () => {
    expect(items[0]).toEqual({
      appId: '2358720',
      name: '黑神话：悟空',
      type: 'game',
      url: 'https://store.steampowered.com/app/2358720/BlackMythWukong/',
      isFree: false,
      price: { final: 268, initial: 268, discount: 0, isFree: false, currency: 'CNY' },
      tagIds: [4231, 19, 122, 21, 1684],
      categoryIds: [2, 22, 23, 29, 28],
      review: { summary: '好评如潮', positivePct: 96, count: 1045281, score: 9 },
      shortDescription: '《黑神话：悟空》是一款以中国神话为背景的动作角色扮演游戏。你将扮演一位"天命人"。',
      developers: ['Game Science'],
      publishers: ['Game Science'],
      headerImage:
        'https://shared.akamai.steamstatic.com/store_item_assets/steam/apps/2358720/header.jpg?t=1724384454',
      releaseDate: '2024-08-20',
      comingSoon: false,
      earlyAccess: false,
      platforms: { windows: true, mac: false, linux: false },
      languages: null,
      deck: 'verified',
    });
  });

  it('reads a discount, a hashed header and a Beijing-time release date', () => {
    expect(items[1]).toMatchObject({
      price: { final: 178.8, initial: 298, discount: 40, isFree: false },
      headerImage:
        'https://shared.akamai.steamstatic.com/store_item_assets/steam/apps/1245620/b1e2c3/header_schinese.jpg?t=1724384454',
      releaseDate: '2022-02-24',
      categoryIds: [2, 1, 38, 22],
    });
  });

  it('reads free, coming soon and soundtrack items', () => {
    expect(items[2]).toMatchObject({
      type: 'game',
      isFree: true,
      price: { final: 0, isFree: true },
      platforms: { windows: true, mac: true, linux: true },
    });
    expect(items[3]).toMatchObject({
      comingSoon: true,
      price: { final: null, isFree: false },
      review: { positivePct: null, count: 0 },
      releaseDate: null,
    });
    expect(items[4]).toMatchObject({ type: 'music', price: { final: 48 }, review: { summary: null } });
  });

  it.each([
    ['no response', '{}'],
    ['truncated', '{"response":{"store_items":[{"id":1'],
    [
      'price as a float string',
      '{"response":{"store_items":[{"success":1,"best_purchase_option":{"final_price_in_cents":"1.5"}}]}}',
    ],
  ])('%s → STEAM_PARSE', (_label, body) => {
    expectSteamParseError(() => parseGetItems(body, cnContext));
  });

  it('reads an empty response as no items', () => {
    expect(parseGetItems('{"response":{}}', cnContext)).toEqual([]);
  });

  it.each([
    [0, 'game'],
    [1, 'demo'],
    [2, 'mod'],
    [4, 'dlc'],
    [6, 'software'],
    [7, 'video'],
    [10, 'hardware'],
    [11, 'music'],
    [3, 'other'],
  ])('maps type %i to %s', (type, expected) => {
    const body = JSON.stringify({ response: { store_items: [{ success: 1, id: 5, appid: 5, type }] } });
    expect(parseGetItems(body, cnContext)[0]?.type).toBe(expected);
  });
});

describe('parseStoreQuery', () => {
  it('reads a page and the total', () => {
    const page = parseStoreQuery(fixture('query_schinese_cn.json'), cnContext);
    expect(page.total).toBe(57);
    expect(page.items.map((item) => [item.appId, item.name, item.price.final])).toEqual([
      ['1245620', '艾尔登法环', 178.8],
      ['570', 'Dota 2', 0],
    ]);
  });

  it('reads a page past the end (no ids / store_items)', () => {
    const body = '{"response":{"metadata":{"total_matching_records":57,"start":100,"count":0}}}';
    expect(parseStoreQuery(body, cnContext)).toEqual({ items: [], total: 57 });
  });

  it.each(['[]', '{"response":[]}', '{"response":{"metadata":{"total_matching_records":"x"}}}'])(
    'rejects %j',
    (body) => {
      expectSteamParseError(() => parseStoreQuery(body, cnContext));
    },
  );
});
