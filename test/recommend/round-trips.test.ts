import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SearchQuery } from '../../src/catalog/types.js';
import { createFakeCatalog, game, GAMES } from '../helpers/in-memory-catalog.js';
import {
  candidateIds,
  fixedLatency,
  isAnalysis,
  isScoring,
  smartResponder,
  startFakeLlm,
  type FakeLlm,
  type RecordedCall,
} from '../helpers/fake-llm.js';
import { ANALYSED_QUERY, setup } from './setup.js';

/** Every word of it is understood by the rules: no analysis call. */
const UNDERSTOOD = '推荐一些开放世界RPG游戏，100元以内';
/** "像巫师那样" needs the model. */
const NEEDS_MODEL = ANALYSED_QUERY;

/** The default games plus 24 affordable open-world RPGs: enough candidates for two batches. */
const MANY = [
  ...GAMES,
  ...Array.from({ length: 24 }, (_, i) =>
    game({
      id: String(5000 + i),
      name: `Realm ${i}`,
      tags: ['开放世界', '角色扮演', i % 2 ? '剧情丰富' : '独立'],
      price: 20 + i * 3,
      review: [70 + (i % 25), 1000 + i * 100],
    }),
  ),
];

let llm: FakeLlm;
beforeEach(async () => {
  llm = await startFakeLlm();
});
afterEach(async () => {
  await llm.close();
});

const kinds = () =>
  llm.calls.map((c) => (isAnalysis(c.body) ? 'analysis' : isScoring(c.body) ? 'scoring' : '?'));
const overlap = (a: RecordedCall, b: RecordedCall) =>
  a.startedAt < (b.endedAt ?? Infinity) && b.startedAt < (a.endedAt ?? Infinity);

describe('recommend: the analysis is skipped when the rules understood everything', () => {
  it('makes one LLM call (scoring) and is not degraded', async () => {
    const { recommender } = setup(llm);
    const result = await recommender.recommend({ userQuery: UNDERSTOOD, maxResults: 5 });
    expect(kinds()).toEqual(['scoring']);
    expect(result.llmCalls).toBe(1);
    expect(result.degraded).toBe(false);
    expect(result.degradedReason).toBeNull();
    expect(result.needs.maxPrice).toBe(100);
    expect(result.needs.tags).toEqual(['Open World', 'RPG']);
    expect(result.recommendations.length).toBeGreaterThan(0);
    expect(result.recommendations.every((g) => g.price !== null && g.price <= 100)).toBe(true);
    expect(result.recommendations[0]?.reason).toBe('非常符合你对开放世界角色扮演的需求。');
  });

  it('still asks the model when part of the request is not understood', async () => {
    const { recommender } = setup(llm);
    await recommender.recommend({ userQuery: '像星露谷物语一样轻松的模拟游戏', maxResults: 5 });
    expect(kinds()[0]).toBe('analysis');
  });
});

describe('recommend: speculative searches', () => {
  it('starts the rule-parsed searches before the analysis answers, then adds only the new ones', async () => {
    llm.setResponder((body, i) => {
      if (!isAnalysis(body)) return smartResponder(body, i);
      const needs = { keywords: ['witcher'], tags: ['Open World', 'RPG', 'Story Rich'] };
      return { content: JSON.stringify(needs), delayMs: 300 };
    });
    const catalog = createFakeCatalog({ latencyMs: 20 });
    const { recommender } = setup(llm, { catalog });
    const result = await recommender.recommend({ userQuery: NEEDS_MODEL, maxResults: 5 });
    expect(kinds()).toEqual(['analysis', 'scoring']);
    const analysis = llm.calls[0]!;
    const searches = catalog.calls.filter((c) => c.method === 'searchGames');
    const byKeyword = (k: string) => searches.filter((c) => (c.arg as SearchQuery).keywords === k);
    // The rules' searches (open world, rpg, their tags) went out while the model was thinking.
    for (const call of [...byKeyword('open world'), ...byKeyword('rpg')]) {
      expect(call.at).toBeLessThan(analysis.endedAt!);
    }
    expect(byKeyword('open world')).toHaveLength(1);
    expect(byKeyword('rpg')).toHaveLength(1);
    // Only what the model added was searched afterwards, and nothing was searched twice.
    const after = searches.filter((c) => c.at >= analysis.endedAt!);
    expect(after.length).toBeGreaterThan(0);
    const afterArgs = after.map((c) => c.arg as SearchQuery);
    expect(afterArgs.some((q) => q.keywords === 'witcher')).toBe(true);
    expect(afterArgs.every((q) => q.keywords !== 'open world' && q.keywords !== 'rpg')).toBe(true);
    const keys = searches.map((c) => JSON.stringify(c.arg));
    expect(new Set(keys).size).toBe(keys.length);
    expect(result.degraded).toBe(false);
    expect(result.recommendations.every((g) => g.price !== null && g.price <= 100)).toBe(true);
  });
});

