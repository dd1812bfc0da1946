import { upstreamLogFields } from '../errors.js';
import { tagNamer } from '../catalog/tag-vocabulary.js';
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
  /** A wallet call gives up after this long, like recommend_games. */
  deadlineMs: number;
}

export interface CallOptions {
  signal?: AbortSignal;
}

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
    const items = wishlist ?? [];
    const [priced, namer] = await Promise.all([
      users.regionItems(
        items.map((i) => i.appId),
        this.deps.country,
        { signal },
      ),
      this.namer(signal, warnings),
    ]);
    log.info({ items: items.length, priced: priced.size }, 'wishlist priced');
    return {
      ...buildWishlistDeals(items, priced, filter, this.deps.currency, namer),
      currency: this.deps.currency,
      region: this.deps.country,
      warnings,
    };
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
