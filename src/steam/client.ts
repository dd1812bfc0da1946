import { UpstreamError, upstreamLogFields } from '../errors.js';
import type { FetchLike } from '../http/upstream.js';
import { Upstream } from '../http/upstream.js';
import { CircuitBreaker } from '../http/circuit-breaker.js';
import { Semaphore } from '../http/semaphore.js';
import type { SharedCache } from '../http/shared-cache.js';
import { TtlCache } from '../http/ttl-cache.js';
import type { UpstreamBudget } from '../http/upstream-budget.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import * as urls from './endpoints.js';
import { parseAppDetails } from './parse/app-details.js';
import { parseAppReviews, parseCurrentPlayers, parseReviewHistogram } from './parse/reviews-and-players.js';
import type { ParseContext } from './parse/shared.js';
import { parseSearchResultsJson } from './parse/store-html.js';
import { parseStoreSearch } from './parse/store-search.js';
import { parseGetItems, parseStoreQuery } from './parse/store-items.js';
import { parseItemTags, parsePopularTags, parseTagList } from './parse/tags.js';
import type {
  AppDetails,
  AppReviewSummary,
  ReviewTrend,
  SearchPage,
  StoreItem,
  StoreQueryPage,
  StoreSearchItem,
  Tag,
  WeightedTags,
} from './types.js';
import { currencyForCountry } from './currency.js';

export interface SteamClientOptions {
  storeUrl: string;
  apiUrl: string;
  language: string;
  country: string;
  timeoutMs: number;
  retries: number;
  concurrency: number;
  cacheTtlMs: number;
  cacheMaxEntries: number;
  circuit: { failureThreshold: number; cooldownMs: number };
  fetch: FetchLike;
  logger: Logger;
  metrics: Metrics;
  /** Redis behind the local cache (REDIS_URL): answers and loads shared by instances. */
  sharedCache?: SharedCache;
  /** STEAM_BUDGET_PER_5MIN, shared by every Steam host's requests (counted per host). */
  budget?: UpstreamBudget;
  /** Test hooks: retry waits and jitter. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
}

export interface Signal {
  signal?: AbortSignal;
}

/** Wraps a value with whether it came from the cache after a failed refresh. */
export interface Fetched<T> {
  value: T;
  stale: boolean;
}

const HOUR = 3_600_000;
/** A shared load's allowance beyond its attempts' timeouts: backoff waits and queueing. */
const SHARED_LOAD_SLACK_MS = 10_000;
const GET_ITEMS_BATCH = 50;
/** Player counts move fast; a few minutes old is still "right now". */
const PLAYERS_TTL_MS = 5 * 60_000;
/**
 * The format of the answers this client caches, in every key (and so in Redis, where other
 * instances, maybe of another version, read them): bump it when a parsed type changes shape.
 */
const ANSWER_FORMAT = 'steam:v1';

/**
 * The Steam adapter: URLs, caching, coalescing and politeness. Methods return parsed
 * domain types; which endpoint serves which need is decided by the catalog service.
 */
export class SteamClient {
  readonly currency: string;
  readonly storeUrl: string;
  private readonly store: Upstream;
  private readonly api: Upstream;
  private readonly cache: TtlCache;
  private readonly locale: urls.Locale;
  private readonly ctx: ParseContext;

  constructor(private readonly options: SteamClientOptions) {
    const limiter = new Semaphore(options.concurrency);
    const common = {
      fetch: options.fetch,
      timeoutMs: options.timeoutMs,
      retries: options.retries,
      limiter,
      codes: { http: 'STEAM_HTTP', rateLimited: 'STEAM_RATE_LIMITED', timeout: 'STEAM_TIMEOUT' },
      metrics: options.metrics,
      logger: options.logger,
      budget: options.budget,
      sleep: options.sleep,
      random: options.random,
    } as const;
    const breaker = (target: string) =>
      new CircuitBreaker({
        ...options.circuit,
        onStateChange: (state) => options.logger.warn({ target, state }, 'circuit state changed'),
      });
    // One circuit per host: the store and the Web API fail independently (and fall back to each other).
    this.store = new Upstream({ target: 'steam_store', breaker: breaker('steam_store'), ...common });
    this.api = new Upstream({ target: 'steam_api', breaker: breaker('steam_api'), ...common });
    this.cache = new TtlCache({
      maxEntries: options.cacheMaxEntries,
      ttlMs: options.cacheTtlMs,
      staleTtlMs: 24 * HOUR,
      metrics: options.metrics,
      shared: options.sharedCache,
    });
    this.locale = { language: options.language, country: options.country };
    this.currency = currencyForCountry(options.country);
    this.storeUrl = options.storeUrl;
    this.ctx = { storeUrl: options.storeUrl, currency: this.currency };
  }

