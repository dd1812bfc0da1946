import type { FakeGame, FakePackage } from './fake-steam-games.js';
import { FAKE_TAGS, finalCents } from './fake-steam-games.js';
import { playOf, supportedLanguageRows } from './fake-steam-play.js';
import type { FakeLang } from './fake-steam-format.js';
import {
  beijingMidnight,
  displayName,
  escapeHtml,
  formatCny,
  langOf,
  reviewLabel,
  slug,
} from './fake-steam-format.js';

/** api.steampowered.com store services: GetItems, Query, GetTagList (FORMATS.md §8–11). */

export class BadServiceRequest extends Error {}

interface DataRequest {
  include_basic_info?: boolean;
  include_tag_count?: number;
  include_reviews?: boolean;
  include_assets?: boolean;
  include_release?: boolean;
  include_platforms?: boolean;
  include_supported_languages?: boolean;
}

interface ServiceInput {
  ids?: Array<{ appid?: number; packageid?: number; bundleid?: number }>;
  context?: { language?: string; country_code?: string };
  data_request?: DataRequest;
  language?: string;
  have_version_hash?: string;
  query?: {
    start?: number;
    count?: number;
    sort?: number;
    filters?: {
      released_only?: boolean;
      coming_soon_only?: boolean;
      type_filters?: Record<string, boolean | number>;
      tagids_must_match?: Array<{ tagids?: number[] }>;
      tagids_exclude?: number[];
      price_filters?: {
        only_free_items?: boolean;
        exclude_free_items?: boolean;
        min_discount_percent?: number;
      };
    };
  };
}

/** `input_json=` (URL-encoded JSON); a malformed one is an HTTP 400 like the real Web API. */
export function serviceInput(query: URLSearchParams): ServiceInput {
  const raw = query.get('input_json');
  if (raw === null) return { language: query.get('language') ?? undefined };
  try {
    const parsed: unknown = JSON.parse(raw);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
      throw new Error('not an object');
    return parsed as ServiceInput;
  } catch {
    throw new BadServiceRequest('input_json is not a JSON object');
  }
}

const TYPE_NUMBER: Record<FakeGame['type'], number> = { game: 0, demo: 1, dlc: 4, software: 6, music: 11 };
const PLAYER_CATEGORIES = new Set([1, 2, 9, 38, 39]);
const CONTROLLER_CATEGORIES = new Set([18, 28]);

function categories(game: FakeGame): Record<string, number[]> {
  const players = game.categories.filter((id) => PLAYER_CATEGORIES.has(id));
  const controller = game.categories.filter((id) => CONTROLLER_CATEGORIES.has(id));
  const features = game.categories.filter(
    (id) => !PLAYER_CATEGORIES.has(id) && !CONTROLLER_CATEGORIES.has(id),
  );
  return {
    ...(players.length ? { supported_player_categoryids: players } : {}),
    ...(features.length ? { feature_categoryids: features } : {}),
    ...(controller.length ? { controller_categoryids: controller } : {}),
  };
}

function purchaseOption(game: FakeGame, lang: FakeLang): Record<string, unknown> | undefined {
  const final = finalCents(game);
  if (game.isFree || final === null || game.priceCents === null) return undefined;
  const name = displayName(game, lang);
  return {
    packageid: game.appId * 10 + 1,
    purchase_option_name: lang === 'english' ? `Buy ${name}` : `购买 ${name}`,
    final_price_in_cents: String(final),
    ...(game.discount > 0 ? { original_price_in_cents: String(game.priceCents) } : {}),
    formatted_final_price: formatCny(final),
    ...(game.discount > 0
      ? {
          formatted_original_price: formatCny(game.priceCents),
          discount_pct: game.discount,
          active_discounts: [
            {
              discount_amount: String(game.priceCents - final),
              discount_description: '#discount_desc_preset_special',
              discount_end_date: 1767283200,
            },
          ],
          lowest_recent_price_in_cents: String(final),
        }
      : {}),
    user_can_purchase_as_gift: true,
    included_game_count: 1,
  };
}

