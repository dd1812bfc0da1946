import { CircuitBreaker } from '../http/circuit-breaker.js';
import { Semaphore } from '../http/semaphore.js';
import { TtlCache } from '../http/ttl-cache.js';
import type { FetchLike } from '../http/upstream.js';
import { Upstream } from '../http/upstream.js';
import type { UpstreamBudget } from '../http/upstream-budget.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import { currencyForCountry } from './currency.js';
import { parseItemOffers, type ItemOffer } from './parse/item-offers.js';
import { parseGetItems } from './parse/store-items.js';
import {
  parseOwnedGames,
  parseProfileXml,
  parseResolveVanity,
  parseWishlist,
  type OwnedGame,
  type Profile,
  type WishlistItem,
} from './parse/user.js';
import type { StoreItem } from './types.js';
import * as urls from './user-endpoints.js';

export interface SteamUserApiOptions {
  communityUrl: string;
  apiUrl: string;
  storeUrl: string;
  language: string;
  /** Unlocks GetOwnedGames and ResolveVanityURL. Sent to Steam only, never logged. */
  apiKey: string | undefined;
  timeoutMs: number;
  retries: number;
  concurrency: number;
  storeCacheTtlMs: number;
  cacheMaxEntries: number;
  circuit: { failureThreshold: number; cooldownMs: number };
  fetch: FetchLike;
  logger: Logger;
  metrics: Metrics;
  /** STEAM_BUDGET_PER_5MIN: the same per-host budget as the store client's. */
  budget?: UpstreamBudget;
}

/** One app in one region: the purchase side, and the card when the app is visible there. */
export interface RegionItem {
  offer: ItemOffer;
  card: StoreItem | null;
}

interface Signal {
  signal?: AbortSignal;
}

/** Resolved ids, profiles and wishlists change rarely within a conversation; minutes, not hours. */
const USER_TTL_MS = 5 * 60_000;
/** Ids per GetItems request: a long wishlist takes few requests, and URLs stay far below Steam's limit. */
const REGION_BATCH = 100;

/**
 * Steam's user-facing endpoints (community profile XML, wishlist, owned games) and region-priced
 * GetItems. User answers are cached under keys made of that user's id only, so nothing one user
 * asked for is ever served to another.
 */
export class SteamUserApi {
  private readonly community: Upstream;
  private readonly api: Upstream;
  private readonly users: TtlCache;
  private readonly store: TtlCache;

  constructor(private readonly options: SteamUserApiOptions) {
    const limiter = new Semaphore(options.concurrency);
    const upstream = (target: string) =>
      new Upstream({
        target,
        fetch: options.fetch,
        timeoutMs: options.timeoutMs,
        retries: options.retries,
        limiter,
        breaker: new CircuitBreaker({
          ...options.circuit,
          onStateChange: (state) => options.logger.warn({ target, state }, 'circuit state changed'),
        }),
        codes: { http: 'STEAM_HTTP', rateLimited: 'STEAM_RATE_LIMITED', timeout: 'STEAM_TIMEOUT' },
        metrics: options.metrics,
        logger: options.logger,
        budget: options.budget,
      });
    this.community = upstream('steam_community');
    this.api = upstream('steam_user_api');
    // No stale answers for users: a profile made private must stop being read.
    this.users = new TtlCache({ maxEntries: 2_000, ttlMs: USER_TTL_MS, metrics: options.metrics });
    this.store = new TtlCache({
      maxEntries: options.cacheMaxEntries,
      ttlMs: options.storeCacheTtlMs,
      staleTtlMs: 3_600_000,
      metrics: options.metrics,
    });
  }

  get hasKey(): boolean {
    return this.options.apiKey !== undefined;
  }

  async profile(user: { steamId: string } | { vanity: string }, o: Signal = {}): Promise<Profile> {
    const url = urls.profileXmlUrl(this.options.communityUrl, user);
    const key =
      'steamId' in user ? `profile:id:${user.steamId}` : `profile:vanity:${user.vanity.toLowerCase()}`;
    const { value } = await this.users.getOrLoad('profile', key, async () =>
      parseProfileXml(await this.text(this.community, url, o, 'application/xml, text/xml')),
    );
    return value;
  }

  /** The id64 for a custom URL name through the Web API; null when there is no key or no match. */
  async resolveVanity(vanity: string, o: Signal = {}): Promise<string | null> {
    const apiKey = this.options.apiKey;
    if (!apiKey) return null;
    const url = urls.resolveVanityUrl(this.options.apiUrl, apiKey, vanity);
    const { value } = await this.users.getOrLoad('vanity', `vanity:${vanity.toLowerCase()}`, async () =>
      parseResolveVanity(await this.text(this.api, url, o)),
    );
    return value;
  }

  /** null: Steam said nothing (empty, private or unknown look the same). */
  async wishlist(steamId: string, o: Signal = {}): Promise<WishlistItem[] | null> {
    const url = urls.wishlistUrl(this.options.apiUrl, steamId);
    const { value } = await this.users.getOrLoad('wishlist', `wishlist:${steamId}`, async () =>
      parseWishlist(await this.text(this.api, url, o)),
    );
    return value;
  }

  /** null without a key or when the game details are private. */
  async ownedGames(steamId: string, o: Signal = {}): Promise<OwnedGame[] | null> {
    const apiKey = this.options.apiKey;
    if (!apiKey) return null;
    const url = urls.ownedGamesUrl(this.options.apiUrl, apiKey, steamId);
    const { value } = await this.users.getOrLoad('owned', `owned:${steamId}`, async () =>
      parseOwnedGames(await this.text(this.api, url, o)),
    );
    return value;
  }

  /**
   * Apps priced in one region, cached per app and region: only uncached apps are requested,
   * REGION_BATCH ids per GetItems call.
   */
  async regionItems(
    appIds: readonly string[],
    country: string,
    o: Signal = {},
  ): Promise<Map<string, RegionItem>> {
    const result = new Map<string, RegionItem>();
    const missing: string[] = [];
    const keyOf = (id: string) => `region:${country}:${this.options.language}:${id}`;
    for (const id of new Set(appIds)) {
      const hit = this.store.peek<RegionItem>(keyOf(id));
      if (hit) result.set(id, hit);
      else missing.push(id);
    }
    const batches: string[][] = [];
    for (let i = 0; i < missing.length; i += REGION_BATCH) batches.push(missing.slice(i, i + REGION_BATCH));
    const ctx = { storeUrl: this.options.storeUrl, currency: currencyForCountry(country) };
    const locale = { language: this.options.language, country };
    await Promise.all(
      batches.map(async (batch) => {
        const body = await this.text(this.api, urls.regionItemsUrl(this.options.apiUrl, locale, batch), o);
        const offers = new Map(parseItemOffers(body).map((offer) => [offer.appId, offer]));
        const cards = new Map(parseGetItems(body, ctx).map((c) => [c.appId, c]));
        for (const id of batch) {
          const item: RegionItem = {
            offer: offers.get(id) ?? { appId: id, status: 'unavailable' },
            card: cards.get(id) ?? null,
          };
          this.store.set(keyOf(id), item);
          result.set(id, item);
        }
      }),
    );
    return result;
  }

  private async text(
    upstream: Upstream,
    url: string,
    o: Signal,
    accept = 'application/json',
  ): Promise<string> {
    const response = await upstream.get(url, { signal: o.signal, headers: { accept } });
    return response.body;
  }
}
