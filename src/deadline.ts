import { setMaxListeners } from 'node:events';

/**
 * Marks an abort reason as "a tool call's deadline passed" (not a client cancel). A property,
 * not a class: each bundle chunk has its own copy of every class, so instanceof would miss.
 */
const DEADLINE_MARK = 'isCallDeadline';

/** What a partial answer says when the deadline cut it short (English / 中文). */
export const DEADLINE_WARNING =
  'Time limit reached; these results are partial — ask again or narrow the request. 处理时间已到，以下为部分结果，可稍后重试或缩小范围。';

/** After the deadline a handler gets this long to shape what it has before the call gives up. */
export const DEADLINE_GRACE_MS = 1_000;

export interface CallDeadline {
  /** Aborts at the deadline (reason marked, see isDeadlineError) or on the caller's cancel. */
  readonly signal: AbortSignal;
  /** Aborts DEADLINE_GRACE_MS after the deadline: stop waiting for the handler at all. */
  readonly hardSignal: AbortSignal;
  dispose(): void;
}

export function deadlineError(ms: number): Error {
  const error = new Error(`The call took longer than its ${ms} ms limit`);
  error.name = 'TimeoutError';
  Object.defineProperty(error, DEADLINE_MARK, { value: true });
  return error;
}

export function isDeadlineError(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && (error as Record<string, unknown>)[DEADLINE_MARK] === true
  );
}

/** True when `signal` fired because the deadline passed (a partial answer is due, not nothing). */
export function deadlinePassed(signal: AbortSignal | undefined): boolean {
  return Boolean(signal?.aborted && isDeadlineError(signal.reason));
}

/** A deadline of `ms` for one call, also ending on the caller's own cancel. */
export function createCallDeadline(ms: number, caller: AbortSignal): CallDeadline {
  const soft = new AbortController();
  const hard = new AbortController();
  const softTimer = setTimeout(() => soft.abort(deadlineError(ms)), ms);
  const hardTimer = setTimeout(() => hard.abort(deadlineError(ms)), ms + DEADLINE_GRACE_MS);
  const signal = AbortSignal.any([caller, soft.signal]);
  // One call fans out to many upstream requests, each listening on this signal.
  setMaxListeners(100, signal);
  return {
    signal,
    hardSignal: AbortSignal.any([caller, hard.signal]),
    dispose() {
      clearTimeout(softTimer);
      clearTimeout(hardTimer);
    },
  };
}

/**
 * Settles with `promise`, or rejects with the signal's reason as soon as it aborts, even if the
 * work ignores the signal. The work's own later failure is handled (no unhandled rejection).
 */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.reject(signal.reason as Error);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error as Error);
      },
    );
  });
}
