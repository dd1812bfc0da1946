import { describe, expect, it } from 'vitest';
import { applyConstraints, meetsHardConstraints } from '../../src/recommend/constraints.js';
import { ruleScore } from '../../src/recommend/rule-score.js';
import { emptyNeeds, type UserNeeds } from '../../src/recommend/types.js';
import { GAMES } from '../helpers/in-memory-catalog.js';

const needs = (over: Partial<UserNeeds>): UserNeeds => ({ ...emptyNeeds('zh'), ...over });
const byId = (id: string) => GAMES.find((g) => g.appId === id)!;
const ids = (list: { appId: string }[]) => list.map((g) => g.appId);

describe('hard constraints', () => {
  it('never lets a null price through a budget, and counts free games as 0', () => {
    const budget = needs({ maxPrice: 100 });
    expect(meetsHardConstraints(byId('1005'), budget)).toBe(false);
    expect(meetsHardConstraints(byId('1001'), budget)).toBe(false);
    expect(meetsHardConstraints(byId('1012'), budget)).toBe(true);
    expect(meetsHardConstraints(byId('1006'), budget)).toBe(true);
    expect(meetsHardConstraints(byId('1006'), needs({ minPrice: 10 }))).toBe(false);
    expect(meetsHardConstraints(byId('1005'), needs({ minPrice: 10 }))).toBe(false);
  });

  it('free-only means Steam says free; platform must be known and present; games only', () => {
    expect(ids(GAMES.filter((g) => meetsHardConstraints(g, needs({ freeOnly: true }))))).toEqual([
      '1006',
      '1007',
    ]);
    expect(meetsHardConstraints({ ...byId('1011'), platforms: null }, needs({ platform: 'mac' }))).toBe(
      false,
    );
    expect(ids(GAMES.filter((g) => meetsHardConstraints(g, needs({ platform: 'mac' }))))).toEqual(['1011']);
    expect(meetsHardConstraints(byId('1013'), needs({}))).toBe(false);
  });

  it('filters by player mode on tags, relaxing it with a warning rather than returning nothing', () => {
    expect(ids(applyConstraints(GAMES, needs({ players: 'coop' })).games)).toEqual(['1008']);
    const untagged = { ...byId('1003'), tags: [] };
    expect(ids(applyConstraints([untagged], needs({ players: 'coop' })).games)).toEqual(['1003']);
    const relaxed = applyConstraints([byId('1002'), byId('1003')], needs({ players: 'coop' }));
    expect(ids(relaxed.games)).toEqual(['1002', '1003']);
    expect(relaxed.warnings).toHaveLength(1);
    const budgetNeverRelaxed = applyConstraints([byId('1001')], needs({ players: 'coop', maxPrice: 100 }));
    expect(budgetNeverRelaxed.games).toEqual([]);
  });
});

describe('ruleScore', () => {
  const wanted = needs({ tags: ['Open World', 'RPG'], keywords: ['open world'] });

  it('prefers tag matches and good reviews, explains in the user language', () => {
    const match = ruleScore(byId('1002'), wanted, []);
    const miss = ruleScore(byId('1009'), wanted, []);
    expect(match.score).toBeGreaterThan(miss.score);
    expect(match.score).toBeLessThanOrEqual(100);
    expect(match.reason).toBe('符合「开放世界、角色扮演」；好评率 96%（700000 条评测）；售价 ¥49。');
    expect(match.highlights).toEqual(['开放世界', '角色扮演', '特别好评']);
    const english = ruleScore(byId('1002'), { ...wanted, userLanguage: 'en' }, []);
    expect(english.reason).toMatch(/^Matches 开放世界, 角色扮演; 96% positive/);
  });

  it('uses resolved tag ids when names do not match', () => {
    const game = { ...byId('1002'), tags: ['Weird Name'], tagIds: [990001, 990002] };
    const withIds = ruleScore(game, wanted, [990001, 990002]);
    const without = ruleScore(game, wanted, []);
    expect(withIds.score).toBeGreaterThan(without.score);
  });
});
