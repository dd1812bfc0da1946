import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Semaphore } from '../../src/http/semaphore.js';
import { createOpenAiChatClient } from '../../src/llm/openai-compatible.js';
import { createRecommender } from '../../src/recommend/pipeline.js';
import { captureLogger } from '../helpers/capture-logger.js';
import { createFakeCatalog } from '../helpers/fake-catalog.js';
import { fixedLatency, startFakeLlm, type FakeLlm } from '../helpers/fake-llm.js';

const KEY = 'sk-pipeline-SECRET-42';
// "像巫师那样" is content the rules cannot read, so the model analyses this request.
const QUERY = '推荐一些像巫师那样的开放世界RPG游戏，100元以内';
let llm: FakeLlm;
beforeEach(async () => {
  llm = await startFakeLlm();
});
afterEach(async () => {
  await llm.close();
});

function build(opts: { limiter?: Semaphore; model?: string } = {}) {
  const { logger, output } = captureLogger();
  const outcomes: string[] = [];
  const metrics = {
    httpRequest() {},
    toolCall() {},
    upstreamCall() {},
    cacheLookup() {},
    llmCall: (purpose: string, outcome: string) => outcomes.push(`${purpose}:${outcome}`),
  };
  const config = { apiKey: KEY, baseUrl: llm.baseUrl, model: opts.model ?? 'qwen-plus', timeoutMs: 5000 };
  const chat = createOpenAiChatClient(config, { logger, metrics });
  const recommender = createRecommender({
    catalog: createFakeCatalog(),
    chat,
    logger,
    metrics,
    currency: 'CNY',
    deadlineMs: 10_000,
    ...(opts.limiter ? { limiter: opts.limiter } : {}),
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

  it('runs at most `limiter` recommendations at once', async () => {
    llm.setResponder(fixedLatency(100));
    const { recommender } = build({ limiter: new Semaphore(1) });
    await Promise.all([
      recommender.recommend({ userQuery: QUERY, maxResults: 3 }),
      recommender.recommend({ userQuery: '免费射击游戏', maxResults: 3 }),
    ]);
    // QUERY: analysis + scoring; 免费射击游戏 is fully understood by the rules: scoring only.
    expect(llm.count()).toBe(3);
    expect(llm.maxInFlight()).toBe(1);
  });
});
