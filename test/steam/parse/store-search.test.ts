import { describe, expect, it } from 'vitest';
import { parseStoreSearch } from '../../../src/steam/parse/store-search.js';
import { cnContext, expectSteamParseError, sample, usdContext } from './files.js';

describe('parseStoreSearch', () => {
  it('reads Elden: a discounted item and an unpriced one', () => {
    const items = parseStoreSearch(sample('storesearch_Elden_us_en.json'), usdContext());
    expect(items.length).toBeLessThanOrEqual(10);
    expect(items[0]).toMatchObject({
      kind: 'app',
      id: '1245620',
      name: 'ELDEN RING',
      price: { final: 59.99, initial: 59.99, discount: 0, isFree: false, currency: 'USD' },
      platforms: { windows: true, mac: false, linux: false },
    });
    const sword = items.find((item) => item.name === 'Elden Sword');
    expect(sword?.price).toMatchObject({ final: 1.99, initial: 4.99, discount: 60 });
    const unpriced = items.filter((item) => item.price.final === null);
    expect(unpriced.length).toBeGreaterThan(0);
    for (const item of unpriced) expect(item.price.isFree).toBe(false);
  });

  it('reads a package (sub) item of Dark Souls', () => {
    const items = parseStoreSearch(sample('storesearch_Dark_Souls_us_en.json'), usdContext());
    expect(items.find((item) => item.kind === 'sub')).toMatchObject({
      id: '94174',
      name: 'DARK SOULS III Deluxe Edition',
      price: { final: 84.98 },
    });
  });

  it.each([
    ['storesearch_Split_Fiction_us_en.json', 2],
    ['storesearch_hades_us_en.json', 10],
    ['storesearch_Elden_Ring_us_en.json', 4],
  ])('%s has %i items', (file, count) => {
    const items = parseStoreSearch(sample(file), usdContext());
    expect(items).toHaveLength(count);
  });

  it('reads a CNY answer', () => {
    const body =
      '{"total":1,"items":[{"type":"app","name":"黑神话：悟空","id":2358720,"price":{"currency":"CNY","initial":26800,"final":26800},"tiny_image":null,"metascore":"81","platforms":{"windows":true,"mac":false,"linux":false},"streamingvideo":false}]}';
    expect(parseStoreSearch(body, cnContext)[0]).toMatchObject({
      name: '黑神话：悟空',
      price: { final: 268, currency: 'CNY' },
    });
  });

  it.each(['{"total":1', '{"total":0}', '{"items":[{"type":"app"}]}'])('rejects %j', (body) => {
    expectSteamParseError(() => parseStoreSearch(body, cnContext));
  });
});
