import { describe, expect, it } from 'vitest';
import { parsePriceBounds, stripPricePhrases } from '../../src/recommend/price-parser.js';
import { parseRequestByRules } from '../../src/recommend/rule-parser.js';

/**
 * Runs of whitespace between a budget keyword and what follows used to make the price patterns
 * backtrack cubically (`"under" + 494 spaces + "x"` ≈ 22 ms a pass; these inputs took seconds).
 * The bound below is generous: linear work finishes in a few ms, cubic work in seconds.
 */
const GENEROUS_MS = 500;

const hostile = [
  `under${' '.repeat(2_000)}x`,
  `预算${' '.repeat(2_000)}x`,
  `between${' \t'.repeat(1_000)}x`,
  `100${' '.repeat(2_000)}-${' '.repeat(2_000)}x`,
  `at least${'\u3000'.repeat(2_000)}x`, // ideographic spaces become spaces under NFKC
];

function elapsed(run: () => unknown): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

describe('price phrases resist catastrophic backtracking', () => {
  it.each(hostile.map((q, i) => [i, q] as const))('hostile input %i parses quickly', (_i, query) => {
    expect(elapsed(() => parsePriceBounds(query))).toBeLessThan(GENEROUS_MS);
    expect(elapsed(() => stripPricePhrases(query))).toBeLessThan(GENEROUS_MS);
  });

  it('whitespace inside a phrase still reads the same', () => {
    expect(parsePriceBounds('under     100   元')).toEqual({ minPrice: null, maxPrice: 100 });
    expect(parsePriceBounds('预算 \t 50')).toEqual({ minPrice: null, maxPrice: 50 });
    expect(parsePriceBounds('between 10\n and   20 dollars')).toEqual({ minPrice: 10, maxPrice: 20 });
    expect(parsePriceBounds('一百五十   元以内')).toEqual({ minPrice: null, maxPrice: 150 });
  });

  it('a whole request with a hostile run is still parsed by the rules', () => {
    const query = `开放世界 RPG under${' '.repeat(400)}100 元`;
    expect(parseRequestByRules(query).maxPrice).toBe(100);
  });
});
