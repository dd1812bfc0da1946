/** A budget: `limit` units per `windowMs`, with bursts of up to `limit` (a token bucket). */
export interface Rate {
  readonly limit: number;
  readonly windowMs: number;
}

export type Verdict = { ok: true } | { ok: false; retryAfterMs: number };

/**
 * A token bucket per client in this process: `rate.limit` units per `rate.windowMs`, bursts up
 * to the same number. Buckets of quiet clients are dropped so the map stays small.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly refillPerMs: number;
  private readonly limit: number;

  constructor(
    rate: Rate,
    private readonly now: () => number = Date.now,
  ) {
    this.limit = rate.limit;
    this.refillPerMs = rate.limit / rate.windowMs;
  }

  /** Takes `cost` tokens (at most a full bucket); returns the milliseconds to wait when short. */
  take(client: string, cost = 1): Verdict {
    const need = Math.min(Math.max(cost, 1), this.limit);
    const now = this.now();
    const bucket = this.buckets.get(client) ?? { tokens: this.limit, at: now };
    bucket.tokens = Math.min(this.limit, bucket.tokens + Math.max(0, now - bucket.at) * this.refillPerMs);
    bucket.at = now;
    this.buckets.set(client, bucket);
    if (this.buckets.size > 10_000) this.prune(now);
    if (bucket.tokens >= need) {
      bucket.tokens -= need;
      return { ok: true };
    }
    return { ok: false, retryAfterMs: Math.ceil((need - bucket.tokens) / this.refillPerMs) };
  }

  private prune(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.at) * this.refillPerMs >= this.limit) this.buckets.delete(key);
    }
  }
}

/** `perMinute` units a minute. */
export const perMinute = (limit: number): Rate => ({ limit, windowMs: 60_000 });
