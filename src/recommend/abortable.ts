import { raceAbort } from '../http/deadline.js';

/**
 * Starts `task` unless `signal` is already aborted, and settles as soon as the signal
 * aborts even if the task ignores it, so no stage outlives a cancel or the deadline.
 */
export function abortable<T>(task: () => Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return raceAbort(task(), signal);
}
