import { TtlCache } from '../../src/http/ttl-cache.js';
import { createOpenAiChatClient } from '../../src/llm/openai-compatible.js';
import { silentLogger } from '../../src/observability/logger.js';
import { createRecommender } from '../../src/recommend/pipeline.js';
import type { Recommender } from '../../src/recommend/types.js';
import { createFakeCatalog, type FakeCatalog } from '../helpers/in-memory-catalog.js';
import type { FakeLlm } from '../helpers/fake-llm.js';

/** A request the rules cannot fully read ("像巫师那样"), so the model analyses it. */
export const ANALYSED_QUERY = '推荐一些像巫师那样的开放世界RPG游戏，100元以内';

export interface Setup {
  recommender: Recommender;
  catalog: FakeCatalog;
}

/** The real pipeline and the real OpenAI client, pointed at the fake LLM and catalog. */
export function setup(
  llm: FakeLlm,
  opts: { apiKey?: string | null; deadlineMs?: number; llmTimeoutMs?: number; catalog?: FakeCatalog } = {},
): Setup {
  const catalog = opts.catalog ?? createFakeCatalog();
  const chat = createOpenAiChatClient(
    {
      apiKey: opts.apiKey === null ? undefined : (opts.apiKey ?? 'sk-test'),
      baseUrl: llm.baseUrl,
      model: 'qwen-plus',
      timeoutMs: opts.llmTimeoutMs ?? 5000,
    },
    { loadSdk: () => import('openai'), logger: silentLogger },
  );
  const recommender = createRecommender({
    catalog,
    chat,
    logger: silentLogger,
    currency: 'CNY',
    deadlineMs: opts.deadlineMs ?? 10_000,
    analysisCache: new TtlCache({ maxEntries: 100, ttlMs: 60_000 }),
  });
  return { recommender, catalog };
}
