import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UpstreamError } from '../../src/errors.js';
import { createFakeCatalog } from '../helpers/in-memory-catalog.js';
import {
  fixedLatency,
  isAnalysis,
  isScoring,
  smartResponder,
  startFakeLlm,
  type FakeLlm,
} from '../helpers/fake-llm.js';
import { ANALYSED_QUERY, setup } from './setup.js';

const QUERY = ANALYSED_QUERY;
let llm: FakeLlm;
beforeEach(async () => {
  llm = await startFakeLlm();
});
afterEach(async () => {
  await llm.close();
});

function expectUsable(result: Awaited<ReturnType<ReturnType<typeof setup>['recommender']['recommend']>>) {
  expect(result.recommendations.length).toBeGreaterThan(0);
  for (const game of result.recommendations) {
    expect(game.price).not.toBeNull();
    expect(game.price).toBeLessThanOrEqual(100);
    expect(game.reason).toBeTruthy();
  }
}

describe('recommend: degraded but successful', () => {
  it('works by rules without a key and never calls the model', async () => {
    const { recommender } = setup(llm, { apiKey: null });
    const result = await recommender.recommend({ userQuery: QUERY, maxResults: 5 });
    expect(result.degraded).toBe(true);
    expect(result.degradedReason).toMatch(/DASHSCOPE_API_KEY/);
    expect(result.llmCalls).toBe(0);
    expect(llm.count()).toBe(0);
    expectUsable(result);
    expect(result.recommendations[0]?.reason).toMatch(/好评率/);
  });

  it('falls back to rules on HTTP 500 within three calls', async () => {
    llm.setResponder(() => ({
      status: 500,
      headers: { 'retry-after-ms': '5' },
      raw: '{"error":{"message":"down"}}',
    }));
    const { recommender } = setup(llm);
    const result = await recommender.recommend({ userQuery: QUERY, maxResults: 5 });
    expect(result.degraded).toBe(true);
    expect(result.degradedReason).toMatch(/HTTP 500/);
    expect(llm.count()).toBeLessThanOrEqual(3);
    expect(result.llmCalls).toBe(2);
    expectUsable(result);
  });

  it('answers within the deadline when the model hangs', async () => {
    llm.setResponder(fixedLatency(10_000));
    const { recommender } = setup(llm, { deadlineMs: 1500, llmTimeoutMs: 20_000 });
    const started = Date.now();
    const result = await recommender.recommend({ userQuery: QUERY, maxResults: 5 });
    expect(Date.now() - started).toBeLessThan(1500 + 300);
    expect(result.timedOut).toBe(true);
    expect(result.degraded).toBe(true);
    expect(result.degradedReason).toMatch(/timed out|deadline/);
    expect(llm.count()).toBeLessThanOrEqual(2);
    expectUsable(result);
  });

  it('degrades without timing out when single LLM calls time out', async () => {
    llm.setResponder(fixedLatency(10_000));
    const { recommender } = setup(llm, { deadlineMs: 5000, llmTimeoutMs: 300 });
    const started = Date.now();
    const result = await recommender.recommend({ userQuery: QUERY, maxResults: 5 });
    expect(Date.now() - started).toBeLessThan(1500);
    expect(result.timedOut).toBe(false);
    expect(result.degradedReason).toMatch(/LLM analysis timed out/);
    expect(result.degradedReason).toMatch(/LLM scoring timed out/);
    expect(llm.count()).toBeLessThanOrEqual(3);
    expectUsable(result);
  });

  it('falls back to rules on non-JSON answers', async () => {
    llm.setResponder(() => ({ content: '我觉得你会喜欢巫师3，它是一款很棒的游戏。' }));
    const { recommender } = setup(llm);
    const result = await recommender.recommend({ userQuery: QUERY, maxResults: 5 });
    expect(result.degraded).toBe(true);
    expect(result.degradedReason).toMatch(/unusable output/);
    expect(llm.count()).toBe(2);
    expectUsable(result);
  });

  it('parses ```json fenced answers with leading text and is not degraded', async () => {
    llm.setResponder(async (body, i) => {
      const { content } = await smartResponder(body, i);
      return { content: `好的，结果如下：\n\`\`\`json\n${content}\n\`\`\`\n希望有帮助。` };
    });
    const { recommender } = setup(llm);
    const result = await recommender.recommend({ userQuery: QUERY, maxResults: 5 });
    expect(result.degraded).toBe(false);
    expect(result.needs.preferences).toContain('highly rated'); // from the model
    expect(result.recommendations[0]?.reason).toBe('非常符合你对开放世界角色扮演的需求。');
  });

  it('accepts numbers as strings and missing fields in the analysis', async () => {
    llm.setResponder((body, i) =>
      isAnalysis(body)
        ? { content: '{"tags":"Open World, RPG","maxPrice":"80元"}' }
        : smartResponder(body, i),
    );
    const { recommender } = setup(llm);
    const result = await recommender.recommend({ userQuery: QUERY, maxResults: 5 });
    expect(result.degraded).toBe(false);
    expect(result.needs.maxPrice).toBe(80); // the stricter of model (80) and rules (100)
    expect(result.needs.tags).toEqual(['Open World', 'RPG']);
    expect(result.recommendations.every((g) => (g.price ?? Infinity) <= 80)).toBe(true);
  });
});

