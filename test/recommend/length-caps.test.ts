import { describe, expect, it } from 'vitest';
import { capChars, looseStringList } from '../../src/recommend/llm-answer.js';
import { LlmNeedsSchema } from '../../src/recommend/needs-schema.js';
import { buildScoringPrompt } from '../../src/recommend/prompts.js';
import { parseScores } from '../../src/recommend/rank.js';
import { parseRequestByRules } from '../../src/recommend/rule-parser.js';
import { GAMES } from '../helpers/in-memory-catalog.js';

const HUGE = 'y'.repeat(50_000);

describe('strings that reach prompts and answers are bounded', () => {
  it("the model's reason and highlights are cut, whatever it sends", () => {
    const id = GAMES[0]!.appId;
    const answer = JSON.stringify({
      scores: [{ app_id: id, score: 90, reason: HUGE, highlights: [HUGE, HUGE, HUGE, HUGE, HUGE] }],
    });
    const scored = parseScores(answer, new Set([id])).get(id)!;
    expect(scored.reason.length).toBeLessThanOrEqual(160);
    expect(scored.reason.endsWith('…')).toBe(true);
    expect(scored.highlights).toHaveLength(3);
    for (const highlight of scored.highlights) expect(highlight.length).toBeLessThanOrEqual(40);
  });

  it("the model's reading of the request cannot carry huge strings into the next prompt", () => {
    const needs = LlmNeedsSchema.parse({
      keywords: [HUGE, 'rpg'],
      tags: Array.from({ length: 1000 }, () => HUGE),
      mustHave: HUGE,
      language: HUGE,
    });
    for (const item of [...needs.keywords, ...needs.tags, ...needs.mustHave])
      expect(item.length).toBeLessThanOrEqual(60);
    expect(needs.tags.length).toBeLessThanOrEqual(10);
    // A language the vocabulary does not know is dropped, not carried as free text.
    expect(needs.language).toBeNull();
  });

  it('game names and tags from the store are cut in the scoring prompt', () => {
    const games = GAMES.slice(0, 3).map((g) => ({ ...g, name: HUGE, tags: [HUGE, 'RPG'] }));
    const needs = parseRequestByRules('RPG');
    const prompt = buildScoringPrompt('RPG', needs, games, 'CNY');
    expect(prompt.user.length).toBeLessThan(3_000);
    expect(prompt.user).not.toContain('y'.repeat(101));
  });

  it('capChars never splits a character made of two UTF-16 units', () => {
    const emoji = '🎮'.repeat(10);
    const cut = capChars(emoji, 5);
    expect(Array.from(cut)).toHaveLength(5);
    expect(cut).toBe(`${'🎮'.repeat(4)}…`);
    expect(capChars('short', 10)).toBe('short');
  });

  it('looseStringList bounds both the count and each item', () => {
    expect(
      looseStringList(
        Array.from({ length: 100 }, (_, i) => `item${i}`),
        3,
      ),
    ).toEqual(['item0', 'item1', 'item2']);
    expect(looseStringList(['x'.repeat(500)], 5, 20)[0]).toHaveLength(20);
  });
});
