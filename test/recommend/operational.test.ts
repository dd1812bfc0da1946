import { TtlCache } from '../../src/http/ttl-cache.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOpenAiChatClient } from '../../src/llm/openai-compatible.js';
import { noopMetrics, type Metrics } from '../../src/observability/metrics.js';
import { createRecommender } from '../../src/recommend/pipeline.js';
import { captureLogger } from '../helpers/capture-logger.js';
import { createFakeCatalog } from '../helpers/in-memory-catalog.js';
import { startFakeLlm, type FakeLlm } from '../helpers/fake-llm.js';
import { ANALYSED_QUERY } from './setup.js';

const KEY = 'sk-pipeline-SECRET-42';
const QUERY = ANALYSED_QUERY;
let llm: FakeLlm;
beforeEach(async () => {
  llm = await startFakeLlm();
});
afterEach(async () => {
  await llm.close();
});

function build(opts: { model?: string } = {}) {
  const { logger, output } = captureLogger();
  const outcomes: string[] = [];
  const metrics: Metrics = {
    ...noopMetrics,
    llmCall: (purpose, outcome) => outcomes.push(`${purpose}:${outcome}`),
  };
  const config = { apiKey: KEY, baseUrl: llm.baseUrl, model: opts.model ?? 'qwen-plus', timeoutMs: 5000 };
  const chat = createOpenAiChatClient(config, { loadSdk: () => import('openai'), logger, metrics });
  const recommender = createRecommender({
    catalog: createFakeCatalog(),
    chat,
    logger,
    metrics,
    currency: 'CNY',
    deadlineMs: 10_000,
    analysisCache: new TtlCache({ maxEntries: 100, ttlMs: 60_000 }),
  });
  return { recommender, output, outcomes };
}

describe('recommend: operations', () => {
  it('keeps the key out of results and logs, and records LLM metrics', async () => {
    llm.setResponder((_b, i) =>
      i === 0 ? { status: 401, raw: `{"error":{"message":"bad key ${KEY}"}}` } : {},
    );
    const { recommender, output, outcomes } = build({ model: 'qwen3-32b' });
    const result = await recommender.recommend({ userQuery: QUERY, maxResults: 5 });
    expect(JSON.stringify(result)).not.toContain(KEY);
    expect(output()).not.toContain(KEY);
    expect(output()).toContain('recommendation done');
    expect(outcomes[0]).toBe('analyze:LLM_HTTP');
    expect(llm.calls.every((c) => c.body.enable_thinking === false)).toBe(true);
  });
});
