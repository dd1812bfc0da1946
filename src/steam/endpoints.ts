/** URL builders for the Steam store and the key-less Web API services. Pure. */

export interface Locale {
  language: string;
  country: string;
}

export interface SearchParams {
  term?: string;
  tagIds?: number[];
  specials?: boolean;
  freeOnly?: boolean;
  /** Steam list filter, e.g. topsellers, popularnew. */
  filter?: string;
  start: number;
  count: number;
}

export function searchResultsUrl(base: string, locale: Locale, p: SearchParams): string {
  const q = new URLSearchParams({ query: '', start: String(p.start), count: String(p.count), infinite: '1' });
  if (p.term) q.set('term', p.term);
  q.set('category1', '998'); // games only: no DLC, soundtracks, software
  if (p.tagIds?.length) q.set('tags', p.tagIds.join(','));
  if (p.specials) q.set('specials', '1');
  if (p.freeOnly) q.set('maxprice', 'free');
  if (p.filter) q.set('filter', p.filter);
  q.set('ignore_preferences', '1');
  addLocale(q, locale);
  return `${base}/search/results/?${q}`;
}

export function appDetailsUrl(base: string, locale: Locale, appId: string): string {
  const q = new URLSearchParams({ appids: appId });
  addLocale(q, locale);
  return `${base}/api/appdetails?${q}`;
}

export function storeSearchUrl(base: string, locale: Locale, term: string): string {
  const q = new URLSearchParams({ term });
  addLocale(q, locale);
  return `${base}/api/storesearch/?${q}`;
}

/** `reviewLanguage`: `all`, or a Steam language (`schinese`) to count that language's reviews only. */
export function appReviewsUrl(base: string, locale: Locale, appId: string, reviewLanguage = 'all'): string {
  const q = new URLSearchParams({
    json: '1',
    language: reviewLanguage,
    purchase_type: 'all',
    num_per_page: '0',
    l: locale.language,
  });
  return `${base}/appreviews/${encodeURIComponent(appId)}?${q}`;
}

export function reviewHistogramUrl(base: string, locale: Locale, appId: string): string {
  const q = new URLSearchParams({ l: locale.language, review_score_preference: '0' });
  return `${base}/appreviewhistogram/${encodeURIComponent(appId)}?${q}`;
}

export function currentPlayersUrl(apiBase: string, appId: string): string {
  return `${apiBase}/ISteamUserStats/GetNumberOfCurrentPlayers/v1/?${new URLSearchParams({ appid: appId })}`;
}

/** One app's weighted tags, up to 20 (the most Steam returns), to find games like it. */
export function itemTagsUrl(apiBase: string, locale: Locale, appId: string): string {
  const input = {
    ids: [{ appid: Number(appId) }],
    context: context(locale),
    data_request: { include_tag_count: 20 },
  };
  return `${apiBase}/IStoreBrowseService/GetItems/v1/?${new URLSearchParams({ input_json: JSON.stringify(input) })}`;
}

export function popularTagsUrl(base: string, language: string): string {
  return `${base}/tagdata/populartags/${encodeURIComponent(language)}`;
}

export function tagListUrl(apiBase: string, language: string): string {
  return `${apiBase}/IStoreService/GetTagList/v1/?${new URLSearchParams({ language })}`;
}

/** Cards for many apps at once; which parts come back is chosen by the data request. */
export const CARD_DATA_REQUEST = {
  include_basic_info: true,
  include_tag_count: 12,
  include_reviews: true,
  include_assets: true,
  include_release: true,
  include_platforms: true,
  include_supported_languages: true,
} as const;

export function getItemsUrl(apiBase: string, locale: Locale, appIds: readonly string[]): string {
  const input = {
    ids: appIds.map((appid) => ({ appid: Number(appid) })),
    context: context(locale),
    data_request: CARD_DATA_REQUEST,
  };
  return `${apiBase}/IStoreBrowseService/GetItems/v1/?${new URLSearchParams({ input_json: JSON.stringify(input) })}`;
}

export interface StoreQuery {
  start: number;
  count: number;
  /** Undocumented Steam sort ids: 10 top sellers, 20 new & trending, 21 top rated, 40 newest. */
  sort: number;
  tagGroups?: number[][];
  freeOnly?: boolean;
  minDiscount?: number;
}

export function storeQueryUrl(apiBase: string, locale: Locale, q: StoreQuery): string {
  const priceFilters: Record<string, unknown> = {};
  if (q.freeOnly) priceFilters.only_free_items = true;
  if (q.minDiscount) priceFilters.min_discount_percent = q.minDiscount;
  const input = {
    query: {
      start: q.start,
      count: q.count,
      sort: q.sort,
      filters: {
        released_only: true,
        type_filters: { include_games: true },
        ...(q.tagGroups?.length ? { tagids_must_match: q.tagGroups.map((tagids) => ({ tagids })) } : {}),
        ...(Object.keys(priceFilters).length ? { price_filters: priceFilters } : {}),
      },
    },
    context: context(locale),
    data_request: CARD_DATA_REQUEST,
  };
  return `${apiBase}/IStoreQueryService/Query/v1/?${new URLSearchParams({ input_json: JSON.stringify(input) })}`;
}

function context(locale: Locale) {
  return { language: locale.language, country_code: locale.country, steam_realm: 1 };
}

function addLocale(q: URLSearchParams, locale: Locale): void {
  q.set('cc', locale.country);
  q.set('l', locale.language);
}
