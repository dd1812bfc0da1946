import { describe, expect, it } from 'vitest';
import type { Analysis } from '../../src/recommend/analyze-request.js';
import { playtimeWeight, tasteTags, withoutOwned, withTaste, type Taste } from '../../src/recommend/taste.js';
import { emptyNeeds } from '../../src/recommend/types.js';

const NAMES: Record<number, string> = {
  1716: '类 Rogue',
  1666: '卡牌游戏',
  122: '角色扮演',
  492: '独立',
  4182: '单人',
};
const namer = (ids: readonly number[]) => ids.map((id) => NAMES[id] ?? '').filter(Boolean);

describe('taste profile', () => {
  it('weights tags by how much each game says; generic tags (独立, 单人) say nothing', () => {
    const tags = tasteTags(
      [
        { tagIds: [492, 1716, 1666], weight: 1 },
        { tagIds: [1716, 4182], weight: 1 },
        { tagIds: [122, 492], weight: playtimeWeight(60 * 100) },
      ],
      namer,
    );
    expect(tags.map((t) => t.name)).toEqual(['角色扮演', '类 Rogue', '卡牌游戏']);
    expect(tags[0]?.weight).toBe(1);
  });

  it('playtime counts logarithmically; an unplayed game a little', () => {
    expect(playtimeWeight(0)).toBe(0.2);
    expect(playtimeWeight(60)).toBe(1);
    expect(playtimeWeight(60 * 10_000)).toBe(4);
  });

  const taste: Taste = {
    tags: [
      { tagId: 1716, name: '类 Rogue', weight: 1 },
      { tagId: 1666, name: '卡牌游戏', weight: 0.8 },
      { tagId: 122, name: '角色扮演', weight: 0.5 },
    ],
    ownedAppIds: new Set(['10']),
    source: { wishlistGames: 3, ownedGames: 1, playtimeWeighted: true },
  };
  const analysis = (tags: string[]): Analysis => ({
    needs: { ...emptyNeeds('zh'), tags },
    source: 'rules',
    degradedReason: null,
    llmCalls: 0,
  });

  it('a request without tags searches the two strongest taste tags; the rest is a preference', () => {
    const needs = withTaste(analysis([]), taste).needs;
    expect(needs.tags).toEqual(['类 Rogue', '卡牌游戏']);
    expect(needs.preferences.join()).toContain('角色扮演');
  });

  it('tags the user asked for win: taste is only a preference then', () => {
    expect(withTaste(analysis(['策略']), taste).needs.tags).toEqual(['策略']);
    expect(withTaste(analysis([]), undefined)).toEqual(analysis([]));
  });

  it('owned games are dropped', () => {
    expect(withoutOwned([{ appId: '10' }, { appId: '11' }], taste)).toEqual([{ appId: '11' }]);
  });
});