/** One store card, shaped by data_request like the real service. */
function storeItem(game: FakeGame, request: DataRequest, lang: FakeLang): Record<string, unknown> {
  const tagCount = request.include_tag_count ?? 0;
  const option = purchaseOption(game, lang);
  const review = game.review;
  return {
    item_type: 0,
    id: game.appId,
    success: 1,
    visible: true,
    name: displayName(game, lang),
    store_url_path: `app/${game.appId}/${slug(game.englishName ?? game.name)}/`,
    appid: game.appId,
    type: TYPE_NUMBER[game.type],
    ...(game.isFree ? { is_free: true } : {}),
    ...(game.comingSoon ? { is_coming_soon: true } : {}),
    ...(game.earlyAccess ? { is_early_access: true } : {}),
    ...(tagCount > 0 ? { tagids: game.tagIds } : {}),
    categories: categories(game),
    ...(request.include_reviews
      ? {
          reviews: {
            summary_filtered: review
              ? {
                  review_count: review.count,
                  percent_positive: review.pct,
                  review_score: review.score,
                  review_score_label: reviewLabel(review, lang),
                }
              : { review_count: 0, percent_positive: 0 },
          },
        }
      : {}),
    ...(request.include_basic_info
      ? {
          basic_info: {
            short_description: escapeHtml(game.shortDescription),
            publishers: game.publishers.map((name) => ({ name })),
            developers: game.developers.map((name) => ({ name })),
          },
        }
      : {}),
    ...(tagCount > 0
      ? { tags: game.tagIds.slice(0, tagCount).map((tagid, i) => ({ tagid, weight: 3000 - i * 200 })) }
      : {}),
    ...(request.include_assets
      ? {
          assets: {
            asset_url_format: `steam/apps/${game.appId}/\${FILENAME}?t=1724384454`,
            main_capsule: 'capsule_616x353.jpg',
            small_capsule: 'capsule_231x87.jpg',
            header: 'header.jpg',
          },
        }
      : {}),
    ...(request.include_release
      ? {
          release:
            game.releaseDate === null
              ? { is_coming_soon: true, coming_soon_display: 'date_full' }
              : {
                  steam_release_date: beijingMidnight(game.releaseDate),
                  ...(game.earlyAccess ? { is_early_access: true } : {}),
                },
        }
      : {}),
    ...(request.include_platforms
      ? {
          platforms: {
            ...(game.platforms.windows ? { windows: true } : {}),
            ...(game.platforms.mac ? { mac: true } : {}),
            ...(game.platforms.linux ? { steamos_linux: true } : {}),
            vr_support: {},
            steam_deck_compat_category: playOf(game).deck,
          },
        }
      : {}),
    ...(request.include_supported_languages ? supportedLanguageRows(playOf(game)) : {}),
    ...(option ? { best_purchase_option: option } : {}),
  };
}

function invalidItem(id: number, itemType: number): Record<string, unknown> {
  return {
    item_type: itemType,
    id,
    success: 15,
    visible: false,
    name: '',
    store_url_path: 'app/0/',
    appid: 0,
  };
}

/** `IStoreBrowseService/GetItems/v1`: one card per id, in request order. */
export function getItems(
  games: readonly FakeGame[],
  packages: readonly FakePackage[],
  input: ServiceInput,
): unknown {
  const lang = langOf(input.context?.language);
  const request = input.data_request ?? {};
  const items = (input.ids ?? []).map((id) => {
    if (id.appid !== undefined) {
      const game = games.find((g) => g.appId === id.appid);
      return game ? storeItem(game, request, lang) : invalidItem(id.appid, 0);
    }
    const pkg = id.packageid === undefined ? undefined : packages.find((p) => p.packageId === id.packageid);
    if (!pkg) return invalidItem(id.packageid ?? id.bundleid ?? 0, id.packageid !== undefined ? 1 : 2);
    return {
      item_type: 1,
      id: pkg.packageId,
      success: 1,
      visible: true,
      name: lang === 'english' ? pkg.englishName : pkg.name,
      store_url_path: `sub/${pkg.packageId}/`,
      packageid: pkg.packageId,
      best_purchase_option: { packageid: pkg.packageId, final_price_in_cents: String(finalCents(pkg)) },
    };
  });
  return { response: { store_items: items } };
}

