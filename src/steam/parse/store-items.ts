import { z } from 'zod';
import { deckFromCategory } from '../../domain/deck.js';
import { languagesFromRows } from '../../domain/languages.js';
import type { PriceInfo, ReviewInfo, StoreItem, StoreQueryPage } from '../types.js';
import { decodeEntities } from './store-html.js';
import {
  appTypeFromNumber,
  appUrl,
  centsToUnits,
  freePrice,
  int64,
  noPrice,
  parseJsonBody,
  type ParseContext,
} from './shared.js';

const named = z.array(z.object({ name: z.string() }));

/** One card of IStoreBrowseService/GetItems and IStoreQueryService/Query (FORMATS.md §9). */
export const storeItemSchema = z.object({
  item_type: z.number().optional(),
  id: z.number().optional(),
  success: z.number(),
  visible: z.boolean().optional(),
  name: z.string().optional(),
  store_url_path: z.string().optional(),
  appid: z.number().optional(),
  type: z.number().optional(),
  is_free: z.boolean().optional(),
  is_coming_soon: z.boolean().optional(),
  is_early_access: z.boolean().optional(),
  tagids: z.array(z.number()).optional(),
  categories: z.record(z.string(), z.array(z.number())).optional(),
  reviews: z
    .object({
      summary_filtered: z
        .object({
          review_count: z.number().optional(),
          percent_positive: z.number().optional(),
          review_score: z.number().optional(),
          review_score_label: z.string().optional(),
        })
        .optional(),
    })
    .optional(),
  basic_info: z
    .object({
      short_description: z.string().optional(),
      publishers: named.optional(),
      developers: named.optional(),
    })
    .optional(),
  assets: z.object({ asset_url_format: z.string().optional(), header: z.string().optional() }).optional(),
  release: z
    .object({
      steam_release_date: z.number().optional(),
      is_coming_soon: z.boolean().optional(),
      is_early_access: z.boolean().optional(),
    })
    .optional(),
  platforms: z
    .object({
      windows: z.boolean().optional(),
      mac: z.boolean().optional(),
      steamos_linux: z.boolean().optional(),
      // Parsed leniently: an unexpected value means "unknown", never a failed card.
      steam_deck_compat_category: z.unknown().optional(),
    })
    .optional(),
  supported_languages: z
    .array(
      z.object({
        elanguage: z.number().optional(),
        supported: z.boolean().optional(),
        full_audio: z.boolean().optional(),
        subtitles: z.boolean().optional(),
      }),
    )
    .optional()
    .catch(undefined),
  best_purchase_option: z
    .object({
      final_price_in_cents: int64.optional(),
      original_price_in_cents: int64.optional(),
      discount_pct: z.number().optional(),
    })
    .optional(),
});

type RawStoreItem = z.output<typeof storeItemSchema>;

const ASSET_BASE = 'https://shared.akamai.steamstatic.com/store_item_assets/';
const SHANGHAI_OFFSET_SECONDS = 8 * 3600;

const getItemsSchema = z.object({
  response: z.object({ store_items: z.array(storeItemSchema).optional() }),
});

const querySchema = z.object({
  response: z.object({
    metadata: z.object({ total_matching_records: z.number().optional() }).optional(),
    store_items: z.array(storeItemSchema).optional(),
  }),
});

/** `IStoreBrowseService/GetItems`: cards in request order, unknown/hidden ids dropped. */
export function parseGetItems(body: string, ctx: ParseContext): StoreItem[] {
  const { response } = parseJsonBody(body, getItemsSchema, 'GetItems');
  return toStoreItems(response.store_items ?? [], ctx);
}

/** `IStoreQueryService/Query`: one page plus the total for paging. */
export function parseStoreQuery(body: string, ctx: ParseContext): StoreQueryPage {
  const { response } = parseJsonBody(body, querySchema, 'StoreQuery');
  const items = toStoreItems(response.store_items ?? [], ctx);
  return { items, total: response.metadata?.total_matching_records ?? items.length };
}

function toStoreItems(raw: RawStoreItem[], ctx: ParseContext): StoreItem[] {
  // success is an EResult (15 = hidden/unknown); packages and bundles are not apps.
  return raw
    .filter((item) => item.success === 1 && item.visible !== false && (item.item_type ?? 0) === 0)
    .map((item) => toStoreItem(item, ctx));
}

function toStoreItem(item: RawStoreItem, ctx: ParseContext): StoreItem {
  const appId = String(item.appid ?? item.id ?? 0);
  const description = item.basic_info?.short_description;
  return {
    appId,
    name: item.name ?? '',
    type: appTypeFromNumber(item.type),
    url: item.store_url_path
      ? `${ctx.storeUrl}/${item.store_url_path.replace(/^\//, '')}`
      : appUrl(ctx, appId),
    isFree: item.is_free === true,
    price: itemPrice(item, ctx.currency),
    tagIds: item.tagids ?? [],
    categoryIds: [...new Set(Object.values(item.categories ?? {}).flat())],
    review: itemReview(item),
    shortDescription: description ? decodeEntities(description) : null,
    developers: (item.basic_info?.developers ?? []).map((d) => d.name),
    publishers: (item.basic_info?.publishers ?? []).map((p) => p.name),
    headerImage: headerImage(item),
    releaseDate: releaseDate(item.release?.steam_release_date),
    comingSoon: item.is_coming_soon === true || item.release?.is_coming_soon === true,
    earlyAccess: item.is_early_access === true || item.release?.is_early_access === true,
    platforms: {
      windows: item.platforms?.windows === true,
      mac: item.platforms?.mac === true,
      linux: item.platforms?.steamos_linux === true,
    },
    languages: languagesFromRows(item.supported_languages),
    deck: deckFromCategory(item.platforms?.steam_deck_compat_category),
  };
}

function itemPrice(item: RawStoreItem, currency: string | null): PriceInfo {
  if (item.is_free === true) return freePrice(currency);
  const option = item.best_purchase_option;
  // No option and not free: unreleased or not sold in this region.
  if (option?.final_price_in_cents === undefined) return noPrice(currency);
  const final = centsToUnits(option.final_price_in_cents);
  const discount = option.discount_pct ?? 0;
  const initial =
    discount > 0 && option.original_price_in_cents !== undefined
      ? centsToUnits(option.original_price_in_cents)
      : final;
  return { final, initial, discount, isFree: false, currency };
}

function itemReview(item: RawStoreItem): ReviewInfo {
  const summary = item.reviews?.summary_filtered;
  if (!summary) return { summary: null, positivePct: null, count: null, score: null };
  const count = summary.review_count ?? 0;
  return {
    summary: summary.review_score_label ?? null,
    positivePct: count > 0 ? (summary.percent_positive ?? null) : null,
    count,
    score: summary.review_score ?? null,
  };
}

function headerImage(item: RawStoreItem): string | null {
  const format = item.assets?.asset_url_format;
  const header = item.assets?.header;
  if (!format || !header) return null;
  return ASSET_BASE + format.replace('${FILENAME}', header);
}

/** The store shows dates in Beijing time: a 00:00 CST release is the previous day in UTC. */
function releaseDate(unixSeconds: number | undefined): string | null {
  if (unixSeconds === undefined || unixSeconds <= 0) return null;
  return new Date((unixSeconds + SHANGHAI_OFFSET_SECONDS) * 1000).toISOString().slice(0, 10);
}
