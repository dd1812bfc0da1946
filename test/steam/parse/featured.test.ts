import { describe, expect, it } from 'vitest';
import { parseFeaturedCategories } from '../../../src/steam/parse/featured.js';
import { cnContext, expectSteamParseError, sample, usdContext } from './files.js';

describe('parseFeaturedCategories', () => {
  const featured = parseFeaturedCategories(sample('featuredcategories_us_en.json'), usdContext());

  it('reads the four lists', () => {
    // specials lists 10 entries with one app twice.
    expect(featured.specials).toHaveLength(9);
    expect(featured.comingSoon).toHaveLength(10);
    expect(featured.newReleases).toHaveLength(30);
    expect(featured.specials[0]).toMatchObject({
      appId: '1326470',
      name: 'Sons Of The Forest',
      price: { final: 11.99, initial: 29.99, discount: 60, isFree: false, currency: 'USD' },
      platforms: { windows: true, mac: false, linux: false },
    });
  });

  it('dedupes repeated items (Steam Deck ×3 in top_sellers)', () => {
    const ids = featured.topSellers.map((item) => item.appId);
    expect(ids.filter((id) => id === '1675200')).toHaveLength(1);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(8);
  });

  it('gives unpriced coming-soon items a null price', () => {
    for (const item of featured.comingSoon) expect(item.price).toMatchObject({ final: null, isFree: false });
  });

  it.each([
    ['truncated', '{"specials":{"items":['],
    ['no lists', '{"status":1}'],
    ['items not an array', '{"specials":{"items":{}}}'],
  ])('%s → STEAM_PARSE', (_label, body) => {
    expectSteamParseError(() => parseFeaturedCategories(body, cnContext));
  });
});
