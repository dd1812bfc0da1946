import { UserError } from '../errors.js';
import type { Recommender } from './types.js';

/**
 * Caps concurrent recommendation runs per instance: each run fans out to Steam and the LLM,
 * so a burst beyond the cap is refused quickly instead of queueing into the deadline.
 */
export function limitRecommendations(inner: Recommender, maxConcurrent: number): Recommender {
  let running = 0;
  return {
    async recommend(input, opts) {
      if (running >= maxConcurrent) {
        throw new UserError(
          `The server is busy with ${running} recommendations; retry in a few seconds. 推荐请求过多，请稍后重试。`,
          'BUSY',
        );
      }
      running++;
      try {
        return await inner.recommend(input, opts);
      } finally {
        running--;
      }
    },
  };
}
