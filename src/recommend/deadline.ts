import { setMaxListeners } from 'node:events';

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
