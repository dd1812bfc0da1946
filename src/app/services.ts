import { SteamCatalogService } from '../catalog/steam-catalog.js';
import type { Config } from '../config/load.js';
import { CircuitBreaker } from '../http/circuit-breaker.js';
import type { SharedCache } from '../http/shared-cache.js';
import { TtlCache } from '../http/ttl-cache.js';
import type { FetchLike } from '../http/upstream.js';
import { BUDGET_WINDOW_MS, UpstreamBudget } from '../http/upstream-budget.js';
import type { Limits } from '../limits/limits.js';
import { withCircuitBreaker } from '../llm/guarded-chat.js';
import { createOpenAiChatClient } from '../llm/openai-compatible.js';
import { silentLogger, type Logger } from '../observability/logger.js';
import { noopMetrics, type Metrics } from '../observability/metrics.js';
import { limitRecommendations } from '../recommend/run-bounds.js';
import { createRecommender } from '../recommend/pipeline.js';
import { ToolRegistry } from '../server/tool-registry.js';
import { SteamClient } from '../steam/client.js';
import { allTools, type ToolDeps } from '../tools/index.js';
import { SteamUserApi } from '../steam/user-api.js';
import { Wallet } from '../user/wallet.js';
import { ItadClient } from '../prices/itad.js';
import { lazy } from './lazy.js';
import { toolListing } from './tools-list.js';

export { allTools };

/** The tools in-process with their services, for the terminal CLI: nothing logged or measured. */
export function standaloneTools(config: Config): ToolRegistry {
  const deps = createServices({ config, logger: silentLogger, metrics: noopMetrics });
  return new ToolRegistry(toolListing, async () => ({ tools: allTools, deps }), noopMetrics);
}

/** The services behind the tools (loaded with them), built once and shared by every session. */
export function createServices(opts: {
  config: Config;
  logger: Logger;
  metrics: Metrics;
  fetch?: FetchLike;
  /** Redis behind the Steam answer cache (REDIS_URL), shared by instances. */
  sharedCache?: SharedCache;
  /** Where STEAM_BUDGET_PER_5MIN is counted (the cluster's Redis or this process). */
  limits?: Limits;
}): ToolDeps {
  const { config, logger, metrics } = opts;
  const budget = steamBudget(config, opts.limits);
  const steam = new SteamClient({
    ...config.steam,
    sharedCache: opts.sharedCache,
    circuit: config.circuit,
    budget,
    fetch: opts.fetch ?? ((url, init) => fetch(url, init)),
    logger: logger.child({ component: 'steam' }),
    metrics,
  });
  const catalog = new SteamCatalogService(steam, logger.child({ component: 'catalog' }));
  const llmLogger = logger.child({ component: 'llm' });
  const chat = withCircuitBreaker(
    createOpenAiChatClient(config.llm, { loadSdk: lazy.openai.load, logger: llmLogger, metrics }),
    new CircuitBreaker({
      ...config.circuit,
      onStateChange: (state) => llmLogger.warn({ target: 'llm', state }, 'circuit state changed'),
    }),
  );
  const recommender = limitRecommendations(
    createRecommender({
      catalog,
      chat,
      logger: logger.child({ component: 'recommend' }),
      metrics,
      currency: steam.currency,
      deadlineMs: config.recommend.deadlineMs,
      // An analysis depends only on the request text, so it is reused for long.
      analysisCache: new TtlCache({ maxEntries: 500, ttlMs: 30 * 60_000 }),
    }),
    config.recommend.maxConcurrent,
  );
  return { catalog, recommender, wallet: createWallet(opts, steam, catalog, budget) };
}

function steamBudget(config: Config, limits: Limits | undefined): UpstreamBudget | undefined {
  const { perFiveMinutes, maxWaitMs } = config.steamBudget;
  if (!limits || perFiveMinutes === 0) return undefined;
  const rate = { limit: perFiveMinutes, windowMs: BUDGET_WINDOW_MS };
  return new UpstreamBudget(limits.budget('steam_requests', rate), maxWaitMs);
}

/** The wallet tools' services: the user-facing Steam endpoints beside the store client. */
function createWallet(
  opts: { config: Config; logger: Logger; metrics: Metrics; fetch?: FetchLike },
  steam: SteamClient,
  catalog: SteamCatalogService,
  budget: UpstreamBudget | undefined,
): Wallet {
  const { config, logger, metrics } = opts;
  const fetchImpl: FetchLike = opts.fetch ?? ((url, init) => fetch(url, init));
  const walletLogger = logger.child({ component: 'wallet' });
  const users = new SteamUserApi({
    communityUrl: config.wallet.communityUrl,
    apiUrl: config.steam.apiUrl,
    storeUrl: config.steam.storeUrl,
    language: config.steam.language,
    apiKey: config.wallet.steamApiKey,
    timeoutMs: config.steam.timeoutMs,
    retries: config.steam.retries,
    concurrency: config.steam.concurrency,
    storeCacheTtlMs: config.steam.cacheTtlMs,
    cacheMaxEntries: config.steam.cacheMaxEntries,
    circuit: config.circuit,
    fetch: fetchImpl,
    logger: walletLogger,
    metrics,
    budget,
  });
  return new Wallet({
    users,
    steam,
    catalog,
    logger: walletLogger,
    country: config.steam.country,
    currency: steam.currency,
    deadlineMs: config.tools.deadlineMs,
    fx: config.wallet.fxRatesCny,
    itad: config.wallet.itadApiKey
      ? new ItadClient({
          baseUrl: config.wallet.itadUrl,
          apiKey: config.wallet.itadApiKey,
          timeoutMs: config.steam.timeoutMs,
          retries: config.steam.retries,
          circuit: config.circuit,
          fetch: fetchImpl,
          logger: walletLogger,
          metrics,
        })
      : undefined,
  });
}
