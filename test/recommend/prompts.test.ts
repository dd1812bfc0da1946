import { describe, expect, it } from 'vitest';
import { buildAnalysisPrompt, buildScoringPrompt } from '../../src/recommend/prompts.js';
import { parseRequestByRules } from '../../src/recommend/rule-parser.js';
import { GAMES } from '../helpers/in-memory-catalog.js';
import { candidateIds } from '../helpers/fake-llm.js';

describe('prompts', () => {
  it('asks the analysis for exactly the UserNeeds fields, in the store currency', () => {
    const prompt = buildAnalysisPrompt('  开放世界RPG，100元以内 ', 'CNY');
    for (const field of [
      'keywords',
      'tags',
      'minPrice',
      'maxPrice',
      'freeOnly',
      'players',
      'platform',
      'language',
      'mustHave',
      'preferences',
      'userLanguage',
    ]) {
      expect(prompt.system).toContain(`"${field}"`);
    }
    expect(prompt.system).toContain('CNY');
    expect(prompt.user).toBe('开放世界RPG，100元以内');
    expect(prompt.chars).toBe(prompt.system.length + prompt.user.length);
    expect(prompt.chars).toBeLessThan(1000);
  });

  it('lists 30 candidates compactly, one line each, with truncated descriptions', () => {
    const long = 'x'.repeat(1000);
    const games = Array.from({ length: 30 }, (_, i) => ({
      ...GAMES[i % GAMES.length]!,
      appId: String(2000 + i),
      name: `Game | ${i}\nline`,
      description: long,
    }));
    const needs = parseRequestByRules('推荐一些开放世界RPG游戏，100元以内');
    const prompt = buildScoringPrompt('推荐一些开放世界RPG游戏，100元以内', needs, games, 'CNY');
    expect(candidateIds({ messages: [{ role: 'user', content: prompt.user }] })).toHaveLength(30);
    expect(prompt.user).not.toContain('x'.repeat(121));
    expect(prompt.user).toContain('max 100 CNY');
    expect(prompt.system).toContain('Simplified Chinese');
    expect(prompt.system).toContain('"scores"');
    expect(prompt.chars).toBeLessThan(30 * 260 + 1200);
  });

  it('shows free and unpriced games as such', () => {
    const needs = parseRequestByRules('free games');
    const prompt = buildScoringPrompt('free games', needs, GAMES, 'CNY');
    expect(prompt.user).toMatch(/^1006 \| Free Arena \| free \|/m);
    expect(prompt.user).toMatch(/^1005 \| Future Saga \| no price \|/m);
    expect(prompt.system).toContain('in English');
  });
});
