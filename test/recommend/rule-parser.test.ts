import { describe, expect, it } from 'vitest';
import { parsePriceBounds } from '../../src/recommend/price-parser.js';
import { parseRequestByRules } from '../../src/recommend/rule-parser.js';

describe('parsePriceBounds', () => {
  it.each([
    ['推荐一些开放世界RPG游戏，100元以内', null, 100],
    ['100块以下的游戏', null, 100],
    ['不超过50块', null, 50],
    ['低于 30 元的独立游戏', null, 30],
    ['一百元以内', null, 100],
    ['两百块钱以下', null, 200],
    ['预算80', null, 80],
    ['under $20', null, 20],
    ['games below 20', null, 20],
    ['less than ¥80', null, 80],
    ['less than ￥80', null, 80],
    ['between 50 and 100', 50, 100],
    ['50-100元', 50, 100],
    ['50到100元的游戏', 50, 100],
    ['价格 30~60', 30, 60],
    ['100元以上的大作', 100, null],
    ['至少 50 元', 50, null],
    ['不低于40元', 40, null],
    ['50元左右', null, 60],
    ['around $10', null, 12],
    ['二次元游戏', null, null],
    ['2-4人合作游戏', null, null],
    ['open world rpg', null, null],
  ])('%s → min %s max %s', (query, min, max) => {
    expect(parsePriceBounds(query)).toEqual({ minPrice: min, maxPrice: max });
  });
});

describe('parseRequestByRules', () => {
  it('parses the canonical Chinese request', () => {
    const needs = parseRequestByRules('推荐一些开放世界RPG游戏，100元以内');
    expect(needs.tags).toEqual(['Open World', 'RPG']);
    expect(needs.keywords).toEqual(['open world', 'rpg']);
    expect(needs.maxPrice).toBe(100);
    expect(needs.freeOnly).toBe(false);
    expect(needs.userLanguage).toBe('zh');
  });

  it.each([
    ['免费的射击游戏', true],
    ['free to play shooters', true],
    ['some free games', true],
    ['F2P games', true],
    ['free-roam open world', false],
    ['不要免费游戏', false],
    ['免费或者30元以内', false],
  ])('%s → freeOnly %s', (query, free) => {
    expect(parseRequestByRules(query).freeOnly).toBe(free);
  });

  it.each([
    ['双人合作游戏', 'coop'],
    ['适合两人玩的', 'coop'],
    ['co-op games', 'coop'],
    ['online coop shooter', 'coop'],
    ['多人联机游戏', 'multi'],
    ['能联机的', 'multi'],
    ['multiplayer strategy', 'multi'],
    ['online games', 'multi'],
    ['单机游戏', 'single'],
    ['单人剧情', 'single'],
    ['single-player rpg', 'single'],
    ['singleplayer games', 'single'],
    ['恐怖游戏', null],
  ])('%s → players %s', (query, players) => {
    expect(parseRequestByRules(query).players).toBe(players);
  });

  it.each([
    ['mac上能玩的游戏', 'mac'],
    ['苹果电脑游戏', 'mac'],
    ['games for macOS', 'mac'],
    ['linux games', 'linux'],
    ['动作游戏', null],
  ])('%s → platform %s', (query, platform) => {
    expect(parseRequestByRules(query).platform).toBe(platform);
  });

  it.each([
    ['动作冒险', ['Action', 'Adventure']],
    ['FPS射击', ['Shooter']],
    ['策略模拟', ['Strategy', 'Simulation']],
    ['解谜恐怖生存', ['Puzzle', 'Horror', 'Survival']],
    ['沙盒独立', ['Sandbox', 'Indie']],
    ['肉鸽卡牌', ['Roguelike', 'Card Game']],
    ['魂类游戏', ['Souls-like']],
    ['soulslike roguelite', ['Roguelike', 'Souls-like']],
    ['赛车体育休闲', ['Racing', 'Sports', 'Casual']],
    ['像素风剧情游戏', ['Pixel Graphics', 'Story Rich']],
    ['科幻二次元', ['Sci-fi', 'Anime']],
    ['塔防平台跳跃', ['Tower Defense', 'Platformer']],
    ['story rich sci-fi adventure', ['Adventure', 'Story Rich', 'Sci-fi']],
  ])('%s → tags %j', (query, tags) => {
    expect(parseRequestByRules(query).tags).toEqual(tags);
  });

  it('adds Free to Play for free-only requests and detects preferences and language', () => {
    const needs = parseRequestByRules('免费的好评中文游戏');
    expect(needs.tags).toContain('Free to Play');
    expect(needs.preferences).toContain('highly rated');
    expect(needs.language).toBe('schinese');
  });

  it('keeps must-haves and content words of English queries without genres', () => {
    expect(parseRequestByRules('必须有中文配音的游戏').mustHave).toEqual(['中文配音的游戏']);
    const needs = parseRequestByRules('games like hollow knight under $15');
    expect(needs.keywords).toEqual(['hollow knight']);
    expect(needs.maxPrice).toBe(15);
    expect(needs.userLanguage).toBe('en');
  });
});
