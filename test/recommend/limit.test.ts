import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { limitRecommendations } from '../../src/recommend/run-bounds.js';
import type { Recommender, RecommendResult } from '../../src/recommend/types.js';

describe('limitRecommendations', () => {
  it('refuses runs beyond the cap at once, and admits again when one finishes', async () => {
    const releases: Array<() => void> = [];
    const slow: Recommender = {
      recommend: () =>
        new Promise<RecommendResult>((resolve) => releases.push(() => resolve({} as RecommendResult))),
    };
    const limited = limitRecommendations(slow, 2);
    const input = { userQuery: 'x', maxResults: 1 };
    const first = limited.recommend(input, {});
    const second = limited.recommend(input, {});
    await expect(limited.recommend(input, {})).rejects.toBeInstanceOf(UserError);
    releases.shift()!();
    await first;
    const third = limited.recommend(input, {});
    releases.splice(0).forEach((release) => release());
    await Promise.all([second, third]);
  });
});
