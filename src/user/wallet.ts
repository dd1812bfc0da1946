import { UpstreamError, upstreamLogFields, UserError } from '../errors.js';
import { cheapestInCny, regionPrices, type FxRates, type RegionPrice } from '../prices/region-prices.js';
import type { RegionItem } from '../steam/user-api.js';
import type { ItadClient, ItadLows } from '../prices/itad.js';
import { priceVerdict, type PriceVerdict } from '../prices/price-verdict.js';
import {
  playtimeWeight,
  tasteTags,
  wishlistWeight,
  type Taste,
  type TasteSignal,
} from '../recommend/taste.js';
import { tagNamer } from '../domain/resolve-filters.js';
import type { TagNamer } from '../catalog/to-summary.js';
import type { SteamCatalog } from '../catalog/types.js';
import type { Logger } from '../observability/logger.js';
import type { SteamClient } from '../steam/client.js';
import type { SteamUserApi } from '../steam/user-api.js';
import { explainMissingData, resolveSteamUser } from './steam-user.js';
import { buildWishlistDeals, type DealFilter, type WishlistDeals } from './wishlist-deals.js';

export interface WalletDeps {
  users: SteamUserApi;
  steam: SteamClient;
  catalog: SteamCatalog;
  logger: Logger;
  /** The store region (prices in the answer) and its currency. */
  country: string;
  currency: string;
  /** A wallet call gives up after this long (TOOL_DEADLINE_MS). */
  deadlineMs: number;
  fx: FxRates | undefined;
  /** Present only when ITAD_API_KEY is set. */
  itad: ItadClient | undefined;
}

export interface CallOptions {
  signal?: AbortSignal;
}

export interface GameRef {
  appId: string;
  name: string;
}

export interface RegionPricesResult {
  game: GameRef;
  rows: RegionPrice[];
  cheapestRegion: string | null;
  fx: FxRates | undefined;
  warnings: string[];
}

export interface PriceVerdictResult {
  game: GameRef;
  currency: string;
  region: string;
  current: number;
  original: number;
  discount: number;
  discountEndsAt: string | null;
  lowest30d: number | null;
  history: ItadLows | null;
  verdict: PriceVerdict;
  warnings: string[];
}

/** Wishlist games priced per call, so one call's GetItems requests stay bounded however long the list. */
const MAX_WISHLIST_PRICED = 5_000;
/** Games read for a taste profile: bounded, so a huge wishlist or library costs a few requests. */
const TASTE_WISHLIST_GAMES = 300;
const TASTE_OWNED_GAMES = 200;

export interface WishlistDealsResult extends WishlistDeals {
  currency: string;
  region: string;
  warnings: string[];
}

/** The services behind the wallet tools: who the user is, what their wishlist costs, price history. */
export class Wallet {
  constructor(private readonly deps: WalletDeps) {}

  async wishlistDeals(
    steamUser: string,
    filter: DealFilter,
    o: CallOptions = {},
  ): Promise<WishlistDealsResult> {
    const signal = this.deadline(o.signal);
    const { users, logger } = this.deps;
    const user = await resolveSteamUser(users, steamUser, logger, { signal });
    const log = logger.child({ user: user.hash });
    const warnings: string[] = [];
    const wishlist = await users.wishlist(user.steamId, { signal });
    if (!wishlist) {
      await explainMissingData(users, user, 'wishlist', { signal });
      warnings.push(
        'Steam returned no wishlist items: the wishlist is empty, or its game details are private. ' +
          'Steam 未返回愿望单：愿望单为空，或「游戏详情」未公开。',
      );
    }
    const items = (wishlist ?? []).slice(0, MAX_WISHLIST_PRICED);
    if ((wishlist?.length ?? 0) > items.length)
      warnings.push(
        `Only the first ${MAX_WISHLIST_PRICED} wishlist games (the user's order, then newest) were priced. ` +
          `仅对愿望单前 ${MAX_WISHLIST_PRICED} 款游戏计算价格。`,
      );
    const [priced, namer] = await Promise.all([
      users.regionItems(
        items.map((i) => i.appId),
        this.deps.country,
        { signal },
      ),
      this.namer(signal, warnings),
    ]);
    log.info({ items: items.length, priced: priced.size }, 'wishlist priced');
    const deals = buildWishlistDeals(items, priced, filter, this.deps.currency, namer);
    return {
      ...deals,
      currency: this.deps.currency,
      region: this.deps.country,
      warnings: [...warnings, ...deals.warnings],
    };
  }

