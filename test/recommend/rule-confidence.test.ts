import { describe, expect, it } from 'vitest';
import { parseRequestByRules, rulesUnderstood } from '../../src/recommend/rule-parser.js';

const understood = (query: string) => rulesUnderstood(query, parseRequestByRules(query));

describe('rulesUnderstood: when the analysis call may be skipped', () => {
  it.each([
    '推荐一些开放世界RPG游戏，100元以内',
    '适合双人合作的游戏',
    '免费的射击游戏',
    '有没有好玩的恐怖游戏？',
    '想玩一些轻松休闲的模拟游戏',
    '苹果电脑上的解谜游戏',
    '50到100元的策略游戏',
    '推荐几款好评的独立肉鸽游戏，不超过50块',
    'cheap roguelike under 50',
    'some free games please',
    'recommend open world RPG games under $30',
    'co-op survival games',
  ])('skips the analysis for 「%s」', (query) => {
    expect(understood(query)).toBe(true);
  });

  it.each([
    ['像星露谷物语一样轻松的模拟游戏', 'a game title the rules cannot read'],
    ['类似空洞骑士的银河恶魔城', 'a game title'],
    ['我的世界那样的沙盒游戏', 'a game title made of common characters'],
    ['games like hollow knight', 'a game title in English'],
    ['rpg with a great story about dragons', 'a theme'],
    ['推荐游戏', 'no criteria at all'],
    ['recommend some games', 'no criteria at all'],
    ['不要免费的射击游戏', 'a negation'],
    ['射击游戏，不要恐怖的', 'a negation'],
    ['必须有中文的角色扮演游戏', 'a must-have clause'],
    ['2-4人合作游戏', 'a bare number range'],
    ['100元的动作游戏', 'an amount without a bound word'],
    ['free-roam open world', 'free-roam is not free'],
    ['适合和女朋友一起玩的游戏', 'an audience the rules ignore'],
    ['steam deck上能玩的射击游戏', 'a device the rules ignore'],
  ])('keeps the analysis for 「%s」 (%s)', (query) => {
    expect(understood(query)).toBe(false);
  });
});
