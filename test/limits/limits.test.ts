import { describe, expect, it } from 'vitest';
import { Limits, type SharedLimitStore } from '../../src/limits/limits.js';
import { captureLogger } from '../helpers/capture-logger.js';

const RATE = { limit: 2, windowMs: 60_000 };
const passThrough = <T>(_budget: string, operation: () => Promise<T>) => operation();

function setup() {
  const clock = { t: 0 };
  const { logger, output } = captureLogger();
  const limits = new Limits({ logger, now: () => clock.t });
  return { limits, clock, output };
}

/** A shared store that refuses everything, or fails while `down`. */
function sharedStore(state: { down: boolean; asked: number }): SharedLimitStore {
  return {
    async take() {
      state.asked++;
      if (state.down) throw new Error('ECONNREFUSED');
      return { ok: false, retryAfterMs: 7_000 };
    },
    claimSlot: async () => false,
    releaseSlot: async () => {},
  };
}

describe('Limits', () => {
  it('counts in this process until a shared store is attached', async () => {
    const { limits } = setup();
    const budget = limits.budget('messages', RATE);
    expect((await Promise.all([1, 2, 3].map(() => budget.take('a')))).map((v) => v.ok)).toEqual([
      true,
      true,
      false,
    ]);
    expect((await budget.take('b')).ok).toBe(true);
    expect(limits.mode).toBe('local');
  });

  it('lets the shared count decide, and falls back to its own count (logged once) while the store fails', async () => {
    const { limits, output } = setup();
    const state = { down: false, asked: 0 };
    limits.share(sharedStore(state), passThrough);
    const budget = limits.budget('messages', RATE);
    // The cluster says no although this instance has seen one message only.
    expect(await budget.take('a')).toEqual({ ok: false, retryAfterMs: 7_000 });
    expect(limits.mode).toBe('shared');

    state.down = true;
    // One of two local tokens is already spent (drawn while shared): the local count is warm.
    expect((await budget.take('a')).ok).toBe(true);
    expect((await budget.take('a')).ok).toBe(false);
    expect(limits.mode).toBe('fallback');
    expect(output().match(/shared limits unavailable/g)).toHaveLength(1);

    state.down = false;
    expect(await budget.take('a')).toEqual({ ok: false, retryAfterMs: 7_000 });
    expect(limits.mode).toBe('shared');
    expect(output()).toMatch(/shared limits reachable again/);
  });
});