  /** One GetItems call per region (cached per app and region), each price in its own currency. */
  async regionPrices(
    identifier: string,
    regions: readonly string[],
    o: CallOptions = {},
  ): Promise<RegionPricesResult> {
    const signal = this.deadline(o.signal);
    const warnings: string[] = [];
    const game = await this.findGame(identifier, signal);
    const answers = await Promise.all(
      regions.map(async (region): Promise<[string, RegionItem | 'error' | undefined]> => {
        try {
          return [
            region,
            (await this.deps.users.regionItems([game.appId], region, { signal })).get(game.appId),
          ];
        } catch (error) {
          if (signal.aborted || !(error instanceof UpstreamError)) throw error;
          this.deps.logger.warn({ region, ...upstreamLogFields(error) }, 'region price failed');
          warnings.push(`Steam did not answer for ${region}; retry later. ${region} 区价格暂时无法获取。`);
          return [region, 'error'];
        }
      }),
    );
    if (answers.every(([, item]) => item === 'error'))
      throw new UpstreamError('STEAM_UNAVAILABLE', 'every region failed');
    const items = new Map(answers);
    const name = answers.map(([, item]) => (item === 'error' ? undefined : item?.card?.name)).find(Boolean);
    const rows = regionPrices(regions, items, this.deps.fx);
    if (rows.every((r) => r.status === 'not_sold') && !name) throw gameNotFound(identifier);
    if (this.deps.fx && rows.some((r) => r.status === 'priced' && r.priceCny === null))
      warnings.push(
        'No conversion rate is configured for some currencies; those rows are not converted. 部分货币未配置汇率，未换算。',
      );
    return {
      game: { appId: game.appId, name: name || game.name },
      rows,
      cheapestRegion: cheapestInCny(rows),
      fx: this.deps.fx,
      warnings,
    };
  }

  /**
   * A taste profile for recommend_games: wishlist tags, plus owned games weighted by playtime
   * when STEAM_API_KEY is set (then owned games are excluded from recommendations).
   */
  async tasteProfile(steamUser: string, o: CallOptions = {}): Promise<{ taste: Taste; warnings: string[] }> {
    const signal = this.deadline(o.signal);
    const { users, logger } = this.deps;
    const user = await resolveSteamUser(users, steamUser, logger, { signal });
    const warnings: string[] = [];
    const [wishlist, owned] = await Promise.all([
      users.wishlist(user.steamId, { signal }),
      users.ownedGames(user.steamId, { signal }),
    ]);
    if (!wishlist && !owned) await explainMissingData(users, user, 'wishlist', { signal });
    if (users.hasKey && !owned)
      warnings.push(
        'Game details are private: owned games could not be read or excluded. 游戏详情未公开，无法排除已拥有的游戏。',
      );
    const wished = (wishlist ?? []).slice(0, TASTE_WISHLIST_GAMES);
    const played = [...(owned ?? [])]
      .sort((a, b) => b.playtimeMinutes - a.playtimeMinutes)
      .slice(0, TASTE_OWNED_GAMES);
    const [cards, namer] = await Promise.all([
      users.regionItems([...wished.map((w) => w.appId), ...played.map((g) => g.appId)], this.deps.country, {
        signal,
      }),
      this.namer(signal, warnings),
    ]);
    const tagsOf = (appId: string) => cards.get(appId)?.card?.tagIds ?? [];
    const signals: TasteSignal[] = [
      ...wished.map((w) => ({ tagIds: tagsOf(w.appId), weight: wishlistWeight(w.priority) })),
      ...played.map((g) => ({ tagIds: tagsOf(g.appId), weight: playtimeWeight(g.playtimeMinutes) })),
    ];
    const taste: Taste = {
      tags: tasteTags(signals, namer),
      ownedAppIds: new Set((owned ?? []).map((g) => g.appId)),
      source: {
        wishlistGames: wished.length,
        ownedGames: played.length,
        playtimeWeighted: played.length > 0,
      },
    };
    if (!taste.tags.length)
      warnings.push(
        'Nothing to learn a taste from (empty wishlist, no library): recommendations are not personalized. 愿望单和游戏库为空，未做个性化。',
      );
    logger
      .child({ user: user.hash })
      .info({ tags: taste.tags.length, owned: taste.ownedAppIds.size }, 'taste profile built');
    return { taste, warnings };
  }