describe('recommend: scoring in two parallel batches', () => {
  it('caps the candidates and scores them in two overlapping calls after the analysis (3 calls)', async () => {
    llm.setResponder(fixedLatency(200));
    const catalog = createFakeCatalog({ games: MANY });
    const { recommender } = setup(llm, { catalog });
    const result = await recommender.recommend({ userQuery: NEEDS_MODEL, maxResults: 5 });
    expect(kinds()).toEqual(['analysis', 'scoring', 'scoring']);
    expect(result.llmCalls).toBe(3);
    const [analysis, a, b] = llm.calls as [RecordedCall, RecordedCall, RecordedCall];
    expect(overlap(a, b)).toBe(true);
    expect(a.startedAt).toBeGreaterThanOrEqual(analysis.endedAt!);
    const [idsA, idsB] = [candidateIds(a.body), candidateIds(b.body)];
    expect(idsA.filter((id) => idsB.includes(id))).toEqual([]);
    expect(idsA.length + idsB.length).toBe(18);
    expect(Math.abs(idsA.length - idsB.length)).toBeLessThanOrEqual(1);
    expect(result.totalEvaluated).toBe(18);
    expect(result.totalFound).toBeGreaterThan(18);
    expect(result.degraded).toBe(false);
    expect(result.recommendations.every((g) => g.reason === '非常符合你对开放世界角色扮演的需求。')).toBe(
      true,
    );
    expect(result.recommendations.every((g) => g.price !== null && g.price <= 100)).toBe(true);
  });

  it('asks for short reasons and highlights', async () => {
    const { recommender } = setup(llm, { catalog: createFakeCatalog({ games: MANY }) });
    await recommender.recommend({ userQuery: UNDERSTOOD, maxResults: 5 });
    const system = llm.calls[0]!.body.messages?.find((m) => m.role === 'system')?.content ?? '';
    expect(system).toMatch(/at most 40 characters/);
    expect(system).toMatch(/at most 3 highlights/);
  });

  it('makes two parallel calls, one round trip, when the analysis is skipped', async () => {
    llm.setResponder(fixedLatency(200));
    const { recommender } = setup(llm, { catalog: createFakeCatalog({ games: MANY }) });
    const started = Date.now();
    const result = await recommender.recommend({ userQuery: UNDERSTOOD, maxResults: 5 });
    expect(kinds()).toEqual(['scoring', 'scoring']);
    expect(llm.maxInFlight()).toBe(2);
    expect(Date.now() - started).toBeLessThan(400 + 200);
    expect(result.llmCalls).toBe(2);
    expect(result.degraded).toBe(false);
  });

  it('never retries a batch: a failed batch is ranked by rules, the other keeps the model', async () => {
    llm.setResponder((body, i) => {
      if (isScoring(body) && candidateIds(body).includes('5000')) {
        return { status: 500, headers: { 'retry-after-ms': '5' }, raw: '{"error":{"message":"down"}}' };
      }
      return smartResponder(body, i);
    });
    const { recommender } = setup(llm, { catalog: createFakeCatalog({ games: MANY }) });
    const result = await recommender.recommend({ userQuery: NEEDS_MODEL, maxResults: 20 });
    expect(llm.count()).toBe(3);
    expect(result.degraded).toBe(true);
    expect(result.degradedReason).toMatch(/HTTP 500/);
    const reasons = result.recommendations.map((g) => g.reason);
    expect(reasons).toContain('非常符合你对开放世界角色扮演的需求。');
    expect(reasons.some((r) => /好评率/.test(r))).toBe(true);
    expect(result.recommendations.every((g) => g.price !== null && g.price <= 100)).toBe(true);
  });
});
