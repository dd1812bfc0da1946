import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProgressStage } from '../../src/recommend/types.js';
import {
  candidateIds,
  isAnalysis,
  isScoring,
  scoresContent,
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

describe('recommend: happy path', () => {
  it('returns scored, sorted, budget-respecting games with two sequential LLM calls', async () => {
    const { recommender } = setup(llm);
    const result = await recommender.recommend({ userQuery: QUERY, maxResults: 5 });
    expect(result.degraded).toBe(false);
    expect(result.degradedReason).toBeNull();
    expect(result.timedOut).toBe(false);
    expect(result.llmCalls).toBe(2);
    expect(llm.count()).toBe(2);
    expect(llm.maxInFlight()).toBe(1);
    expect(
      llm.calls.map((c) => (isAnalysis(c.body) ? 'analysis' : isScoring(c.body) ? 'scoring' : '?')),
    ).toEqual(['analysis', 'scoring']);
    expect(llm.calls[1]?.body.response_format).toEqual({ type: 'json_object' });
    // The model dropped the budget; the rules kept it.
    expect(result.needs.maxPrice).toBe(100);
    expect(result.recommendations.length).toBeGreaterThan(0);
    for (const game of result.recommendations) {
      expect(game.price).not.toBeNull();
      expect(game.price).toBeLessThanOrEqual(100);
      expect(game.type).toBe('game');
      expect(game.reason).toBeTruthy();
      expect(game.highlights.length).toBeGreaterThan(0);
      expect(game.highlights.length).toBeLessThanOrEqual(3);
    }
    const scores = result.recommendations.map((g) => g.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(result.totalEvaluated).toBeGreaterThanOrEqual(result.recommendations.length);
    expect(result.totalFound).toBeGreaterThanOrEqual(result.totalEvaluated);
  });

  it('reports progress stages in order', async () => {
    const { recommender } = setup(llm);
    const stages: ProgressStage[] = [];
    await recommender.recommend(
      { userQuery: QUERY, maxResults: 3 },
      { onProgress: (stage) => stages.push(stage) },
    );
    expect(stages).toEqual(['analyzing', 'searching', 'scoring', 'done']);
  });

  it('reuses the cached analysis for a repeated query', async () => {
    const { recommender } = setup(llm);
    await recommender.recommend({ userQuery: QUERY, maxResults: 3 });
    const again = await recommender.recommend({ userQuery: `  ${QUERY} `, maxResults: 3 });
    expect(llm.calls.filter((c) => isAnalysis(c.body))).toHaveLength(1);
    expect(again.llmCalls).toBe(1);
    expect(again.degraded).toBe(false);
  });
});

describe('recommend: hard constraints beat the model', () => {
  it('never outputs an over-budget or unpriced game for “100元以内”', async () => {
    llm.setResponder((body, i) => {
      if (!isScoring(body)) return smartResponder(body, i);
      const others = candidateIds(body).map((id) => ({ app_id: id, score: 10, reason: '一般' }));
      return {
        content: scoresContent([
          { app_id: '1001', score: 100, reason: '最好的游戏' },
          { app_id: '1005', score: 100, reason: '即将推出' },
          { app_id: '1013', score: 100, reason: 'DLC' },
          ...others,
        ]),
      };
    });
    const { recommender } = setup(llm);
    const result = await recommender.recommend({ userQuery: QUERY, maxResults: 20 });
    const ids = result.recommendations.map((g) => g.appId);
    expect(ids).not.toContain('1001');
    expect(ids).not.toContain('1005');
    expect(ids).not.toContain('1013');
    expect(ids).toContain('1012'); // exactly 100 fits “100元以内”
    expect(candidateIds(llm.calls[1]!.body)).not.toContain('1001');
  });

  it('outputs only free games for “免费” even when the model prefers a paid one', async () => {
    llm.setResponder((body, i) => {
      if (isAnalysis(body)) return { content: '{"keywords":["rpg"],"tags":["RPG"],"freeOnly":false}' };
      if (!isScoring(body)) return smartResponder(body, i);
      const others = candidateIds(body).map((id) => ({ app_id: id, score: 20, reason: '免费' }));
      return { content: scoresContent([{ app_id: '1002', score: 100, reason: '付费神作' }, ...others]) };
    });
    const { recommender } = setup(llm);
    const result = await recommender.recommend({ userQuery: '推荐免费的角色扮演游戏', maxResults: 10 });
    expect(result.needs.freeOnly).toBe(true);
    expect(result.recommendations.length).toBeGreaterThan(0);
    expect(result.recommendations.every((g) => g.isFree)).toBe(true);
  });

  it('clamps scores, caps highlights and fills skipped games with rule scores', async () => {
    llm.setResponder((body, i) => {
      if (!isScoring(body)) return smartResponder(body, i);
      const [first] = candidateIds(body);
      return {
        content: scoresContent([
          { app_id: first!, score: '250', reason: '太棒了', highlights: ['a', 'b', 'c', 'd'] },
          { app_id: '9999', score: 99, reason: '不存在的游戏' },
        ]),
      };
    });
    const { recommender } = setup(llm);
    const result = await recommender.recommend({ userQuery: QUERY, maxResults: 20 });
    expect(result.degraded).toBe(false);
    const [top, ...rest] = result.recommendations;
    expect(top?.score).toBe(100);
    expect(top?.highlights).toEqual(['a', 'b', 'c']);
    expect(result.recommendations.map((g) => g.appId)).not.toContain('9999');
    expect(rest.length).toBeGreaterThan(0);
    for (const game of rest) expect(game.reason).toMatch(/好评率|符合/);
  });

  it('keeps platform constraints and relaxes the player mode with a warning', async () => {
    const { recommender } = setup(llm, { apiKey: null });
    const mac = await recommender.recommend({ userQuery: '苹果电脑上的解谜游戏', maxResults: 5 });
    expect(mac.recommendations.map((g) => g.appId)).toEqual(['1011']);
    const coop = await recommender.recommend({ userQuery: '双人合作游戏', maxResults: 5 });
    expect(coop.recommendations.map((g) => g.appId)).toEqual(['1008']);
    const relaxed = await recommender.recommend({ userQuery: '单人开放世界RPG', maxResults: 5 });
    expect(relaxed.recommendations.length).toBeGreaterThan(0);
    expect(relaxed.warnings.join()).toMatch(/relaxed/);
  });
});
