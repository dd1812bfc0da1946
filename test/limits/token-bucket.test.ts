import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/limits/token-bucket.js';

describe('RateLimiter', () => {
  it('allows the per-minute budget, then refuses with the wait, then refills', () => {
    const clock = { t: 0 };
    const limiter = new RateLimiter({ limit: 3, windowMs: 60_000 }, () => clock.t);
    expect([1, 2, 3].map(() => limiter.take('a').ok)).toEqual([true, true, true]);
    const refused = limiter.take('a');
    expect(refused).toEqual({ ok: false, retryAfterMs: 20_000 });
    expect(limiter.take('b').ok).toBe(true);
    clock.t = 20_000;
    expect(limiter.take('a').ok).toBe(true);
    expect(limiter.take('a').ok).toBe(false);
  });
});