const TYPE_FILTER: Record<string, FakeGame['type']> = {
  include_games: 'game',
  include_demos: 'demo',
  include_dlc: 'dlc',
  include_software: 'software',
  include_music: 'music',
};

function matchesFilters(game: FakeGame, filters: NonNullable<ServiceInput['query']>['filters']): boolean {
  if (!filters) return true;
  if (filters.released_only && game.comingSoon) return false;
  if (filters.coming_soon_only && !game.comingSoon) return false;
  const wantedTypes = Object.entries(filters.type_filters ?? {})
    .filter(([key, on]) => on === true && key in TYPE_FILTER)
    .map(([key]) => TYPE_FILTER[key]);
  // Without a type filter Steam mixes games, DLC, soundtracks…
  if (wantedTypes.length > 0 && !wantedTypes.includes(game.type)) return false;
  for (const group of filters.tagids_must_match ?? []) {
    const alternatives = group.tagids ?? [];
    if (alternatives.length > 0 && !alternatives.some((tag) => game.tagIds.includes(tag))) return false;
  }
  if ((filters.tagids_exclude ?? []).some((tag) => game.tagIds.includes(tag))) return false;
  const price = filters.price_filters ?? {};
  if (price.only_free_items && !game.isFree) return false;
  if (price.exclude_free_items && game.isFree) return false;
  const minDiscount = price.min_discount_percent ?? 0;
  // Real quirk: min_discount_percent 100 is silently ignored.
  if (minDiscount > 0 && minDiscount < 100 && (game.isFree || game.discount < minDiscount)) return false;
  return true;
}

function sortGames(games: FakeGame[], sort: number | undefined): FakeGame[] {
  const by = (key: (g: FakeGame) => number): FakeGame[] =>
    [...games].sort((a, b) => key(a) - key(b) || a.appId - b.appId);
  switch (sort) {
    case 1:
      return [...games].sort((a, b) => a.name.localeCompare(b.name));
    case 3:
      return by((g) => -g.appId);
    case 10:
      return by((g) => g.salesRank);
    case 20:
      return by((g) => g.trendingRank);
    case 21:
      return by((g) => -((g.review?.pct ?? 0) * 1e9 + (g.review?.count ?? 0)));
    case 40:
      return by((g) => -(g.releaseDate === null ? 0 : Date.parse(g.releaseDate)));
    default:
      return by((g) => g.appId);
  }
}

/** `IStoreQueryService/Query/v1`: filters, sort, paging, total. */
export function storeQuery(games: readonly FakeGame[], input: ServiceInput): unknown {
  const lang = langOf(input.context?.language);
  const query = input.query ?? {};
  const matching = sortGames(
    games.filter((game) => matchesFilters(game, query.filters)),
    query.sort,
  );
  const start = Math.max(0, query.start ?? 0);
  const count = Math.max(0, query.count ?? 10);
  const page = matching.slice(start, start + count);
  return {
    response: {
      metadata: { total_matching_records: matching.length, start, count: page.length },
      ...(page.length > 0
        ? {
            ids: page.map((game) => ({ appid: game.appId })),
            store_items: page.map((game) => storeItem(game, input.data_request ?? {}, lang)),
          }
        : {}),
    },
  };
}

const VERSION_HASH: Record<FakeLang, string> = { schinese: '1938273645', english: '711684454' };

/** `IStoreService/GetTagList/v1`: whole vocabulary sorted by id. */
export function tagList(input: ServiceInput): unknown {
  const lang = langOf(input.language);
  const hash = VERSION_HASH[lang];
  if (input.have_version_hash === hash) return { response: { version_hash: hash } };
  const tags = [...FAKE_TAGS]
    .sort(([a], [b]) => a - b)
    .map(([tagid, names]) => ({ tagid, name: names[lang] }));
  return { response: { version_hash: hash, tags } };
}