  searchPage(params: urls.SearchParams, o: Signal = {}): Promise<Fetched<SearchPage>> {
    const url = urls.searchResultsUrl(this.options.storeUrl, this.locale, params);
    return this.cached('search', url, o, async (signal) => {
      const body = await this.text(this.store, url, signal);
      return parseSearchResultsJson(body, this.ctx);
    });
  }

  storeSearch(term: string, o: Signal = {}): Promise<Fetched<StoreSearchItem[]>> {
    const url = urls.storeSearchUrl(this.options.storeUrl, this.locale, term);
    return this.cached('storesearch', url, o, async (signal) =>
      parseStoreSearch(await this.text(this.store, url, signal), this.ctx),
    );
  }

  /** null when Steam says the app does not exist (or is not sold in the region). */
  appDetails(appId: string, o: Signal = {}): Promise<Fetched<AppDetails | null>> {
    const url = urls.appDetailsUrl(this.options.storeUrl, this.locale, appId);
    return this.cached(
      'appdetails',
      url,
      o,
      async (signal) => parseAppDetails(await this.text(this.store, url, signal), appId, this.ctx),
      HOUR,
    );
  }

  /** `reviewLanguage` `schinese` counts the Simplified Chinese reviews only. */
  appReviews(appId: string, o: Signal = {}, reviewLanguage = 'all'): Promise<Fetched<AppReviewSummary>> {
    const url = urls.appReviewsUrl(this.options.storeUrl, this.locale, appId, reviewLanguage);
    return this.cached(
      'appreviews',
      url,
      o,
      async (signal) => parseAppReviews(await this.text(this.store, url, signal)),
      HOUR,
    );
  }

  /** Last ~30 days of reviews against the whole history; null when Steam has none. */
  reviewHistogram(appId: string, o: Signal = {}): Promise<Fetched<ReviewTrend | null>> {
    const url = urls.reviewHistogramUrl(this.options.storeUrl, this.locale, appId);
    return this.cached(
      'reviewhistogram',
      url,
      o,
      async (signal) => parseReviewHistogram(await this.text(this.store, url, signal)),
      HOUR,
    );
  }

  /** Players in game right now; null when Steam has no count (it answers 404 + result 42). */
  currentPlayers(appId: string, o: Signal = {}): Promise<Fetched<number | null>> {
    const url = urls.currentPlayersUrl(this.options.apiUrl, appId);
    return this.cached(
      'players',
      url,
      o,
      async (signal) => {
        try {
          return parseCurrentPlayers(await this.text(this.api, url, signal));
        } catch (error) {
          if (error instanceof UpstreamError && error.status === 404) return null;
          throw error;
        }
      },
      PLAYERS_TTL_MS,
    );
  }

  /** One app's weighted tags (up to 20); null for unknown or hidden apps. */
  itemTags(appId: string, o: Signal = {}): Promise<Fetched<WeightedTags | null>> {
    const url = urls.itemTagsUrl(this.options.apiUrl, this.locale, appId);
    return this.cached(
      'itemtags',
      url,
      o,
      async (signal) => parseItemTags(await this.text(this.api, url, signal)),
      HOUR,
    );
  }

