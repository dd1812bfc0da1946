import { z } from 'zod';
import type { PriceInfo, StoreSearchItem } from '../types.js';
import { centsToUnits, discountFromAmounts, noPrice, parseJsonBody, type ParseContext } from './shared.js';

const itemSchema = z.object({
  type: z.string(),
  name: z.string(),
  id: z.union([z.number(), z.string()]).transform(String),
  price: z.object({ currency: z.string(), initial: z.number(), final: z.number() }).optional(),
  tiny_image: z.string().nullish(),
  metascore: z.union([z.string(), z.number()]).optional(),
  platforms: z.object({ windows: z.boolean(), mac: z.boolean(), linux: z.boolean() }).partial().optional(),
});

const bodySchema = z.object({ total: z.number().optional(), items: z.array(itemSchema) });

/** `/api/storesearch/?term=` (≤ 10 items). No `price` key: free or unpriced, the caller decides. */
export function parseStoreSearch(body: string, ctx: ParseContext): StoreSearchItem[] {
  const { items } = parseJsonBody(body, bodySchema, 'storesearch');
  return items
    .filter((item) => item.type === 'app' || item.type === 'sub')
    .map((item) => ({
      kind: item.type === 'sub' ? 'sub' : 'app',
      id: item.id,
      name: item.name,
      price: itemPrice(item.price, ctx.currency),
      image: item.tiny_image ?? null,
      platforms: {
        windows: item.platforms?.windows === true,
        mac: item.platforms?.mac === true,
        linux: item.platforms?.linux === true,
      },
    }));
}

function itemPrice(price: z.output<typeof itemSchema>['price'], currency: string | null): PriceInfo {
  if (!price) return noPrice(currency);
  return {
    final: centsToUnits(price.final),
    initial: centsToUnits(price.initial),
    discount: discountFromAmounts(price.initial, price.final),
    isFree: false,
    currency: price.currency,
  };
}
