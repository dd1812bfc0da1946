import { describe, expect, it } from 'vitest';
import { CircuitBreaker, type CircuitState } from '../../src/http/circuit-breaker.js';

describe('CircuitBreaker', () => {
  it('opens after the threshold, fails fast, probes after the cooldown, closes on success', () => {
    const clock = { t: 0 };
    const states: CircuitState[] = [];
    const breaker = new CircuitBreaker({
      failureThreshold: 3,
      cooldownMs: 1000,
      now: () => clock.t,
      onStateChange: (s) => states.push(s),
    });
    for (let i = 0; i < 3; i++) {
      expect(breaker.allow()).toBe(true);
      breaker.failure();
    }
    expect(breaker.state).toBe('open');
    expect(breaker.allow()).toBe(false);
    expect(breaker.retryInMs).toBe(1000);
    clock.t = 1000;
    expect(breaker.allow()).toBe(true); // the probe
    expect(breaker.allow()).toBe(false); // only one at a time
    breaker.success();
    expect(breaker.state).toBe('closed');
    expect(states).toEqual(['open', 'half_open', 'closed']);
  });

  it('re-opens when the probe fails, and a success resets the count', () => {
    const clock = { t: 0 };
    const breaker = new CircuitBreaker({ failureThreshold: 2, cooldownMs: 500, now: () => clock.t });
    breaker.failure();
    breaker.success();
    breaker.failure();
    expect(breaker.state).toBe('closed');
    breaker.failure();
    expect(breaker.state).toBe('open');
    clock.t = 500;
    expect(breaker.allow()).toBe(true);
    breaker.failure();
    expect(breaker.state).toBe('open');
    expect(breaker.allow()).toBe(false);
  });
});
