import { SteamCatalogService } from './catalog/steam-catalog.js';
import type { Config } from './config/load.js';
import { CircuitBreaker } from './http/circuit-breaker.js';
import type { FetchLike } from './http/upstream.js';
import { withCircuitBreaker } from './llm/guarded-chat.js';
import { createOpenAiChatClient } from './llm/openai-compatible.js';
import type { Logger } from './observability/logger.js';
import type { Metrics } from './observability/metrics.js';
import { limitRecommendations } from './recommend/limit.js';
import { createRecommender } from './recommend/pipeline.js';
import { SteamClient } from './steam/client.js';
import type { ToolDeps } from './tools/index.js';

export { allTools } from './tools/index.js';

/** The services behind the tools (loaded with them), built once and shared by every session. */
export function createServices(opts: {
  config: Config;
  logger: Logger;
  metrics: Metrics;
  fetch?: FetchLike;
}): ToolDeps {
  const { config, logger, metrics } = opts;
  const steam = new SteamClient({
    ...config.steam,
    circuit: config.circuit,
    fetch: opts.fetch ?? ((url, init) => fetch(url, init)),
    logger: logger.child({ component: 'steam' }),
    metrics,
  });
  const catalog = new SteamCatalogService(steam, logger.child({ component: 'catalog' }));
  const llmLogger = logger.child({ component: 'llm' });
  const chat = withCircuitBreaker(
    createOpenAiChatClient(config.llm, { logger: llmLogger, metrics }),
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
    }),
    config.recommend.maxConcurrent,
  );
  return { catalog, recommender };
}
