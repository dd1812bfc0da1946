import { z } from 'zod';
import type { FeaturedCategories, FeaturedItem, PriceInfo } from '../types.js';
import type { ParseContext } from './context.js';
import { parseError, parseJsonBody } from './json.js';
import { centsToUnits, noPrice } from './money.js';

const itemSchema = z.object({
  id: z.union([z.number(), z.string()]).transform(String),
  name: z.string(),
  discounted: z.boolean().optional(),
  discount_percent: z.number().optional(),
  original_price: z.number().nullish(),
  final_price: z.number().nullish(),
  currency: z.string().nullish(),
  header_image: z.string().nullish(),
  windows_available: z.boolean().optional(),
  mac_available: z.boolean().optional(),
  linux_available: z.boolean().optional(),
});

const listSchema = z.object({ items: z.array(itemSchema) }).optional();

const bodySchema = z.object({
  specials: listSchema,
  top_sellers: listSchema,
  new_releases: listSchema,
  coming_soon: listSchema,
});

type RawItem = z.output<typeof itemSchema>;

/** `/api/featuredcategories`: the four lists the product uses. */
export function parseFeaturedCategories(body: string, _ctx: ParseContext): FeaturedCategories {
  const raw = parseJsonBody(body, bodySchema, 'featuredcategories');
  if (!raw.specials && !raw.top_sellers && !raw.new_releases && !raw.coming_soon) {
    throw parseError('featuredcategories: none of specials/top_sellers/new_releases/coming_soon');
  }
  return {
    specials: toItems(raw.specials?.items),
    topSellers: toItems(raw.top_sellers?.items),
    newReleases: toItems(raw.new_releases?.items),
    comingSoon: toItems(raw.coming_soon?.items),
  };
}

// The same app can be listed several times (Steam Deck ×3 in top_sellers): keep the first.
function toItems(items: RawItem[] | undefined): FeaturedItem[] {
  const seen = new Set<string>();
  const result: FeaturedItem[] = [];
  for (const item of items ?? []) {
    if (seen.has(item.id)) continue;
    seen.add(item.id);
    result.push({
      appId: item.id,
      name: item.name,
      price: itemPrice(item),
      headerImage: item.header_image ?? null,
      platforms: {
        windows: item.windows_available === true,
        mac: item.mac_available === true,
        linux: item.linux_available === true,
      },
    });
  }
  return result;
}

/** `original_price: null, final_price: 0` = free or not yet priced; the list cannot tell which. */
function itemPrice(item: RawItem): PriceInfo {
  const currency = item.currency ?? null;
  if (item.final_price === null || item.final_price === undefined) return noPrice(currency);
  if ((item.original_price === null || item.original_price === undefined) && item.final_price === 0) {
    return noPrice(currency);
  }
  const final = centsToUnits(item.final_price);
  const initial = centsToUnits(item.original_price ?? item.final_price);
  return { final, initial, discount: item.discount_percent ?? 0, isFree: false, currency };
}