  /** The tag vocabulary in the store language and in English (for matching user input). */
  tagList(language = this.options.language, o: Signal = {}): Promise<Fetched<Tag[]>> {
    const url = urls.tagListUrl(this.options.apiUrl, language);
    return this.cached(
      'taglist',
      url,
      o,
      async (signal) => {
        try {
          return parseTagList(await this.text(this.api, url, signal));
        } catch (error) {
          // The store host serves the popular-tags subset of the same ids.
          const fallback = urls.popularTagsUrl(this.options.storeUrl, language);
          this.options.logger.warn(
            upstreamLogFields(error),
            'GetTagList failed; falling back to populartags',
          );
          return parsePopularTags(await this.text(this.store, fallback, signal));
        }
      },
      24 * HOUR,
    );
  }

  storeQuery(q: urls.StoreQuery, o: Signal = {}): Promise<Fetched<StoreQueryPage>> {
    const url = urls.storeQueryUrl(this.options.apiUrl, this.locale, q);
    return this.cached('storequery', url, o, async (signal) =>
      parseStoreQuery(await this.text(this.api, url, signal), this.ctx),
    );
  }

  /**
   * Cards for many apps, cached per app: only the apps not in the cache are requested,
   * in batches of GET_ITEMS_BATCH. Apps Steam does not know are absent from the result.
   */
  async getItems(appIds: readonly string[], o: Signal = {}): Promise<Map<string, StoreItem>> {
    const result = new Map<string, StoreItem>();
    const missing: string[] = [];
    const ids = [...new Set(appIds)];
    const known = await this.cache.peekMany<StoreItem | null>(
      'item',
      ids.map((id) => this.itemKey(id)),
    );
    for (const id of ids) {
      const hit = known.get(this.itemKey(id));
      if (hit === undefined) missing.push(id);
      else if (hit) result.set(id, hit);
    }
    const batches: string[][] = [];
    for (let i = 0; i < missing.length; i += GET_ITEMS_BATCH)
      batches.push(missing.slice(i, i + GET_ITEMS_BATCH));
    await Promise.all(
      batches.map(async (batch) => {
        const url = urls.getItemsUrl(this.options.apiUrl, this.locale, batch);
        const { value: items } = await this.cached('getitems', url, o, async (signal) =>
          parseGetItems(await this.text(this.api, url, signal), this.ctx),
        );
        const byId = new Map(items.map((item) => [item.appId, item]));
        this.cache.setMany(batch.map((id) => [this.itemKey(id), byId.get(id) ?? null] as const));
        for (const id of batch) {
          const item = byId.get(id);
          if (item) result.set(id, item);
        }
      }),
    );
    return result;
  }

  private itemKey(appId: string): string {
    return `${ANSWER_FORMAT}:item:${this.locale.country}:${this.locale.language}:${appId}`;
  }

  /**
   * One load per key however many callers wait: it runs on its own timeout (every retry's
   * worth), and each caller's signal only stops that caller waiting (see TtlCache.getOrLoad).
   */
  private cached<T>(
    kind: string,
    key: string,
    caller: Signal,
    load: (signal: AbortSignal) => Promise<T>,
    ttlMs?: number,
  ): Promise<Fetched<T>> {
    const { timeoutMs, retries } = this.options;
    const sharedTimeoutMs = timeoutMs * (retries + 1) + SHARED_LOAD_SLACK_MS;
    const timedOut = () =>
      new UpstreamError('STEAM_TIMEOUT', `Steam load took longer than ${sharedTimeoutMs} ms`, {
        retryable: true,
      });
    return this.cache.getOrLoad(
      kind,
      `${ANSWER_FORMAT}:${key}`,
      (signal) =>
        load(signal).catch((error: unknown) => {
          throw signal.aborted ? timedOut() : error;
        }),
      { ttlMs, signal: caller.signal, timeoutMs: sharedTimeoutMs },
    );
  }

  private async text(upstream: Upstream, url: string, signal: AbortSignal): Promise<string> {
    const response = await upstream.get(url, {
      signal,
      headers: { accept: 'application/json, text/html;q=0.9', 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5' },
    });
    return response.body;
  }
}