  /** Is the store-region price a good one: Steam's 30-day low, plus ITAD's history when configured. */
  async priceVerdict(identifier: string, o: CallOptions = {}): Promise<PriceVerdictResult> {
    const signal = this.deadline(o.signal);
    const { country, currency } = this.deps;
    const warnings: string[] = [];
    const game = await this.findGame(identifier, signal);
    const [items, history] = await Promise.all([
      this.deps.users.regionItems([game.appId], country, { signal }),
      this.history(game.appId, signal, warnings),
    ]);
    const item = items.get(game.appId);
    const offer = item?.offer;
    const name = item?.card?.name || game.name;
    if (!offer || offer.status === 'unavailable') throw gameNotFound(identifier);
    if (offer.status !== 'priced') {
      const why =
        offer.status === 'free' ? 'is free to play' : 'has no price yet (unreleased or not sold here)';
      const zh = offer.status === 'free' ? '是免费游戏' : '暂无价格（未发售或本区不销售）';
      throw new UserError(
        `${name} ${why}; there is no price to judge. ${name}${zh}，无需判断价格。`,
        'NO_PRICE',
      );
    }
    return {
      game: { appId: game.appId, name },
      currency,
      region: country,
      current: offer.final,
      original: offer.initial,
      discount: offer.discount,
      discountEndsAt: offer.discountEndsAt ? new Date(offer.discountEndsAt * 1000).toISOString() : null,
      lowest30d: offer.lowestRecent,
      history,
      verdict: priceVerdict({
        current: offer.final,
        discount: offer.discount,
        lowest30d: offer.lowestRecent,
        history,
      }),
      warnings,
    };
  }

  /** ITAD's lows in the store currency; null (with a warning when it failed) otherwise. */
  private async history(appId: string, signal: AbortSignal, warnings: string[]): Promise<ItadLows | null> {
    if (!this.deps.itad) return null;
    try {
      const lows = await this.deps.itad.lows(appId, this.deps.country, { signal });
      if (!lows) return null;
      // ITAD answers unsupported countries in USD: a low in another currency is not comparable.
      const same = (l: ItadLows['steam']) => (l && l.currency === this.deps.currency ? l : null);
      const kept = { allTime: same(lows.allTime), steam: same(lows.steam) };
      if ((lows.allTime || lows.steam) && !kept.allTime && !kept.steam) {
        warnings.push(
          `IsThereAnyDeal has no ${this.deps.currency} history for this region. IsThereAnyDeal 无本区历史价格。`,
        );
        return null;
      }
      return kept;
    } catch (error) {
      if (signal.aborted || !(error instanceof UpstreamError)) throw error;
      this.deps.logger.warn(upstreamLogFields(error), 'ITAD failed; verdict from 30 days only');
      warnings.push(
        'IsThereAnyDeal is unavailable; the verdict uses Steam’s 30-day low only. IsThereAnyDeal 暂不可用，仅按近 30 天判断。',
      );
      return null;
    }
  }

  /** An AppID as given (checked by the store answers), or a name through the catalog's search. */
  private async findGame(identifier: string, signal: AbortSignal): Promise<GameRef> {
    const id = identifier.trim();
    if (/^\d{1,10}$/.test(id) && Number(id) > 0) return { appId: String(Number(id)), name: '' };
    const found = await this.deps.catalog.gameDetails(id, { signal });
    if (!found) throw gameNotFound(identifier);
    return { appId: found.details.appId, name: found.details.name };
  }

  private async namer(signal: AbortSignal, warnings: string[]): Promise<TagNamer> {
    try {
      return tagNamer((await this.deps.steam.tagList(undefined, { signal })).value);
    } catch (error) {
      if (signal.aborted) throw error;
      this.deps.logger.warn(upstreamLogFields(error), 'tag names unavailable');
      warnings.push('Tag names unavailable right now; tags are left out. 暂时无法获取标签名称。');
      return () => [];
    }
  }

  private deadline(signal: AbortSignal | undefined): AbortSignal {
    const timeout = AbortSignal.timeout(this.deps.deadlineMs);
    return signal ? AbortSignal.any([signal, timeout]) : timeout;
  }
}

export function gameNotFound(identifier: string): UserError {
  return new UserError(
    `No Steam game matches "${identifier}". Check the name or AppID, or find it with search_games. ` +
      `未找到与「${identifier}」匹配的游戏，请检查名称或 AppID，或先用 search_games 搜索。`,
    'NOT_FOUND',
  );
}
