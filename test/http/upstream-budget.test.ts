import { describe, expect, it } from 'vitest';
import { UpstreamError, publicMessage } from '../../src/errors.js';
import { CircuitBreaker } from '../../src/http/circuit-breaker.js';
import { Semaphore } from '../../src/http/semaphore.js';
import { Upstream } from '../../src/http/upstream.js';
import { BUDGET_WINDOW_MS, UpstreamBudget } from '../../src/http/upstream-budget.js';
import { Limits } from '../../src/limits/limits.js';
import { silentLogger } from '../../src/observability/logger.js';
import { noopMetrics } from '../../src/observability/metrics.js';

/** Two requests per five minutes per host, on a fake clock that sleeping advances. */
function budgetOf(maxWaitMs: number) {
  const clock = { t: 0 };
  const slept: number[] = [];
  const limits = new Limits({ logger: silentLogger, now: () => clock.t });
  const budget = new UpstreamBudget(
    limits.budget('steam_requests', { limit: 2, windowMs: BUDGET_WINDOW_MS }),
    maxWaitMs,
    async (ms) => {
      slept.push(ms);
      clock.t += ms;
    },
    () => clock.t,
  );
  return { budget, slept };
}

describe('UpstreamBudget', () => {
  it('counts per host, waits for a refill within its bound, then refuses with a readable STEAM_BUSY', async () => {
    const { budget, slept } = budgetOf(200_000);
    await budget.acquire('https://store.example/a');
    await budget.acquire('https://store.example/b');
    await budget.acquire('https://api.example/c');
    // The third store request waits one refill (2 per 300 s → 150 s), inside the bound.
    await budget.acquire('https://store.example/d');
    expect(slept).toEqual([150_000]);

    const { budget: strict } = budgetOf(1_000);
    await strict.acquire('https://store.example/a');
    await strict.acquire('https://store.example/a');
    const error = await strict.acquire('https://store.example/a').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ code: 'STEAM_BUSY', retryAfterMs: 150_000 });
    expect(publicMessage(error)).toMatch(/retry in about 150 s.*请约 150 秒后重试/);
  });

  it('keeps an over-budget request from Steam and from the circuit breaker', async () => {
    const { budget } = budgetOf(0);
    let fetched = 0;
    // No cooldown: once open, the next request is the half-open probe.
    const breaker = new CircuitBreaker({ failureThreshold: 1, cooldownMs: 0 });
    const upstream = new Upstream({
      target: 'steam_store',
      fetch: async () => (fetched++, new Response('ok')),
      timeoutMs: 1_000,
      retries: 2,
      limiter: new Semaphore(2),
      breaker,
      budget,
      codes: { http: 'STEAM_HTTP', rateLimited: 'STEAM_RATE_LIMITED', timeout: 'STEAM_TIMEOUT' },
      metrics: noopMetrics,
      logger: silentLogger,
    });
    await upstream.get('https://store.example/1');
    await upstream.get('https://store.example/2');
    breaker.failure();
    // The probe is refused by the budget: Steam was not asked, so it proves nothing either way and
    // the circuit stays open (an answer would have closed it).
    await expect(upstream.get('https://store.example/3')).rejects.toMatchObject({ code: 'STEAM_BUSY' });
    expect(fetched).toBe(2);
    expect(breaker.state).toBe('open');
  });
});
