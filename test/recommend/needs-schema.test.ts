import { describe, expect, it } from 'vitest';
import { extractJsonObject } from '../../src/recommend/llm-answer.js';
import { LlmNeedsSchema, mergeNeeds } from '../../src/recommend/needs-schema.js';
import { parseRequestByRules } from '../../src/recommend/rule-parser.js';

describe('LlmNeedsSchema', () => {
  it('accepts partial, loosely typed answers', () => {
    const parsed = LlmNeedsSchema.parse({
      tags: 'Open World, RPG',
      maxPrice: '80元',
      players: 'Co-op',
      platform: 'macOS',
    });
    expect(parsed).toMatchObject({
      tags: ['Open World', 'RPG'],
      keywords: [],
      maxPrice: 80,
      minPrice: null,
      freeOnly: false,
      players: 'coop',
      platform: 'mac',
      language: null,
    });
  });

  it('drops nonsense values', () => {
    const parsed = LlmNeedsSchema.parse({
      maxPrice: 'cheap',
      players: 'lots',
      freeOnly: 'yes',
      tags: [1, null, 'RPG'],
    });
    expect(parsed).toMatchObject({ maxPrice: null, players: null, freeOnly: false, tags: ['1', 'RPG'] });
  });
});

describe('extractJsonObject', () => {
  it.each([
    ['{"a":1}'],
    ['```json\n{"a":1}\n```'],
    ['Sure! Here it is: {"a":1} Enjoy.'],
    ['<think>hmm {"b":2}</think>{"a":1}'],
  ])('reads %j', (text) => {
    expect(extractJsonObject(text)).toEqual({ a: 1 });
  });

  it.each([['no json here'], ['{not json}'], ['[1,2]']])('rejects %j as LLM_BAD_OUTPUT', (text) => {
    expect(() => extractJsonObject(text)).toThrow(expect.objectContaining({ code: 'LLM_BAD_OUTPUT' }));
  });
});

describe('mergeNeeds', () => {
  it('keeps the budget and free-only the rules found when the model dropped them', () => {
    const rules = parseRequestByRules('免费的RPG，50元以内');
    const merged = mergeNeeds(LlmNeedsSchema.parse({ tags: ['角色扮演'], maxPrice: null }), {
      ...rules,
      freeOnly: true,
    });
    expect(merged.maxPrice).toBe(50);
    expect(merged.freeOnly).toBe(true);
    expect(merged.tags).toEqual(['角色扮演']); // the rules' RPG is the same tag
  });

  it('takes the stricter budget and drops an impossible minimum', () => {
    const rules = parseRequestByRules('100元以内');
    const merged = mergeNeeds(LlmNeedsSchema.parse({ maxPrice: 60, minPrice: 80 }), rules);
    expect(merged).toMatchObject({ maxPrice: 60, minPrice: null });
  });
});

describe('language and Steam Deck needs from the model', () => {
  it('normalises the model language to a need the cards can check, and keeps the rules floor', () => {
    expect(LlmNeedsSchema.parse({ language: 'Chinese' }).language).toBe('schinese');
    expect(LlmNeedsSchema.parse({ language: '中文配音' }).language).toBe('schinese_audio');
    expect(LlmNeedsSchema.parse({ language: 'Japanese' }).language).toBeNull();
    expect(LlmNeedsSchema.parse({ deck: 'verified' }).deck).toBe('verified');
    expect(LlmNeedsSchema.parse({ deck: 'yes please' }).deck).toBeNull();
    const rules = parseRequestByRules('掌机上能玩的中文配音游戏');
    const merged = mergeNeeds(LlmNeedsSchema.parse({ language: null, deck: null }), rules);
    expect(merged).toMatchObject({ language: 'schinese_audio', deck: 'playable_or_better' });
    const stricter = mergeNeeds(LlmNeedsSchema.parse({ deck: 'verified' }), rules);
    expect(stricter.deck).toBe('verified');
  });
});
