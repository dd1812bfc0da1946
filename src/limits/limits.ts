import type { Logger } from '../observability/logger.js';
import { RateLimiter, type Rate, type Verdict } from './token-bucket.js';

/** Where budgets are counted for every instance at once (Redis). It may be slow or down. */
export interface SharedLimitStore {
  /** Takes `cost` units of `key`'s budget `name`, atomically for the whole cluster. */
  take(name: string, rate: Rate, key: string, cost: number): Promise<Verdict>;
  /**
   * Holds `member`, one of `key`'s at most `max` slots `name` (open sessions), for `ttlMs`;
   * false when all are held. Atomic; claiming a member already held renews it.
   */
  claimSlot(name: string, key: string, member: string, max: number, ttlMs: number): Promise<boolean>;
  releaseSlot(name: string, key: string, member: string): Promise<void>;
}

/**
 * Runs one shared-store operation for `budget` in bounded time, rejecting when it cannot (Redis
 * down, slow, circuit open) and counting that fallback (the Redis connection's `run`).
 */
export type Guard = <T>(budget: string, operation: () => Promise<T>) => Promise<T>;

/** One named budget (messages, session opens, tool calls, Steam requests…), per key. */
export interface Budget {
  take(key: string, cost?: number): Promise<Verdict>;
}

export type LimitsMode = 'local' | 'shared' | 'fallback';

/**
 * Every per-client and per-upstream budget of this process. Counted here (today's behaviour)
 * until a shared store is attached; then the shared count decides, and this process's own count,
 * kept all along, decides whenever the shared store fails or is slow, so no call ever waits on
 * or fails because of Redis.
 */
export class Limits {
  private shared: { store: SharedLimitStore; guard: Guard } | undefined;
  private failing = false;

  constructor(private readonly deps: { logger: Logger; now?: () => number }) {}

  /** From now on budgets are shared; `guard` bounds each operation's time. */
  share(store: SharedLimitStore, guard: Guard): void {
    this.shared = { store, guard };
  }

  /** For /healthz: counted here, shared, or shared but falling back right now. */
  get mode(): LimitsMode {
    if (!this.shared) return 'local';
    return this.failing ? 'fallback' : 'shared';
  }

  budget(name: string, rate: Rate): Budget {
    const local = new RateLimiter(rate, this.deps.now);
    return { take: (key, cost = 1) => this.take(name, rate, local, key, cost) };
  }

  /**
   * Runs `operation` on the shared store; undefined when there is none, or it failed or was too
   * slow (the caller then decides with this instance's own count).
   */
  async onShared<T>(
    budget: string,
    operation: (store: SharedLimitStore) => Promise<T>,
  ): Promise<T | undefined> {
    const shared = this.shared;
    if (!shared) return undefined;
    try {
      const result = await shared.guard(budget, () => operation(shared.store));
      if (this.failing) {
        this.failing = false;
        this.deps.logger.info({ component: 'limits' }, 'shared limits reachable again');
      }
      return result;
    } catch (error) {
      if (!this.failing) {
        this.failing = true;
        this.deps.logger.warn(
          { component: 'limits', error: (error as Error).message },
          'shared limits unavailable; counting in this instance until Redis answers again',
        );
      }
      return undefined;
    }
  }

  private async take(
    name: string,
    rate: Rate,
    local: RateLimiter,
    key: string,
    cost: number,
  ): Promise<Verdict> {
    // Drawn even when shared: should Redis fail, this instance's count is already warm.
    const own = local.take(key, cost);
    return (await this.onShared(name, (store) => store.take(name, rate, key, cost))) ?? own;
  }
}
