import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeLlm, type FakeLlm } from '../helpers/fake-llm.js';
import { startFakeSteam, type FakeSteam } from '../helpers/fake-steam.js';
import { connectClient, type Connected } from '../helpers/mcp-clients.js';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js';

interface Recommendation {
  app_id: string;
  price: number | null;
  tags: string[];
  recommendation_score: number;
  recommendation_reason: string;
  highlights: string[];
}
interface RecommendOutput {
  analysis: { max_price: number | null; tags: string[] };
  recommendations: Recommendation[];
  recommendations_count: number;
  degraded: boolean;
  degraded_reason: string | null;
}

const KEY = 'sk-test-secret-key-0123456789';
const QUERY = '推荐一些开放世界RPG游戏，100元以内';

describe('recommend_games through the server, with a fake LLM and the fake Steam store', () => {
  let steam: FakeSteam;
  let llm: FakeLlm;
  let server: ServerProcess;
  let conn: Connected;

  beforeAll(async () => {
    steam = await startFakeSteam();
    llm = await startFakeLlm();
    server = await startServerProcess({
      STEAM_STORE_URL: steam.url,
      STEAM_API_URL: steam.url,
      DASHSCOPE_BASE_URL: llm.baseUrl,
      DASHSCOPE_API_KEY: KEY,
      LLM_MODEL: 'qwen3-test',
      LOG_LEVEL: 'debug',
    });
    conn = await connectClient('sse', { url: server.url });
  });

  afterAll(async () => {
    await conn?.close();
    await server?.stop();
    await llm?.close();
    await steam?.close();
  });

  it('ranks games within the budget, in one LLM call, with progress in order', async () => {
    const progress: number[] = [];
    const result = await conn.client.callTool(
      { name: 'recommend_games', arguments: { user_query: QUERY, max_results: 3 } },
      undefined,
      { onprogress: (p) => progress.push(p.progress) },
    );
    expect(result.isError).toBeFalsy();
    const out = result.structuredContent as unknown as RecommendOutput;
    expect(out.degraded).toBe(false);
    expect(out.analysis.max_price).toBe(100); // the rules read the budget
    expect(out.recommendations.length).toBeGreaterThan(0);
    expect(out.recommendations.length).toBeLessThanOrEqual(3);
    expect(out.recommendations_count).toBe(out.recommendations.length);
    for (const r of out.recommendations) {
      expect(r.price).not.toBeNull();
      expect(r.price!).toBeLessThanOrEqual(100);
      expect(r.recommendation_score).toBeGreaterThanOrEqual(0);
      expect(r.recommendation_score).toBeLessThanOrEqual(100);
      expect(r.recommendation_reason.length).toBeGreaterThan(0);
      expect(r.highlights.length).toBeLessThanOrEqual(3);
      // Chinese request: the Chinese reviews loaded while the model scored.
      expect(r).toHaveProperty('review_schinese_count');
    }
    const scores = out.recommendations.map((r) => r.recommendation_score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    // The rules understood every word of QUERY, so no analysis call: scoring only (≤ 10
    // candidates from the fake store, so a single scoring call).
    expect(llm.count()).toBe(1);
    expect(llm.calls[0]!.body.messages?.[0]?.content).toMatch(/rank Steam games/);
    expect(progress.length).toBeGreaterThanOrEqual(3);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    // Qwen3 models get thinking switched off, and the key only ever travels in the header.
    expect(llm.calls.every((c) => c.body.enable_thinking === false)).toBe(true);
    expect(llm.calls.every((c) => c.authorization === `Bearer ${KEY}`)).toBe(true);
  });

  it('reuses the cached analysis and Steam data on a repeat request', async () => {
    const llmBefore = llm.count();
    const steamBefore = steam.count();
    const again = await conn.client.callTool({
      name: 'recommend_games',
      arguments: { user_query: QUERY, max_results: 3 },
    });
    expect(again.isError).toBeFalsy();
    expect(llm.count() - llmBefore).toBe(1); // scoring only, as the first time
    expect(steam.count()).toBe(steamBefore);
  });

  it('asks the model to analyse what the rules cannot read, and caches that analysis', async () => {
    const query = '推荐一些像巫师那样的开放世界RPG游戏，100元以内';
    const llmBefore = llm.count();
    const first = await conn.client.callTool({
      name: 'recommend_games',
      arguments: { user_query: query, max_results: 3 },
    });
    expect(first.isError).toBeFalsy();
    expect((first.structuredContent as unknown as RecommendOutput).degraded).toBe(false);
    const kinds = llm.calls
      .slice(llmBefore)
      .map((c) =>
        /turn a Steam game request/.test(c.body.messages?.[0]?.content ?? '') ? 'analysis' : 'scoring',
      );
    // 像巫师 adds The Witcher's neighbours: scoring may split into two parallel batches.
    const scoring = kinds.length - 1;
    expect(kinds).toEqual(['analysis', ...Array<string>(scoring).fill('scoring')]);
    expect(scoring).toBeGreaterThanOrEqual(1);
    expect(scoring).toBeLessThanOrEqual(2);
    const steamBefore = steam.count();
    const again = await conn.client.callTool({
      name: 'recommend_games',
      arguments: { user_query: query, max_results: 3 },
    });
    expect(again.isError).toBeFalsy();
    expect(llm.count() - llmBefore).toBe(kinds.length + scoring); // the repeat: scoring only
    expect(steam.count()).toBe(steamBefore);
  });

  it('never writes the API key to a log line', () => {
    expect(server.logs.length).toBeGreaterThan(0);
    expect(server.logs.join('\n')).not.toContain(KEY);
  });
});

describe('recommend_games without an API key', () => {
  let steam: FakeSteam;
  let conn: Connected;

  beforeAll(async () => {
    steam = await startFakeSteam();
    conn = await connectClient('stdio', { env: { STEAM_STORE_URL: steam.url, STEAM_API_URL: steam.url } });
  });
  afterAll(async () => {
    await conn?.close();
    await steam?.close();
  });

  it('still recommends, rule-ranked, marked degraded with a reason, and keeps the budget', async () => {
    const result = await conn.client.callTool({ name: 'recommend_games', arguments: { user_query: QUERY } });
    expect(result.isError).toBeFalsy();
    const out = result.structuredContent as unknown as RecommendOutput;
    expect(out.degraded).toBe(true);
    expect(out.degraded_reason).toBeTruthy();
    expect(out.recommendations.length).toBeGreaterThan(0);
    for (const r of out.recommendations) expect(r.price !== null && r.price <= 100).toBe(true);
  });
});
