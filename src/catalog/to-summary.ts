import type { AppDetails, PriceInfo, SearchRow, StoreItem } from '../steam/types.js';
import type { GameDetails, GameSummary } from './types.js';

export type TagNamer = (tagIds: readonly number[]) => string[];

const MAX_TAGS = 8;

function priceFields(price: PriceInfo, isFreeFromSteam: boolean) {
  const isFree = isFreeFromSteam || price.isFree;
  const final = isFree ? 0 : price.final;
  return {
    price: final,
    originalPrice: isFree ? 0 : (price.initial ?? final),
    discount: final === null ? 0 : price.discount,
    isFree,
  };
}

/** A card from GetItems/Query, the richest list source. */
export function summaryFromItem(item: StoreItem, currency: string, nameTags: TagNamer): GameSummary {
  return {
    appId: item.appId,
    name: item.name,
    type: item.type,
    ...priceFields(item.price, item.isFree),
    currency,
    url: item.url,
    releaseDate: item.releaseDate,
    comingSoon: item.comingSoon,
    tagIds: item.tagIds,
    tags: nameTags(item.tagIds).slice(0, MAX_TAGS),
    description: item.shortDescription,
    headerImage: item.headerImage,
    reviewSummary: item.review.summary,
    reviewPositivePct: item.review.positivePct,
    reviewCount: item.review.count,
    platforms: item.platforms,
    languages: item.languages,
    deck: item.deck,
  };
}

/**
 * A search row, enriched with its card when one is known. Price comes from the row (what
 * the search page showed), free-ness only from Steam's own flags or its "Free" price text.
 */
export function summaryFromRow(
  row: SearchRow,
  item: StoreItem | undefined,
  currency: string,
  nameTags: TagNamer,
): GameSummary {
  const tagIds = item?.tagIds.length ? item.tagIds : row.tagIds;
  return {
    appId: row.id,
    name: item?.name || row.name,
    type: item?.type ?? 'game',
    ...priceFields(row.price, item?.isFree ?? false),
    currency,
    url: row.url.split('?')[0] ?? row.url,
    releaseDate: row.releaseDate ?? item?.releaseDate ?? null,
    comingSoon: item?.comingSoon ?? row.price.final === null,
    tagIds,
    tags: nameTags(tagIds).slice(0, MAX_TAGS),
    description: item?.shortDescription ?? null,
    headerImage: item?.headerImage ?? row.capsuleImage,
    reviewSummary: item?.review.summary ?? row.review.summary,
    reviewPositivePct: item?.review.positivePct ?? row.review.positivePct,
    reviewCount: item?.review.count ?? row.review.count,
    platforms: item?.platforms ?? row.platforms,
    languages: item?.languages ?? null,
    deck: item?.deck ?? 'unknown',
  };
}

export function detailsFromAppDetails(d: AppDetails, currency: string, url: string): GameDetails {
  const tags = [...d.genres, ...d.categories.filter((c) => !d.genres.includes(c))];
  return {
    appId: d.appId,
    name: d.name,
    type: d.type,
    ...priceFields(d.price, d.isFree),
    currency: d.price.currency ?? currency,
    url,
    releaseDate: d.releaseDate,
    comingSoon: d.comingSoon,
    tagIds: [],
    tags,
    description: d.shortDescription,
    headerImage: d.headerImage,
    reviewSummary: null,
    reviewPositivePct: null,
    reviewCount: null,
    platforms: d.platforms,
    languages: d.languages,
    deck: 'unknown',
    developers: d.developers,
    publishers: d.publishers,
    genres: d.genres,
    categories: d.categories,
    supportedLanguages: d.supportedLanguages,
    metacritic: d.metacritic,
    screenshots: d.screenshots.slice(0, 5),
    requirements: d.requirements,
    dlcCount: d.dlcCount,
    achievements: d.achievements,
    website: d.website,
  };
}

/** Details from a card only (when the store host is unreachable). */
export function detailsFromItem(item: StoreItem, currency: string, nameTags: TagNamer): GameDetails {
  return {
    ...summaryFromItem(item, currency, nameTags),
    developers: item.developers,
    publishers: item.publishers,
    genres: [],
    categories: [],
    supportedLanguages: [],
    metacritic: null,
    screenshots: [],
    requirements: { pc: null, mac: null, linux: null },
    dlcCount: 0,
    achievements: null,
    website: null,
  };
}
