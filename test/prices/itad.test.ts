import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/observability/logger.js';
import { noopMetrics } from '../../src/observability/metrics.js';
import { ItadClient } from '../../src/prices/itad.js';
import { priceVerdict } from '../../src/prices/price-verdict.js';
import { fixture } from '../steam/parse/files.js';

// ITAD's documentation examples (USD); the lookup id is set to the id the low examples use.
const HISTORY_ID = '01849782-1017-7389-8de4-c97c587fd7e3';

function client(bodies: Record<string, string>) {
  const seen: { url: string; init?: RequestInit }[] = [];
  const itad = new ItadClient({
    baseUrl: 'https://itad.test',
    apiKey: 'secret-key',
    timeoutMs: 1_000,
    retries: 0,
    circuit: { failureThreshold: 5, cooldownMs: 1_000 },
    logger: silentLogger,
    metrics: noopMetrics,
    fetch: async (url, init) => {
      seen.push({ url, init });
      const path = new URL(url).pathname;
      return new Response(bodies[path] ?? '{"status_code":404}', { status: bodies[path] ? 200 : 404 });
    },
  });
  return { itad, seen };
}

describe('ItadClient over the documentation examples', () => {
  const found = fixture('itad_games_lookup_v1_found.json').replace(
    /018d937f-07fc-72ed-8517-d8e24cb1eb22/g,
    HISTORY_ID,
  );

  it('the all-time low (any shop) and the Steam low, dates parsed across offsets', async () => {
    const { itad, seen } = client({
      '/games/lookup/v1': found,
      '/games/historylow/v1': fixture('itad_games_historylow_v1_usd.json'),
      '/games/storelow/v2': fixture('itad_games_storelow_v2_usd.json'),
    });
    const lows = await itad.lows('489830', 'US');
    expect(lows?.allTime).toEqual({ price: 3.99, currency: 'USD', shop: 'MacGameStore', date: '2022-11-27' });
    expect(lows?.steam).toMatchObject({ price: 6.59, currency: 'USD', shop: 'Steam' });
    expect(seen.map((s) => s.init?.method ?? 'GET')).toEqual(['GET', 'POST', 'POST']);
    expect(seen[1]?.init?.body).toBe(JSON.stringify([HISTORY_ID]));
    expect(seen.every((s) => !s.url.includes('secret-key'))).toBe(true); // the key travels in a header
  });

  it('an app ITAD does not know → null, without asking for lows', async () => {
    const { itad, seen } = client({ '/games/lookup/v1': fixture('itad_games_lookup_v1_not_found.json') });
    expect(await itad.lows('1', 'CN')).toBeNull();
    expect(seen).toHaveLength(1);
  });
});

describe('priceVerdict rules', () => {
  const history = (steam: number) => ({
    allTime: null,
    steam: { price: steam, currency: 'CNY', shop: 'Steam', date: null },
  });
  it.each([
    [100, 0, null, history(100), 'historical_low'],
    [110, 10, 110, history(100), 'near_historical_low'],
    [111, 10, 111, history(100), 'recent_low'],
    [111, 10, 90, history(100), 'wait'],
    [120, 0, null, history(100), 'wait'],
    [50, 50, 50, null, 'recent_low'],
    [50, 0, null, null, 'wait'],
  ] as const)('price %d, discount %d, 30-day low %s → %s', (current, discount, lowest30d, h, code) => {
    expect(priceVerdict({ current, discount, lowest30d, history: h }).code).toBe(code);
  });
});