describe('recommend: failures and cancellation', () => {
  it('rejects promptly on abort and makes no further upstream calls', async () => {
    llm.setResponder((body, i) =>
      isScoring(body) ? { ...smartResponder(body, i), delayMs: 5000 } : smartResponder(body, i),
    );
    const { recommender, catalog } = setup(llm);
    const controller = new AbortController();
    const reason = new Error('client went away');
    const run = recommender.recommend(
      { userQuery: QUERY, maxResults: 5 },
      {
        signal: controller.signal,
        onProgress: (stage) => stage === 'scoring' && setTimeout(() => controller.abort(reason), 50),
      },
    );
    const started = Date.now();
    await expect(run).rejects.toBe(reason);
    expect(Date.now() - started).toBeLessThan(1000);
    const [llmCalls, catalogCalls] = [llm.count(), catalog.count()];
    await new Promise((r) => setTimeout(r, 300));
    expect([llm.count(), catalog.count()]).toEqual([llmCalls, catalogCalls]);
  });

  it('stops searching when aborted during search', async () => {
    const catalog = createFakeCatalog({ latencyMs: 400 });
    const { recommender } = setup(llm, { catalog });
    const controller = new AbortController();
    const run = recommender.recommend(
      { userQuery: QUERY, maxResults: 5 },
      {
        signal: controller.signal,
        onProgress: (stage) => stage === 'searching' && setTimeout(() => controller.abort(), 50),
      },
    );
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    const before = [llm.count(), catalog.count()];
    await new Promise((r) => setTimeout(r, 600));
    expect([llm.count(), catalog.count()]).toEqual(before);
    expect(llm.calls.some((c) => isScoring(c.body))).toBe(false);
  });

  it('rejects an already-aborted signal without any call', async () => {
    const { recommender, catalog } = setup(llm);
    await expect(
      recommender.recommend({ userQuery: QUERY, maxResults: 5 }, { signal: AbortSignal.abort() }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(llm.count() + catalog.count()).toBe(0);
  });

  it('returns what the search found when the deadline passes during search', async () => {
    const catalog = createFakeCatalog({ latencyMs: 5000 });
    const { recommender } = setup(llm, { catalog, deadlineMs: 1000 });
    const started = Date.now();
    const result = await recommender.recommend({ userQuery: QUERY, maxResults: 5 });
    expect(Date.now() - started).toBeLessThan(1300);
    expect(result.timedOut).toBe(true);
    expect(result.degraded).toBe(true);
    expect(result.recommendations).toEqual([]);
    expect(llm.calls.some((c) => isScoring(c.body))).toBe(false);
  });

  it('fails clearly when every search fails, and warns when only some do', async () => {
    const broken = createFakeCatalog({
      fail: () => new UpstreamError('STEAM_HTTP', 'Steam HTTP 503', { status: 503 }),
    });
    await expect(
      setup(llm, { catalog: broken }).recommender.recommend({ userQuery: QUERY, maxResults: 5 }),
    ).rejects.toMatchObject({
      code: 'STEAM_HTTP',
    });
    const partly = createFakeCatalog({
      fail: (method) => (method === 'resolveTags' ? new UpstreamError('STEAM_TIMEOUT', 'slow') : null),
    });
    const result = await setup(llm, { catalog: partly }).recommender.recommend({
      userQuery: QUERY,
      maxResults: 5,
    });
    expect(result.recommendations.length).toBeGreaterThan(0);
    expect(result.warnings.join()).toMatch(/STEAM_TIMEOUT/);
  });
});
