import { z } from 'zod';
import { deckFromCategory } from '../../domain/deck.js';
import { languagesFromRows } from '../../domain/languages.js';
import type { PriceInfo, ReviewInfo, StoreItem, StoreQueryPage } from '../types.js';
import { appTypeFromNumber } from './app-type.js';
import type { ParseContext } from './context.js';
import { appUrl } from './context.js';
import { decodeEntities } from './html-text.js';
import { parseJsonBody } from './json.js';
import { centsToUnits, freePrice, noPrice } from './money.js';
import type { RawStoreItem } from './store-item-schema.js';
import { storeItemSchema } from './store-item-schema.js';

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
