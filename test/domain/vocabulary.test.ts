import { describe, expect, it } from 'vitest';
import { resolveFilters } from '../../src/domain/resolve-filters.js';
import { canonicalTag, findTerms, tagIdsMeeting } from '../../src/domain/vocabulary.js';
import { parseRequestByRules } from '../../src/recommend/rule-parser.js';

/** What each word Chinese players use means on Steam (tag id, category or filter). */
const WORDS: [
  word: string,
  meaning: { tagId?: number; category?: number; language?: string; deck?: string },
][] = [
  ['种田', { tagId: 87918 }],
  ['农场', { tagId: 87918 }],
  ['模拟经营', { tagId: 12472 }],
  ['魂类', { tagId: 29482 }],
  ['魂系', { tagId: 29482 }],
  ['银河恶魔城', { tagId: 1628 }],
  ['类银河城', { tagId: 1628 }],
  ['肉鸽', { tagId: 1716 }],
  ['类Rogue', { tagId: 1716 }],
  ['类幸存者', { tagId: 723991 }],
  ['本地合作', { tagId: 3841 }],
  ['分屏', { tagId: 10816, category: 24 }],
  ['派对', { tagId: 7178 }],
  ['二次元', { tagId: 4085 }],
  ['动漫', { tagId: 4085 }],
  ['治愈', { tagId: 1654 }],
  ['休闲', { tagId: 597 }],
  ['解谜', { tagId: 1664 }],
  ['视觉小说', { tagId: 3799 }],
  ['文字冒险', { tagId: 3799 }],
  ['恋爱', { tagId: 4947 }],
  ['武侠', { tagId: 25959 }],
  ['仙侠', { tagId: 25959 }],
  ['三国', { tagId: 9 }],
  ['开放世界生存', { tagId: 1100689 }],
  ['塔防', { tagId: 1645 }],
  ['卡牌构筑', { tagId: 32322 }],
  ['音游', { tagId: 1752 }],
  ['赛车', { tagId: 699 }],
  ['体育', { tagId: 701 }],
  ['恐怖', { tagId: 1667 }],
  ['心理恐怖', { tagId: 1721 }],
  ['剧情', { tagId: 1742 }],
  ['短篇', { tagId: 4234 }],
  ['手柄', { tagId: 7481, category: 28 }],
  ['掌机', { deck: 'playable_or_better' }],
  ['Steam Deck', { deck: 'playable_or_better' }],
  ['Deck 认证', { deck: 'verified' }],
  ['中文', { language: 'schinese' }],
  ['中文字幕', { language: 'schinese' }],
  ['中文配音', { language: 'schinese_audio' }],
  ['繁体中文', { language: 'tchinese' }],
  ['farming sim', { tagId: 87918 }],
  ['metroidvania', { tagId: 1628 }],
  ['deckbuilder', { tagId: 32322 }],
  ['handheld', { deck: 'playable_or_better' }],
];

describe('the domain vocabulary', () => {
  it.each(WORDS)('%s → %j', (word, meaning) => {
    const [term, ...others] = findTerms(`推荐${word}游戏`);
    expect(others).toEqual([]);
    expect(term).toBeDefined();
    if (meaning.tagId !== undefined) expect(term?.tag?.id).toBe(meaning.tagId);
    if (meaning.category !== undefined) expect(term?.category).toBe(meaning.category);
    expect(term?.filter?.language).toBe(meaning.language);
    expect(term?.filter?.deck).toBe(meaning.deck);
  });

  it('consumes compound words: 心理恐怖 is not also 恐怖, 模拟经营 not also 模拟', () => {
    expect(findTerms('心理恐怖').map((t) => t.tag?.name)).toEqual(['Psychological Horror']);
    expect(findTerms('模拟经营').map((t) => t.tag?.name)).toEqual(['Management']);
    expect(findTerms('中文配音的恐怖游戏').map((t) => t.filter?.language ?? t.tag?.name)).toEqual([
      'schinese_audio',
      'Horror',
    ]);
  });

  it('maps Steam tag names in either language to one canonical tag', () => {
    expect(canonicalTag('类 Rogue')).toBe('Roguelike');
    expect(canonicalTag('类魂系列')).toBe('Souls-like');
    expect(canonicalTag('Farming Sim')).toBe('Farming Sim');
    expect(tagIdsMeeting('种田')).toEqual(expect.arrayContaining([87918, 4520]));
  });

  it('resolves gamer words the tag list does not know to Steam tags, categories before words', () => {
    const resolved = resolveFilters(['种田', '魂系', '手柄', '不存在的标签'], [], []);
    expect(resolved).toEqual([
      { kind: 'tag', input: '种田', tagId: 87918, name: 'Farming Sim' },
      { kind: 'tag', input: '魂系', tagId: 29482, name: 'Souls-like' },
      { kind: 'category', input: '手柄', categoryId: 28, name: '完全支持控制器' },
      { kind: 'unknown', input: '不存在的标签' },
    ]);
  });

  it.each([
    ['有中文的恐怖游戏', { language: 'schinese', deck: null, tags: ['Horror'] }],
    ['Steam Deck上能玩的独立游戏', { language: null, deck: 'playable_or_better', tags: ['Indie'] }],
    [
      '掌机上玩的中文配音动作游戏',
      { language: 'schinese_audio', deck: 'playable_or_better', tags: ['Action'] },
    ],
    ['双人本地合作', { tags: ['Local Co-Op', 'Co-op'], players: 'coop' }],
    ['合作游戏', { tags: ['Co-op'], players: 'coop' }],
    ['deck verified roguelike', { deck: 'verified', tags: ['Roguelike'] }],
  ])('the rule parser reads %s', (query, expected) => {
    expect(parseRequestByRules(query)).toMatchObject(expected);
  });
});
