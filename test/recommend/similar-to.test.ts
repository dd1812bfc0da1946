import { describe, expect, it } from 'vitest';
import { withExtras } from '../../src/recommend/shortlist-extras.js';
import { parseReference } from '../../src/recommend/similar-to.js';
import { emptyNeeds } from '../../src/recommend/types.js';
import { game } from '../helpers/in-memory-catalog.js';

describe('parseReference: the game a request says "like"', () => {
  it.each([
    ['像星露谷物语一样的种田游戏', '星露谷物语'],
    ['推荐像《哈迪斯》那样的肉鸽', '哈迪斯'],
    ['类似空洞骑士的游戏', '空洞骑士'],
    ['有没有和泰拉瑞亚差不多的', '泰拉瑞亚'],
    ['类似《艾尔登法环》，100元以内', '艾尔登法环'],
    ['games like Hollow Knight under $20', 'Hollow Knight'],
    ['something like "Stardew Valley" but multiplayer', 'Stardew Valley'],
    ['similar to Hades, cheap', 'Hades'],
    ['Like Celeste', 'Celeste'],
  ])('%s → %s', (query, expected) => {
    expect(parseReference(query)).toBe(expected);
  });

  it.each([
    '推荐一些开放世界RPG游戏，100元以内',
    'I like open world RPGs',
    'co-op games under $20',
    '我喜欢恐怖游戏',
  ])('no reference in %s', (query) => {
    expect(parseReference(query)).toBeNull();
  });
});

describe('withExtras', () => {
  const base = { score: 60, reason: '好评率 90%。', highlights: ['特别好评'] };
  const zh = emptyNeeds('zh');

  it('puts the tags shared with the reference first and raises close neighbours', () => {
    const like = { name: '星露谷物语', sharedTags: ['模拟', '合作'], similarity: 0.6 };
    const near = withExtras(
      { ...game({ id: '1', name: 'A', tags: ['模拟'], price: 10 }), similarTo: like },
      zh,
      base,
    );
    const far = withExtras(
      { ...game({ id: '2', name: 'B', tags: ['模拟'], price: 10 }), similarTo: { ...like, similarity: 0.1 } },
      zh,
      base,
    );
    expect(near.reason).toBe('和《星露谷物语》一样有「模拟、合作」；好评率 90%。');
    expect(near.highlights[0]).toBe('像《星露谷物语》');
    expect(near.score).toBeGreaterThan(far.score);
  });

  it('weighs Chinese reviews for Chinese requests only, and warns about empty servers', () => {
    const g = { ...game({ id: '3', name: 'C', tags: ['多人'], price: 10, review: [95, 10000] }) };
    const lowZh = { ...g, extras: { reviewSchinesePct: 60, reviewSchineseCount: 5000, currentPlayers: 12 } };
    const scored = withExtras(lowZh, zh, base);
    expect(scored.score).toBeLessThan(base.score);
    expect(scored.reason).toContain('中文评测 60% 好评（5,000 条）');
    expect(scored.reason).toContain('当前仅 12 人在线');
    const english = withExtras(lowZh, emptyNeeds('en'), { ...base, reason: 'Good.' });
    expect(english.reason).not.toContain('中文');
    expect(english.reason).toMatch(/^Only 12 playing now; good\.$/);
    expect(withExtras(g, zh, base)).toBe(base);
  });
});
