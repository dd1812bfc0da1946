/** What bounds one recommendation run: its deadline, the caller's cancel, and how many run at once. */
import { setMaxListeners } from 'node:events';
import { UserError } from '../errors.js';
import { raceAbort } from '../deadline.js';
import type { Recommender } from './types.js';

export const DEADLINE_REASON =
  '处理时间已到，返回目前最好的结果（按规则排序）/ deadline reached; returning the best results so far, ranked by rules';

export interface Deadline {
  /** Aborts when the caller cancels or the deadline passes. */
  readonly signal: AbortSignal;
  expired(): boolean;
  dispose(): void;
}

/** A signal that fires at the deadline or on the caller's cancel, whichever is first. */
export function createDeadline(ms: number, caller: AbortSignal | undefined): Deadline {
  const controller = new AbortController();
  const timer = setTimeout(() => {
    const error = new Error(`Recommendation deadline of ${ms} ms reached`);
    error.name = 'TimeoutError';
    controller.abort(error);
  }, ms);
  const signal = caller ? AbortSignal.any([caller, controller.signal]) : controller.signal;
  // Every parallel search and LLM call of the run listens on it.
  setMaxListeners(100, signal);
  return {
    signal,
    expired: () => controller.signal.aborted,
    dispose: () => clearTimeout(timer),
  };
}

/**
 * Starts `task` unless `signal` is already aborted, and settles as soon as the signal
 * aborts even if the task ignores it, so no stage outlives a cancel or the deadline.
 */
export function abortable<T>(task: () => Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return raceAbort(task(), signal);
}

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
