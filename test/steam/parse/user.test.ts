import { describe, expect, it } from 'vitest';
import { parseItemOffers } from '../../../src/steam/parse/item-offers.js';
import {
  parseOwnedGames,
  parseProfileXml,
  parseResolveVanity,
  parseWishlist,
} from '../../../src/steam/parse/user.js';
import { parseSteamUser, userHash } from '../../../src/user/steam-user.js';
import { expectSteamParseError, fixture } from './files.js';

describe('community profile XML (real recordings)', () => {
  it('friends-only: the id64 and the privacy state; <steamID> is a name, not an id', () => {
    expect(parseProfileXml(fixture('profile_xml_friendsonly_anonymized.xml'))).toEqual({
      found: true,
      steamId: '76561190000000002',
      privacy: 'friendsonly',
    });
  });
  it('public (2011 recording)', () => {
    expect(parseProfileXml(fixture('profile_xml_public_2011_TRIMMED.xml'))).toMatchObject({
      found: true,
      steamId: '76561197983311154',
      privacy: 'public',
    });
  });
  it('unknown profile: HTTP 200 with a <response><error> root', () => {
    expect(parseProfileXml(fixture('profile_xml_not_found.xml'))).toEqual({
      found: false,
      error: 'The specified profile could not be found.',
    });
  });
  it('anything else is STEAM_PARSE', () => {
    expectSteamParseError(() => parseProfileXml('<html>login</html>'));
    expectSteamParseError(() => parseProfileXml('<profile><steamID64>12</steamID64></profile>'));
  });
});

describe('GetWishlist', () => {
  it('real trimmed list: user-ranked first, then unranked newest first', () => {
    const items = parseWishlist(fixture('getwishlist_public_TRIMMED.json'));
    expect(items?.map((i) => i.appId)).toEqual(['202350', '264040', '226620']);
    expect(items?.[0]).toEqual({ appId: '202350', priority: 3, dateAdded: 1403384867 });
  });
  it('empty / private / unknown all look like {"response":{}} → null, not an empty list', () => {
    expect(parseWishlist(fixture('getwishlist_empty_private_or_unknown.json'))).toBeNull();
  });
  it('an app listed twice is kept once', () => {
    const body = '{"response":{"items":[{"appid":10,"priority":0},{"appid":10,"priority":0},{"appid":20}]}}';
    expect(parseWishlist(body)?.map((i) => i.appId)).toEqual(['10', '20']);
  });
});

describe('GetOwnedGames and ResolveVanityURL', () => {
  it('owned games with playtime in minutes; private → null', () => {
    const owned = parseOwnedGames(fixture('getownedgames_appinfo_freegames_2026_TRIMMED.json'));
    expect(owned?.length).toBe(6);
    expect(owned?.[0]).toEqual({ appId: '10', playtimeMinutes: 0, recentMinutes: 0 });
    expect(parseOwnedGames(fixture('getownedgames_private_or_hidden.json'))).toBeNull();
    expect(parseOwnedGames('{"response":{"game_count":0}}')).toEqual([]);
  });
  it('vanity: the id64 string, or null for "No match"', () => {
    expect(parseResolveVanity(fixture('resolvevanityurl_success.json'))).toBe('76561198109613067');
    expect(parseResolveVanity(fixture('resolvevanityurl_no_match.json'))).toBeNull();
  });
});

describe('GetItems offers', () => {
  it('discount end, 30-day low, unavailable items by id, free and unpriced apps', () => {
    const body = JSON.stringify({
      response: {
        store_items: [
          {
            item_type: 0,
            id: 620,
            success: 1,
            visible: true,
            name: 'Portal 2',
            appid: 620,
            best_purchase_option: {
              final_price_in_cents: '199',
              original_price_in_cents: '999',
              formatted_final_price: '$1.99',
              discount_pct: 80,
              active_discounts: [{ discount_amount: '800', discount_end_date: 1760029200 }],
              lowest_recent_price_in_cents: '199',
            },
          },
          { item_type: 0, id: 1245690, success: 15, visible: false, name: '', appid: 0 },
          { item_type: 0, id: 440, success: 1, name: 'TF2', appid: 440, is_free: true },
          { item_type: 0, id: 7, success: 1, name: 'Soon', appid: 7 },
          {
            item_type: 0,
            id: 8,
            success: 1,
            name: 'Full price',
            appid: 8,
            best_purchase_option: { final_price_in_cents: '999', formatted_final_price: '$9.99' },
          },
        ],
      },
    });
    expect(parseItemOffers(body)).toEqual([
      {
        appId: '620',
        status: 'priced',
        name: 'Portal 2',
        final: 1.99,
        initial: 9.99,
        discount: 80,
        formattedFinal: '$1.99',
        discountEndsAt: 1760029200,
        lowestRecent: 1.99,
      },
      { appId: '1245690', status: 'unavailable' },
      { appId: '440', status: 'free', name: 'TF2' },
      { appId: '7', status: 'no_price', name: 'Soon' },
      {
        appId: '8',
        status: 'priced',
        name: 'Full price',
        final: 9.99,
        initial: 9.99,
        discount: 0,
        formattedFinal: '$9.99',
        discountEndsAt: null,
        lowestRecent: null,
      },
    ]);
  });
});

describe('steam_user argument', () => {
  it.each([
    ['76561198109613067', { steamId: '76561198109613067' }],
    ['https://steamcommunity.com/profiles/76561198109613067/', { steamId: '76561198109613067' }],
    ['steamcommunity.com/id/Some_Name/?xml=1', { vanity: 'Some_Name' }],
    ['  gaben ', { vanity: 'gaben' }],
  ])('%s', (input, expected) => {
    expect(parseSteamUser(input)).toEqual(expected);
  });
  it.each(['', 'a', 'https://example.com/id/x', 'steamcommunity.com/profiles/123', '名字'])(
    'rejects %j',
    (input) => {
      expect(() => parseSteamUser(input)).toThrow(/SteamID64/);
    },
  );
  it('the log hash is short, stable and not the id', () => {
    expect(userHash('76561198109613067')).toMatch(/^[0-9a-f]{10}$/);
    expect(userHash('76561198109613067')).toBe(userHash('76561198109613067'));
    expect(userHash('76561198109613067')).not.toBe(userHash('76561198109613068'));
  });
});
