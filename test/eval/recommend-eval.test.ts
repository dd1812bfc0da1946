import { describe, expect, it } from 'vitest';
import {
  formatReport,
  judge,
  loadRequests,
  missedThresholds,
  runEval,
  type EvalRequest,
} from '../../bench/eval/recommend-eval.js';
import type { Recommendation } from '../../src/recommend/types.js';
import { game } from '../helpers/in-memory-catalog.js';

const requests = loadRequests();

describe('the labelled recommend_games evaluation (npm run eval:recommend)', () => {
  it('holds at least 60 labelled requests, Chinese and English, with 像X, 掌机, 中文配音, budgets, free and co-op', () => {
    expect(requests.length).toBeGreaterThanOrEqual(60);
    const queries = requests.map((r) => r.query).join('\n');
    for (const word of ['像', '掌机', '中文配音', '元以内', '免费', '合作', 'games like', 'Steam Deck'])
      expect(queries).toContain(word);
    expect(requests.some((r) => r.like)).toBe(true);
  });

  it('counts a result that breaks a labelled constraint, and the tags it lacks', () => {
    const request: EvalRequest = {
      id: 1,
      query: 'q',
      expect: { tags: ['Horror'], max_price: 50, language: 'schinese', deck: 'verified' },
    };
    const rec = (spec: Parameters<typeof game>[0], deck: Recommendation['deck']): Recommendation => ({
      ...game(spec),
      deck,
      score: 50,
      reason: 'ok',
      highlights: [],
    });
    const report = judge(request, [
      rec({ id: '1', name: 'Fits', tags: ['生存'], price: 30 }, 'verified'),
      rec(
        { id: '2', name: 'Too dear, unknown languages', tags: ['生存'], price: 80, languages: null },
        'playable',
      ),
    ]);
    expect(report.violations).toEqual([
      '2 Too dear, unknown languages: price 80 > 50',
      '2 Too dear, unknown languages: language schinese not met',
      '2 Too dear, unknown languages: deck playable',
    ]);
    expect(report.shares).toMatchObject({ Horror: 0, budget: 0.5, schinese: 0.5, 'deck:verified': 0.5 });
  });

  it('a 像X request: the reference game (or an excluded app) is a violation; neighbours found are a share', () => {
    const request: EvalRequest = {
      id: 2,
      query: '像参照游戏一样的游戏',
      like: '参照游戏',
      expect: { reference: '10', never: ['11'], neighbours: ['20', '21'] },
    };
    const rec = (id: string, name: string): Recommendation => ({
      ...game({ id, name, tags: ['动作'], price: 30 }),
      score: 50,
      reason: 'ok',
      highlights: [],
    });
    const report = judge(request, [
      rec('10', 'Reference'),
      rec('11', 'Reference DLC'),
      rec('20', 'Neighbour'),
    ]);
    expect(report.violations).toEqual([
      '10 Reference: the reference game itself recommended',
      '11 Reference DLC: excluded 11 recommended',
    ]);
    expect(report.neighbourShare).toBe(0.5);
  });

  it.each(['rules', 'llm'] as const)(
    'with %s: no hard-constraint violation, every result has a reason, tags above the threshold',
    async (mode) => {
      const report = await runEval(mode, requests);
      expect(missedThresholds(report), formatReport(report)).toEqual([]);
      expect(report.totals.violations).toBe(0);
      expect(report.totals.requests).toBeGreaterThanOrEqual(60);
    },
    120_000,
  );
});
