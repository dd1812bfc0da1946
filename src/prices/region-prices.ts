import { currencyForCountry } from '../steam/currency.js';
import { roundMoney } from '../steam/parse/shared.js';
import type { RegionItem } from '../steam/user-api.js';

export interface FxRates {
  /** CNY per unit of each currency. */
  rates: Readonly<Record<string, number>>;
  date: string;
}

export interface RegionPrice {
  region: string;
  currency: string;
  /** `error`: Steam did not answer for this region just now. */
  status: 'priced' | 'free' | 'no_price' | 'not_sold' | 'error';
  price: number | null;
  originalPrice: number | null;
  discount: number;
  /** The store's own display string, e.g. "HK$ 298.00". */
  formattedPrice: string | null;
  lowestRecentPrice: number | null;
  /** Only with operator-configured rates. */
  priceCny: number | null;
}

/** One row per region, in the order asked; converted to CNY only where a rate is configured. */
export function regionPrices(
  regions: readonly string[],
  items: ReadonlyMap<string, RegionItem | 'error' | undefined>,
  fx: FxRates | undefined,
): RegionPrice[] {
  return regions.map((region) => {
    const currency = currencyForCountry(region);
    const item = items.get(region);
    const empty = { region, currency, price: null, originalPrice: null, discount: 0, formattedPrice: null };
    if (item === 'error') return { ...empty, status: 'error', lowestRecentPrice: null, priceCny: null };
    const offer = item?.offer;
    if (!offer || offer.status === 'unavailable')
      return { ...empty, status: 'not_sold', lowestRecentPrice: null, priceCny: null };
    if (offer.status === 'free')
      return { ...empty, status: 'free', price: 0, originalPrice: 0, lowestRecentPrice: null, priceCny: 0 };
    if (offer.status === 'no_price')
      return { ...empty, status: 'no_price', lowestRecentPrice: null, priceCny: null };
    const rate = fx?.rates[currency];
    return {
      region,
      currency,
      status: 'priced',
      price: offer.final,
      originalPrice: offer.initial,
      discount: offer.discount,
      formattedPrice: offer.formattedFinal,
      lowestRecentPrice: offer.lowestRecent,
      priceCny: rate === undefined ? null : roundMoney(offer.final * rate),
    };
  });
}

/** The cheapest priced region in CNY, when every priced region could be converted. */
export function cheapestInCny(rows: readonly RegionPrice[]): string | null {
  const priced = rows.filter((r) => r.status === 'priced');
  if (priced.length < 2 || priced.some((r) => r.priceCny === null)) return null;
  return [...priced].sort((a, b) => (a.priceCny ?? 0) - (b.priceCny ?? 0))[0]?.region ?? null;
}
