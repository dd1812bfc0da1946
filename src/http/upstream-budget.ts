import { UpstreamError } from '../errors.js';
import type { Budget } from '../limits/limits.js';
import { sleep as defaultSleep } from './retry.js';

/** STEAM_BUDGET_PER_5MIN is counted over this window. */
export const BUDGET_WINDOW_MS = 5 * 60_000;

/**
 * Requests per upstream host (STEAM_BUDGET_PER_5MIN), drawn before every attempt, so the whole
 * cluster slows down before the host starts refusing (it counts per egress IP). A request waits
 * for the budget to refill up to `maxWaitMs`; beyond that it fails at once with STEAM_BUSY,
 * which the cache answers with a stale copy when it has one.
 */
export class UpstreamBudget {
  constructor(
    private readonly budget: Budget,
    private readonly maxWaitMs: number,
    private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void> = defaultSleep,
    private readonly now: () => number = Date.now,
  ) {}

  async acquire(url: string, signal?: AbortSignal): Promise<void> {
    const host = new URL(url).host;
    const started = this.now();
    for (;;) {
      const verdict = await this.budget.take(host);
      if (verdict.ok) return;
      if (this.now() - started + verdict.retryAfterMs > this.maxWaitMs) {
        throw new UpstreamError('STEAM_BUSY', `request budget for ${host} spent`, {
          retryAfterMs: verdict.retryAfterMs,
        });
      }
      await this.sleep(verdict.retryAfterMs, signal);
    }
  }
}
